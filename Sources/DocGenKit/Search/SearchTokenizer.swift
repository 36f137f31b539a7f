import Foundation

/// Turns text into search terms, the same way at index time and in `search.js` (shared test
/// vectors: `Tests/Fixtures/search-tokens.json`; rules: `docs/SEARCH-INDEX.md`).
///
/// A *segment* is a run of word characters (letters, marks, digits) that may contain single `_`
/// or `-` joiners. A segment splits into *parts* at joiners, at camelCase humps and where Chinese
/// or Japanese script starts or stops. Each part is folded (lower-cased, compatibility-decomposed,
/// Latin/Greek diacritics and Arabic vowel marks dropped). Han and kana parts become overlapping
/// bigrams; other parts are terms, and a segment of several non-CJK parts also yields their
/// concatenation (`cmark_parser_new` → `cmark`, `parser`, `new`, `cmarkparsernew`).
public struct SearchTokenizer: Sendable {
    /// The language of the text, e.g. `en`; English drops a few stop words.
    public let language: String
    let english: Bool

    /// Terms longer than this (in Unicode scalars) are dropped: they are hashes and blobs.
    public static let maxTermLength = 40

    public static let englishStopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
        "no", "not", "of", "on", "or", "s", "such", "t", "that", "the", "their", "then", "there", "these",
        "they", "this", "to", "was", "will", "with",
    ]

    public init(language: String) {
        self.language = language
        let lower = language.lowercased()
        english = lower == "en" || lower.hasPrefix("en-") || lower.hasPrefix("en_")
    }

    /// The terms of `text` in order (duplicates kept).
    public func tokens(_ text: String, keepStopWords: Bool = false) -> [String] {
        var out: [String] = []
        forEachToken(in: text, keepStopWords: keepStopWords) { out.append($0) }
        return out
    }

    /// Calls `body` with each term of `text` in order.
    public func forEachToken(in text: String, keepStopWords: Bool = false, _ body: (String) -> Void) {
        struct Strings: SearchTermSink {
            let body: (String) -> Void
            mutating func term(_ words: UnsafePointer<UInt64>, count: Int, hash: UInt64) {
                body(String(decoding: UnsafeRawBufferPointer(start: words, count: count), as: UTF8.self))
            }

            mutating func term(_ term: String) { body(term) }
        }
        withoutActuallyEscaping(body) { body in
            var sink = Strings(body: body)
            forEachTerm(in: text, keepStopWords: keepStopWords, into: &sink)
        }
    }

    /// Gives `sink` each term of `text` in order: the terms of ASCII words as bytes (the index
    /// builder counts them without making a String of every word), the others as Strings.
    ///
    /// A segment never spans an ASCII character other than a letter, digit or joiner, so text is
    /// cut there into pieces; pieces of ASCII take the byte path, the others the general one.
    func forEachTerm<Sink: SearchTermSink>(in text: String, keepStopWords: Bool = false, into sink: inout Sink) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { terms(of: $0, keepStopWords: keepStopWords, into: &sink) }
        if done == nil {
            var text = text
            text.withUTF8 { terms(of: $0, keepStopWords: keepStopWords, into: &sink) }
        }
    }

    private func terms<Sink: SearchTermSink>(of buf: UnsafeBufferPointer<UInt8>, keepStopWords: Bool, into sink: inout Sink) {
        var high: UInt8 = 0
        for b in buf { high |= b }
        if high < 0x80 { return asciiTerms(buf, keepStopWords: keepStopWords, into: &sink) }
        var asciiStart = 0, i = 0
        while i < buf.count {
            var ascii = true
            var j = i
            while j < buf.count {
                let b = buf[j]
                if b >= 0x80 { ascii = false } else if !Self.isWordOrJoiner(b) { break }
                j += 1
            }
            if !ascii {
                asciiTerms(UnsafeBufferPointer(rebasing: buf[asciiStart..<i]), keepStopWords: keepStopWords, into: &sink)
                generalTerms(String(decoding: UnsafeBufferPointer(rebasing: buf[i..<j]), as: UTF8.self),
                             keepStopWords: keepStopWords, into: &sink)
                asciiStart = j
            }
            i = j + 1
        }
        if asciiStart < buf.count {
            asciiTerms(UnsafeBufferPointer(rebasing: buf[asciiStart...]), keepStopWords: keepStopWords, into: &sink)
        }
    }

    @inline(__always)
    private static func isWordOrJoiner(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x5F || b == 0x2D
    }

    /// The rules for any text: scalars classified and folded one by one.
    private func generalTerms<Sink: SearchTermSink>(_ text: String, keepStopWords: Bool, into sink: inout Sink) {
        let scalars = Array(text.unicodeScalars)
        let classes = scalars.map(Self.classify)
        let n = scalars.count
        var i = 0
        var parts: [(start: Int, end: Int, cjk: Bool)] = []
        var folded: [String] = []
        while i < n {
            guard classes[i] == .word || classes[i] == .cjk else { i += 1; continue }
            parts.removeAll(keepingCapacity: true)
            var start = i
            var j = i
            while true {
                let cls = classes[start]
                j = start + 1
                while j < n && classes[j] == cls {
                    if cls == .word && isCamelBoundary(scalars, classes, j) { break }
                    j += 1
                }
                parts.append((start, j, cls == .cjk))
                if j < n && (classes[j] == .word || classes[j] == .cjk) { start = j; continue }
                if j + 1 < n && classes[j] == .joiner && (classes[j + 1] == .word || classes[j + 1] == .cjk) {
                    start = j + 1
                    continue
                }
                break
            }
            i = j
            folded.removeAll(keepingCapacity: true)
            var hasCJK = false
            for part in parts {
                let term = Self.fold(scalars[part.start..<part.end])
                if part.cjk {
                    hasCJK = true
                    Self.bigrams(term) { sink.term($0) }
                } else {
                    folded.append(term)
                    if !keepStopWords && english && Self.englishStopWords.contains(term) { continue }
                    emit(term) { sink.term($0) }
                }
            }
            if !hasCJK && parts.count > 1 { emit(folded.joined()) { sink.term($0) } }
        }
    }

    /// The same rules as `generalTerms`, specialised to ASCII bytes (most documentation text).
    /// Words are scanned 8 bytes at a time and lower-cased a word at a time; a segment's parts are
    /// passed on as they are found, and copied after one another for the joined term only when
    /// there is a second part.
    private func asciiTerms<Sink: SearchTermSink>(_ buf: UnsafeBufferPointer<UInt8>, keepStopWords: Bool,
                                                  into sink: inout Sink) {
        guard let base = buf.baseAddress else { return }
        @inline(__always) func isWord(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 }
        @inline(__always) func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
        @inline(__always) func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
        let n = buf.count
        /// The 8 bytes from `k`, first byte lowest; only while `k + 8 <= n`.
        @inline(__always) func load(_ k: Int) -> UInt64 { UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self) }
        /// Where the part starting with the word byte at `start` ends: at the first byte after it
        /// that is not a word byte or starts a camelCase hump.
        @inline(__always) func partEnd(_ start: Int) -> Int {
            var k = start + 1
            while k + 8 <= n {
                let x = load(k)
                let stops = ~Self.wordBytes(x) & 0x8080_8080_8080_8080 | Self.bytes(x, from: 0x41, to: 0x5A)
                if stops == 0 { k += 8; continue }
                let j = k + (stops.trailingZeroBitCount >> 3)
                guard isWord(buf[j]) else { return j }
                // An upper-case letter: a hump after a lower-case one, or before one after an upper-case one.
                let p = buf[j - 1]
                if isLower(p) || (isUpper(p) && j + 1 < n && isLower(buf[j + 1])) { return j }
                k = j + 1
            }
            while k < n {
                let c = buf[k]
                guard isWord(c) else { return k }
                if isUpper(c) {
                    let p = buf[k - 1]
                    if isLower(p) || (isUpper(p) && k + 1 < n && isLower(buf[k + 1])) { return k }
                }
                k += 1
            }
            return n
        }
        let dropsStopWords = english && !keepStopWords
        let maxLength = Self.maxTermLength
        let words = (maxLength + 7) / 8
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * words) { scratch in
            let part = scratch.baseAddress!, joined = part + words
            let joinedBytes = UnsafeMutableRawPointer(joined)
            let stopWords = Self.stopWordSlots
            /// Lower-cases `length` word bytes from `from` to `to` (`|0x20` leaves digits as they are).
            @inline(__always) func copy(_ from: Int, _ length: Int, to: UnsafeMutableRawPointer, at offset: Int) {
                for k in 0..<length { to.storeBytes(of: buf[from + k] | 0x20, toByteOffset: offset + k, as: UInt8.self) }
            }
            /// Lower-cases the part of `length` bytes at `from` into `part`, a word at a time;
            /// returns its first word and its hash.
            @inline(__always) func copyPart(_ from: Int, _ length: Int) -> (first: UInt64, hash: UInt64) {
                var hash = SearchTermTable.hashStart(length)
                var first: UInt64 = 0
                var k = 0
                while k < length {
                    var w: UInt64 = 0
                    if from + k + 8 <= n {
                        w = load(from + k) | 0x2020_2020_2020_2020
                        if length - k < 8 { w &= (1 &<< (8 * (length - k))) &- 1 }
                    } else {
                        for x in 0..<min(8, length - k) { w |= UInt64(buf[from + k + x] | 0x20) &<< (8 * x) }
                    }
                    if k == 0 { first = w }
                    part[k >> 3] = w
                    hash = SearchTermTable.hash(hash, w)
                    k += 8
                }
                return (first, hash)
            }
            var i = 0
            while i < n {
                guard isWord(buf[i]) else { i += 1; continue }
                var start = i, j = i
                var parts = 0, total = 0, firstStart = i
                while true {
                    j = partEnd(start)
                    let length = j - start
                    if length <= maxLength {
                        let (first, hash) = copyPart(start, length)
                        if !(dropsStopWords && length <= 5 && Self.isEnglishStopWord(first, in: stopWords)) {
                            sink.term(UnsafePointer(part), count: length, hash: hash)
                        }
                    }
                    if parts == 0 {
                        firstStart = start
                    } else {
                        if parts == 1 && total <= maxLength { copy(firstStart, total, to: joinedBytes, at: 0) }
                        if total + length <= maxLength { copy(start, length, to: joinedBytes, at: total) }
                    }
                    parts += 1
                    total += length
                    if j < n && isWord(buf[j]) { start = j; continue }
                    if j + 1 < n && (buf[j] == 0x5F || buf[j] == 0x2D) && isWord(buf[j + 1]) { start = j + 1; continue }
                    break
                }
                i = j
                if parts > 1 && total <= maxLength {
                    for k in total..<((total + 7) & ~7) { joinedBytes.storeBytes(of: 0, toByteOffset: k, as: UInt8.self) }
                    sink.term(UnsafePointer(joined), count: total, hash: SearchTermTable.hash(UnsafePointer(joined), count: total))
                }
            }
        }
    }

    /// The high bit of each byte of `x` (ASCII bytes, first byte lowest) that is a letter or a digit.
    @inline(__always)
    static func wordBytes(_ x: UInt64) -> UInt64 {
        bytes(x | 0x2020_2020_2020_2020, from: 0x61, to: 0x7A) | bytes(x, from: 0x30, to: 0x39)
    }

    /// The high bit of each byte of `x` (ASCII bytes) in `lo...hi`: adding `0x80 - lo` sets a
    /// byte's high bit when it is at least `lo`, adding `0x7F - hi` when it is above `hi`; no sum
    /// carries into the next byte.
    @inline(__always)
    static func bytes(_ x: UInt64, from lo: UInt8, to hi: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        return (x &+ ones &* UInt64(0x80 - lo)) & ~(x &+ ones &* UInt64(0x7F - hi)) & 0x8080_8080_8080_8080
    }

    /// Whether the term in `word` (at most 5 lower-case ASCII bytes, zero-padded) is an English stop word.
    @inline(__always)
    static func isEnglishStopWord(_ word: UInt64, in stopWords: StopWordSlots) -> Bool {
        stopWords.slots[Int(truncatingIfNeeded: (word &* stopWords.multiplier) &>> 56)] == word
    }

    /// `englishStopWords` as zero-padded little-endian words, each alone in its slot of 256 for a
    /// multiplier found once: a lookup is one load and one comparison.
    struct StopWordSlots: Sendable {
        var slots: [UInt64]
        var multiplier: UInt64
    }

    static let stopWordSlots: StopWordSlots = {
        let words = englishStopWords.map { word in word.utf8.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        var multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        while true {
            var slots = [UInt64](repeating: 0, count: 256)
            var distinct = true
            for w in words {
                let i = Int(truncatingIfNeeded: (w &* multiplier) &>> 56)
                if slots[i] != 0 { distinct = false; break }
                slots[i] = w
            }
            if distinct { return StopWordSlots(slots: slots, multiplier: multiplier) }
            multiplier &+= 0x2545_F491_4F6C_DD1E
        }
    }()

    private func emit(_ term: String, _ body: (String) -> Void) {
        if term.isEmpty { return }
        if term.utf8.count > Self.maxTermLength && term.unicodeScalars.count > Self.maxTermLength { return }
        body(term)
    }

    private static func bigrams(_ term: String, _ body: (String) -> Void) {
        let chars = Array(term.unicodeScalars)
        if chars.count == 1 { body(term); return }
        guard chars.count > 1 else { return }
        for k in 0..<(chars.count - 1) {
            var pair = String.UnicodeScalarView()
            pair.append(chars[k])
            pair.append(chars[k + 1])
            body(String(pair))
        }
    }

    private func isCamelBoundary(_ s: [Unicode.Scalar], _ classes: [CharClass], _ j: Int) -> Bool {
        let prev = Self.letterCase(s[j - 1])
        let cur = Self.letterCase(s[j])
        if prev == .lower && cur == .upper { return true }
        if prev == .upper && cur == .upper && j + 1 < s.count && classes[j + 1] == .word
            && Self.letterCase(s[j + 1]) == .lower { return true }
        return false
    }

    // MARK: Characters

    enum CharClass: UInt8 { case other, word, cjk, joiner }
    enum LetterCase { case upper, lower, none }

    static func classify(_ s: Unicode.Scalar) -> CharClass {
        let v = s.value
        if v < 0x80 {
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) { return .word }
            if v == 0x5F || v == 0x2D { return .joiner }
            return .other
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber:
            return isCJK(v) ? .cjk : .word
        default:
            return .other
        }
    }

    /// Han and kana: written without spaces, indexed as character bigrams.
    static func isCJK(_ v: UInt32) -> Bool {
        (0x3005...0x3007).contains(v) || (0x3040...0x30FF).contains(v) || (0x31F0...0x31FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0xFF66...0xFF9F).contains(v) || (0x20000...0x3134F).contains(v)
    }

    static func letterCase(_ s: Unicode.Scalar) -> LetterCase {
        let v = s.value
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { return .upper }
            if v >= 0x61 && v <= 0x7A { return .lower }
            return .none
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter: return .upper
        case .lowercaseLetter: return .lower
        default: return .none
        }
    }

    // MARK: Folding

    /// Lower-case, NFKD, drop Latin/Greek diacritics, Arabic vowel marks and tatweel, NFC, then a
    /// few letters that do not decompose (`ß` → `ss`, `ø` → `o`, final `ς` → `σ`, `ё` → `е`).
    static func fold(_ part: ArraySlice<Unicode.Scalar>) -> String {
        if part.allSatisfy({ $0.value < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(part.count)
            for s in part {
                let v = UInt8(s.value)
                bytes.append(v >= 0x41 && v <= 0x5A ? v + 0x20 : v)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let raw = String(String.UnicodeScalarView(part)).lowercased()
        var kept = String.UnicodeScalarView()
        var base: UInt32?
        for s in raw.decomposedStringWithCompatibilityMapping.unicodeScalars {
            let v = s.value
            if v == 0x640 || (0x64B...0x65F).contains(v) || v == 0x670 { continue }
            switch s.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                if (0x300...0x36F).contains(v), let b = base, b < 0x400 { continue }
            default:
                base = v
            }
            kept.append(s)
        }
        var out = String.UnicodeScalarView()
        for s in String(kept).precomposedStringWithCanonicalMapping.unicodeScalars {
            switch s.value {
            case 0x3C2: out.append(Unicode.Scalar(0x3C3)!)
            case 0x451: out.append(Unicode.Scalar(0x435)!)
            case 0xDF: out.append(contentsOf: "ss".unicodeScalars)
            case 0xE6: out.append(contentsOf: "ae".unicodeScalars)
            case 0x153: out.append(contentsOf: "oe".unicodeScalars)
            case 0xF8: out.append("o")
            case 0x142: out.append("l")
            case 0x111, 0xF0: out.append("d")
            case 0xFE: out.append(contentsOf: "th".unicodeScalars)
            case 0x131: out.append("i")
            default: out.append(s)
            }
        }
        return String(out)
    }
}

/// What `SearchTokenizer.forEachTerm(in:into:)` gives each term to.
protocol SearchTermSink {
    /// A term of ASCII text, lower-case: its `count` bytes at the start of `words`, zero after them
    /// to the end of the last word, and their `SearchTermTable.hash`. Valid during the call only.
    mutating func term(_ words: UnsafePointer<UInt64>, count: Int, hash: UInt64)
    /// A term of other text.
    mutating func term(_ term: String)
}
