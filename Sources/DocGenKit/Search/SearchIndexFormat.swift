import DocGenCore
import Foundation

/// The byte-level pieces of the search index format (`docs/SEARCH-INDEX.md`), shared by the
/// builder and mirrored by `search.js`.
public enum SearchIndexFormat {
    /// Bumped when `search.js` could not read an older index.
    public static let version = 2

    /// Field order in the BM25 tables; `weights` are per field.
    public static let fields = ["title", "headings", "tags", "body"]
    public static let weights: [Double] = [5, 3, 2, 1]
    public static let k1 = 1.2
    public static let b = 0.75
    /// Impacts are stored as `round(score * impactScale)`.
    public static let impactScale = 8.0

    /// 64 characters that need no escaping in JSON: the first 32 are non-final base-32 digits,
    /// the last 32 final digits, so numbers need no separators.
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".utf8)

    /// Appends `n` (≥ 0) as a base-32 number whose last digit is marked.
    @inline(__always)
    static func appendNumber(_ n: Int, to out: inout [UInt8]) {
        var shift = 0
        while n >> (shift + 5) > 0 { shift += 5 }
        while shift > 0 {
            out.append(character((n >> shift) & 31))
            shift -= 5
        }
        out.append(character(32 + (n & 31)))
    }

    /// `alphabet[v]`, computed: the digit loops call it for every byte.
    @inline(__always)
    static func character(_ v: Int) -> UInt8 {
        switch v {
        case 0..<10: return UInt8(0x30 + v)
        case 10..<36: return UInt8(0x41 - 10 + v)
        case 36..<62: return UInt8(0x61 - 36 + v)
        default: return v == 62 ? 0x2D : 0x5F
        }
    }

    /// The index of `byte` in `alphabet`, 64 when it is not there.
    @inline(__always)
    static func digit(_ byte: UInt8) -> Int {
        switch byte {
        case 0x30...0x39: return Int(byte) - 0x30
        case 0x41...0x5A: return Int(byte) - 0x41 + 10
        case 0x61...0x7A: return Int(byte) - 0x61 + 36
        case 0x2D: return 62
        case 0x5F: return 63
        default: return 64
        }
    }

    /// `numbers` in the compact number encoding.
    public static func encode(_ numbers: [Int]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(numbers.count * 2)
        for n in numbers { appendNumber(n, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The inverse of `encode`; `nil` for a character outside the alphabet.
    public static func decode(_ text: String) -> [Int]? {
        var out: [Int] = []
        var v = 0
        for byte in text.utf8 {
            guard let index = alphabet.firstIndex(of: byte) else { return nil }
            if index < 32 {
                v = v * 32 + index
            } else {
                out.append(v * 32 + index - 32)
                v = 0
            }
        }
        return out
    }

    /// Postings as `(doc id delta, impact, block)` triples, doc ids ascending.
    static func encodePostings(_ postings: some Collection<SearchPosting>) -> String {
        var out: [UInt8] = []
        appendPostings(postings, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `postings` encoded, with room for `extra` more bytes after them.
    static func appendPostings(_ postings: some Collection<SearchPosting>, to out: inout [UInt8], reserving extra: Int = 0) {
        // Sized exactly first: fresh memory written once costs less than room zeroed and cut back.
        @inline(__always) func digits(_ n: Int) -> Int { n < 32 ? 1 : (Int.bitWidth - n.leadingZeroBitCount + 4) / 5 }
        var size = 0
        var previous: Int32 = 0
        var first = true
        for p in postings {
            size += digits(Int(first ? p.doc : p.doc - previous)) + digits(Int(p.impact)) + digits(Int(p.block))
            previous = p.doc
            first = false
        }
        let start = out.count
        out.reserveCapacity(start + size + extra)
        out.append(contentsOf: repeatElement(0, count: size))
        out.withUnsafeMutableBufferPointer { buffer in
            var i = start
            @inline(__always) func put(_ n: Int) {
                var shift = 0
                while n >> (shift + 5) > 0 { shift += 5 }
                while shift > 0 {
                    buffer[i] = character((n >> shift) & 31)
                    i += 1
                    shift -= 5
                }
                buffer[i] = character(32 + (n & 31))
                i += 1
            }
            previous = 0
            first = true
            for p in postings {
                put(Int(first ? p.doc : p.doc - previous))
                put(Int(p.impact))
                put(Int(p.block))
                previous = p.doc
                first = false
            }
        }
    }

    /// The inverse of `appendPostings`; `nil` for bytes outside the alphabet or a partial triple.
    static func decodePostings(_ bytes: ArraySlice<UInt8>) -> [SearchPosting]? {
        bytes.withUnsafeBufferPointer { buffer -> [SearchPosting]? in
            var out: [SearchPosting] = []
            out.reserveCapacity(buffer.count / 4)
            var n0 = 0, n1 = 0, k = 0, v = 0, doc: Int32 = 0
            for byte in buffer {
                let digit = digit(byte)
                guard digit < 64 else { return nil }
                if digit < 32 { v = v * 32 + digit; continue }
                v = v * 32 + digit - 32
                switch k {
                case 0: n0 = v; k = 1
                case 1: n1 = v; k = 2
                default:
                    doc = out.isEmpty ? Int32(n0) : doc + Int32(n0)
                    guard n1 <= Int(UInt16.max), v <= Int(UInt16.max) else { return nil }
                    out.append(SearchPosting(doc: doc, impact: UInt16(n1), block: UInt16(v)))
                    k = 0
                }
                v = 0
            }
            return k == 0 && v == 0 ? out : nil
        }
    }

    /// Orders strings by UTF-16 code units, as JavaScript's `<` does.
    static func utf16Less(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    /// The heading id GitHub would give an ASCII heading; `nil` when the heading is not ASCII
    /// (then the anchor is always stored). `search.js` computes the same.
    static func asciiSlug(_ heading: String) -> String? {
        var out: [UInt8] = []
        for byte in heading.utf8 {
            guard byte < 0x80 else { return nil }
            switch byte {
            case 0x20: out.append(0x2D)
            case 0x41...0x5A: out.append(byte + 0x20)
            case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F: out.append(byte)
            default: break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first `limit` characters of `text` with runs of white space collapsed, cut at a word
    /// boundary and ended with `…` when shortened.
    static func excerpt(_ text: String, limit: Int) -> String {
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ asciiExcerpt($0, limit: limit) }), let ascii {
            return ascii
        }
        var out = String.UnicodeScalarView()
        var count = 0
        var pendingSpace = false
        var truncated = false
        for s in text.unicodeScalars {
            if s.value < 0x80 ? (s == " " || (s.value >= 0x09 && s.value <= 0x0D)) : s.properties.isWhitespace {
                pendingSpace = count > 0
                continue
            }
            if count + (pendingSpace ? 1 : 0) >= limit { truncated = true; break }
            if pendingSpace { out.append(" "); count += 1; pendingSpace = false }
            out.append(s)
            count += 1
        }
        guard truncated else { return String(out) }
        var result = String(out)
        if let space = result.lastIndex(of: " "), result.distance(from: space, to: result.endIndex) < 24 {
            result = String(result[..<space])
        }
        return result + "…"
    }

    /// `excerpt` of ASCII text, on its bytes; `nil` when a byte it reads is not ASCII.
    private static func asciiExcerpt(_ text: UnsafeBufferPointer<UInt8>, limit: Int) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(min(text.count, limit))
        var pendingSpace = false
        var truncated = false
        var lastSpace = -1
        for byte in text {
            guard byte < 0x80 else { return nil }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !out.isEmpty
                continue
            }
            if out.count + (pendingSpace ? 1 : 0) >= limit { truncated = true; break }
            if pendingSpace { lastSpace = out.count; out.append(0x20); pendingSpace = false }
            out.append(byte)
        }
        if truncated, lastSpace >= 0, out.count - lastSpace < 24 { out.removeSubrange(lastSpace...) }
        return String(decoding: out, as: UTF8.self) + (truncated ? "…" : "")
    }

    /// `excerpt(text, limit:)` quoted as `quote` does it, appended to `out`.
    static func appendQuotedExcerpt(_ text: String, limit: Int, to out: inout [UInt8]) {
        let start = out.count
        out.append(0x22)
        var plain = true
        if text.utf8.withContiguousStorageIfAvailable({ appendASCIIExcerpt($0, limit: limit, to: &out, plain: &plain) }) == true,
           plain {
            out.append(0x22)
            return
        }
        out.removeSubrange(start...)
        appendQuoted(excerpt(text, limit: limit), to: &out)
    }

    /// Appends `excerpt` of ASCII text; false when a byte it reads is not ASCII. `plain` is false
    /// when the excerpt may need escaping in JSON. Written to a scratch buffer first, then appended whole.
    private static func appendASCIIExcerpt(_ text: UnsafeBufferPointer<UInt8>, limit: Int, to out: inout [UInt8],
                                           plain: inout Bool) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, limit)) { excerpt -> Bool in
            var count = 0
            var pendingSpace = false
            var truncated = false
            var lastSpace = -1
            var special = false
            for byte in text {
                guard byte < 0x80 else { return false }
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = count > 0
                    continue
                }
                if count + (pendingSpace ? 1 : 0) >= limit { truncated = true; break }
                if pendingSpace { lastSpace = count; excerpt[count] = 0x20; count += 1; pendingSpace = false }
                special = special || byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C
                excerpt[count] = byte
                count += 1
            }
            if truncated, lastSpace >= 0, count - lastSpace < 24 { count = lastSpace }
            if special { plain = false }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: excerpt[0..<count]))
            if truncated { out.append(contentsOf: [0xE2, 0x80, 0xA6]) }  // …
            return true
        }
    }

    /// `quote(s)`, appended to `out`.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C { return false }
            out.append(0x22)
            out.append(contentsOf: bytes)
            out.append(0x22)
            return true
        }
        var plain = s.utf8.withContiguousStorageIfAvailable(append)
        if plain == nil {
            var s = s
            plain = s.withUTF8(append)
        }
        if plain == false { out.append(contentsOf: JSONText.quote(s).utf8) }
    }

    /// `n` (≥ 0) in decimal, appended to `out`.
    static func appendDecimal(_ n: Int, to out: inout [UInt8]) {
        if n >= 10 { appendDecimal(n / 10, to: &out) }
        out.append(UInt8(0x30 + n % 10))
    }

    /// Whether `asciiSlug(heading) == anchor`, without making the slug a String when the anchor is ASCII.
    static func isASCIISlug(_ anchor: String, of heading: String) -> Bool {
        var anchor = anchor, heading = heading
        let compared = anchor.withUTF8 { a -> Bool? in
            // A non-ASCII anchor can equal an ASCII slug only as a canonically equivalent String.
            for b in a where b >= 0x80 { return nil }
            return heading.withUTF8 { h -> Bool in
                var i = 0
                for byte in h {
                    let slugByte: UInt8
                    switch byte {
                    case 0x80...: return false
                    case 0x20: slugByte = 0x2D
                    case 0x41...0x5A: slugByte = byte + 0x20
                    case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F: slugByte = byte
                    default: continue
                    }
                    guard i < a.count, a[i] == slugByte else { return false }
                    i += 1
                }
                return i == a.count
            }
        }
        return compared ?? (asciiSlug(heading) == anchor)
    }

    /// A number with at most two decimals, written the same on every platform.
    static func decimal(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let whole = hundredths / 100, rest = hundredths % 100
        if rest == 0 { return String(whole) }
        return rest % 10 == 0 ? "\(whole).\(rest / 10)" : "\(whole).\(rest < 10 ? "0" : "")\(rest)"
    }

    static func quote(_ s: String) -> String {
        // Most terms and encoded postings need no escaping.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C }) { return "\"" + s + "\"" }
        return JSONText.quote(s)
    }
}

/// One document's entry in a term's posting list.
struct SearchPosting: Sendable, Equatable {
    var doc: Int32
    /// `round(BM25F score without idf * impactScale)`, at least 1.
    var impact: UInt16
    /// Index of the block the term matches best (0 when it is in the title).
    var block: UInt16

    /// The order that picks a term's head: higher impact first, then lower doc id.
    static func ranksAbove(_ a: SearchPosting, _ b: SearchPosting) -> Bool {
        a.impact != b.impact ? a.impact > b.impact : a.doc < b.doc
    }
}
