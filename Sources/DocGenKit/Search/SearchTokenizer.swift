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
        forEachToken(in: text, keepStopWords: keepStopWords, ascii: { bytes in body(String(decoding: bytes, as: UTF8.self)) },
                     body)
    }

    /// Calls `ascii` with each term of ASCII text as its bytes (valid during the call only), or
    /// `other` with each term of other text: the index builder counts terms without making a
    /// String of every word.
    func forEachToken(in text: String, keepStopWords: Bool = false, ascii: (UnsafeBufferPointer<UInt8>) -> Void,
                      _ other: (String) -> Void) {
        var text = text
        let isASCII = text.withUTF8 { buf -> Bool in
            var high: UInt8 = 0
            for b in buf { high |= b }
            if high < 0x80 { asciiTokens(buf, keepStopWords: keepStopWords, ascii) }
            return high < 0x80
        }
        if isASCII { return }
        let body = other
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
                    Self.bigrams(term, body)
                } else {
                    folded.append(term)
                    if !keepStopWords && english && Self.englishStopWords.contains(term) { continue }
                    emit(term, body)
                }
            }
            if !hasCJK && parts.count > 1 { emit(folded.joined(), body) }
        }
    }

    /// The same rules as the general path, specialised to ASCII bytes (most documentation text).
    private func asciiTokens(_ buf: UnsafeBufferPointer<UInt8>, keepStopWords: Bool,
                             _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        @inline(__always) func isWord(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
        }
        @inline(__always) func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        @inline(__always) func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b + 0x20 : b }
        let n = buf.count
        var parts: [(Int, Int)] = []
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxTermLength) { term in
            var i = 0
            while i < n {
                guard isWord(buf[i]) else { i += 1; continue }
                parts.removeAll(keepingCapacity: true)
                var start = i
                var j = i
                while true {
                    j = start + 1
                    while j < n && isWord(buf[j]) {
                        let p = buf[j - 1], c = buf[j]
                        if isLower(p) && isUpper(c) { break }
                        if isUpper(p) && isUpper(c) && j + 1 < n && isLower(buf[j + 1]) { break }
                        j += 1
                    }
                    parts.append((start, j))
                    if j < n && isWord(buf[j]) { start = j; continue }
                    if j + 1 < n && (buf[j] == 0x5F || buf[j] == 0x2D) && isWord(buf[j + 1]) { start = j + 1; continue }
                    break
                }
                i = j
                var total = 0
                for (a, b) in parts {
                    let length = b - a
                    total += length
                    guard length <= Self.maxTermLength else { continue }
                    for k in 0..<length { term[k] = lower(buf[a + k]) }
                    let bytes = UnsafeBufferPointer(rebasing: term[0..<length])
                    if !keepStopWords && english && Self.isEnglishStopWord(bytes) { continue }
                    body(bytes)
                }
                if parts.count > 1 && total <= Self.maxTermLength {
                    var k = 0
                    for (a, b) in parts { for x in a..<b { term[k] = lower(buf[x]); k += 1 } }
                    body(UnsafeBufferPointer(rebasing: term[0..<total]))
                }
            }
        }
    }

    /// `englishStopWords.contains` for lower-case ASCII bytes, without hashing a String.
    static func isEnglishStopWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= 5, !bytes.isEmpty else { return false }
        var packed: UInt64 = 0
        for b in bytes { packed = packed << 8 | UInt64(b) }
        var lo = 0, hi = packedStopWords.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if packedStopWords[mid] < packed { lo = mid + 1 } else { hi = mid }
        }
        return lo < packedStopWords.count && packedStopWords[lo] == packed
    }

    private static let packedStopWords: [UInt64] = englishStopWords.map { word in
        word.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }.sorted()

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
