#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The start tags the link check and the tokenizer itself tell apart; every other name is `.other`.
enum HTMLTagKind {
    case a, link, area, img, script, source, iframe, form
    case style, title, textarea, xmp, noembed, noframes, plaintext, svg, math, font
    /// An HTML element whose start tag ends SVG or MathML content (WHATWG "in foreign content").
    case breakout
    case other

    /// The kind of the tag named by `count` bytes at `name`, ASCII case-insensitively.
    static func of(_ name: UnsafePointer<UInt8>, count: Int) -> HTMLTagKind {
        guard count <= 8 else {
            if count == 9, HTMLTokenizer.matches(name, "plaintext") { return .plaintext }
            if count == 10, HTMLTokenizer.matches(name, "blockquote") { return .breakout }
            return .other
        }
        // The name's lowercased bytes, first byte lowest; a NUL would make "a\0" look like "a".
        var packed: UInt64 = 0
        for k in 0..<count {
            let c = name[k]
            if c == 0 { return .other }
            packed |= UInt64(HTMLTokenizer.lowercased(c)) << (8 * UInt64(k))
        }
        switch packed {
        case 0x61: return .a
        case 0x6b6e696c: return .link
        case 0x61657261: return .area
        case 0x676d69: return .img
        case 0x747069726373: return .script
        case 0x656372756f73: return .source
        case 0x656d61726669: return .iframe
        case 0x6d726f66: return .form
        case 0x656c797473: return .style
        case 0x656c746974: return .title
        case 0x6165726174786574: return .textarea
        case 0x706d78: return .xmp
        case 0x6465626d656f6e: return .noembed
        case 0x73656d6172666f6e: return .noframes
        case 0x677673: return .svg
        case 0x6874616d: return .math
        case 0x746e6f66: return .font
        // b big body br center code dd div dl dt em embed h1-h6 head hr i li listing menu meta nobr
        // ol p pre ruby s small span strong strike sub sup table tt u ul var (img is above)
        case 0x62, 0x676962, 0x79646f62, 0x7262, 0x7265746e6563, 0x65646f63, 0x6464, 0x766964, 0x6c64,
             0x7464, 0x6d65, 0x6465626d65, 0x3168, 0x3268, 0x3368, 0x3468, 0x3568, 0x3668, 0x64616568,
             0x7268, 0x69, 0x696c, 0x676e697473696c, 0x756e656d, 0x6174656d, 0x72626f6e, 0x6c6f, 0x70,
             0x657270, 0x79627572, 0x73, 0x6c6c616d73, 0x6e617073, 0x676e6f727473, 0x656b69727473,
             0x627573, 0x707573, 0x656c626174, 0x7474, 0x75, 0x6c75, 0x726176:
            return .breakout
        default: return .other
        }
    }
}

/// One attribute of a start tag, as byte ranges of the document.
struct HTMLAttribute {
    var name: Range<Int>
    /// The raw value inside its quotes; empty for an attribute written without a value.
    var value: Range<Int>
}

/// One start tag. `bytes` is the document being tokenized; the tag is valid only while it is reported.
struct HTMLStartTag {
    var bytes: UnsafePointer<UInt8>
    var kind = HTMLTagKind.other
    var name = 0..<0
    /// The offset of the `>` that ends the tag.
    var end = 0
    var selfClosing = false
    /// In source order; of attributes with the same name only the first is kept, as WHATWG says.
    var attributes: UnsafeBufferPointer<HTMLAttribute>

    /// Whether `attribute` is called `name` (lowercase ASCII letters).
    func isNamed(_ attribute: HTMLAttribute, _ name: StaticString) -> Bool {
        attribute.name.count == name.utf8CodeUnitCount && HTMLTokenizer.matches(bytes + attribute.name.lowerBound, name)
    }

    /// The first attribute called `name` (lowercase ASCII letters), if any.
    func attribute(_ name: StaticString) -> HTMLAttribute? {
        attributes.first { isNamed($0, name) }
    }

    /// `attribute`'s value, character references decoded.
    func value(of attribute: HTMLAttribute) -> String {
        HTMLTokenizer.decodedValue(bytes, attribute.value)
    }
}

/// Reads HTML as the WHATWG tokenizer does (https://html.spec.whatwg.org/#tokenization) and reports
/// every start tag in document order. It keeps only the state that decides where tags are: comments,
/// `<!DOCTYPE>`, bogus comments (`<?…>`, `<!…>`), CDATA sections inside SVG and MathML, the raw text
/// of `script` (with its `<!--` escapes), `style`, `xmp`, `iframe`, `noembed` and `noframes`, the
/// RCDATA of `title` and `textarea`, and `plaintext`. A tag cut off by the end of input is dropped.
///
/// The tree builder is not modelled, except by counting open `svg`/`math` elements, which the
/// tokenizer needs for CDATA and raw text; the start tags that leave foreign content (`<p>`, `<div>`…)
/// reset the count, but HTML integration points (`foreignObject`, `mtext`…) are not tracked. Like a
/// browser with scripting off, `noscript` content is markup.
struct HTMLTokenizer {
    private let p: UnsafePointer<UInt8>
    private let n: Int
    private var tag: HTMLStartTag
    private var foreignDepth = 0
    /// The current tag's attributes, allocated while `forEachStartTag` runs.
    private var attributes = UnsafeMutablePointer<HTMLAttribute>(bitPattern: 8)!
    private var attributeCount = 0
    private var attributeCapacity = 0

    /// `bytes` must stay valid while the tokenizer runs.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        p = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        n = bytes.baseAddress == nil ? 0 : bytes.count
        tag = HTMLStartTag(bytes: p, attributes: UnsafeBufferPointer(start: nil, count: 0))
    }

    /// Calls `body` with each start tag, in document order.
    mutating func forEachStartTag(_ body: (HTMLStartTag) -> Void) {
        attributeCapacity = 32
        attributes = .allocate(capacity: attributeCapacity)
        defer { attributes.deallocate() }
        var i = 0
        while let lt = find(UInt8(ascii: "<"), from: i) {
            i = lt + 1
            guard i < n else { return }
            let c = p[i]
            if Self.isLetter(c) {
                guard let end = readTag(from: i, keepingAttributes: true) else { return }
                body(tag)
                i = afterStartTag(end + 1)
            } else if c == UInt8(ascii: "/") {
                i = endTag(from: i + 1)
            } else if c == UInt8(ascii: "!") {
                i = markupDeclaration(from: i + 1)
            } else if c == UInt8(ascii: "?") {
                i = pastBogusComment(from: i)
            }
            // Any other character: the `<` was text.
        }
    }

    // MARK: Tags

    /// Reads a tag from its name at `start` to its `>` into `tag`; nil when the input ends first.
    private mutating func readTag(from start: Int, keepingAttributes: Bool) -> Int? {
        var j = start
        while j < n, !Self.isIn(p[j], Self.tagNameEnd) { j += 1 }
        tag.name = start..<j
        tag.selfClosing = false
        attributeCount = 0
        while true {
            while j < n, Self.isIn(p[j], Self.space) { j += 1 }
            guard j < n else { return nil }
            var c = p[j]
            if c == UInt8(ascii: ">") { break }
            if c == UInt8(ascii: "/") {
                j += 1
                guard j < n else { return nil }
                if p[j] == UInt8(ascii: ">") { tag.selfClosing = true; break }
                continue // `/` not before `>` is dropped
            }
            let nameStart = j
            j += 1 // the first character of a name may be `=`
            while j < n, !Self.isIn(p[j], Self.attributeNameEnd) { j += 1 }
            let name = nameStart..<j
            while j < n, Self.isIn(p[j], Self.space) { j += 1 }
            guard j < n else { return nil }
            var value = j..<j
            if p[j] == UInt8(ascii: "=") {
                j += 1
                while j < n, Self.isIn(p[j], Self.space) { j += 1 }
                guard j < n else { return nil }
                c = p[j]
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    guard let close = find(c, from: j + 1) else { return nil }
                    value = j + 1..<close
                    j = close + 1
                } else if c != UInt8(ascii: ">") { // `=>` gives an empty value and ends the tag
                    let valueStart = j
                    while j < n, !Self.isIn(p[j], Self.unquotedValueEnd) { j += 1 }
                    value = valueStart..<j
                }
            }
            if keepingAttributes { add(HTMLAttribute(name: name, value: value)) }
        }
        tag.end = j
        tag.kind = keepingAttributes ? HTMLTagKind.of(p + start, count: tag.name.count) : .other
        tag.attributes = UnsafeBufferPointer(start: attributes, count: attributeCount)
        return j
    }

    private mutating func add(_ attribute: HTMLAttribute) {
        let count = attribute.name.count
        for a in 0..<attributeCount where attributes[a].name.count == count {
            let other = attributes[a].name.lowerBound
            var k = 0
            while k < count, Self.lowercased(p[other + k]) == Self.lowercased(p[attribute.name.lowerBound + k]) { k += 1 }
            if k == count { return }
        }
        if attributeCount == attributeCapacity {
            let larger = UnsafeMutablePointer<HTMLAttribute>.allocate(capacity: 2 * attributeCapacity)
            larger.moveInitialize(from: attributes, count: attributeCount)
            attributes.deallocate()
            attributes = larger
            attributeCapacity *= 2
        }
        (attributes + attributeCount).initialize(to: attribute)
        attributeCount += 1
    }

    /// Where tokenizing goes on after a start tag that ended before `i`: past the raw text it opens.
    private mutating func afterStartTag(_ i: Int) -> Int {
        let kind = tag.kind
        if foreignDepth > 0 {
            let leaves = kind == .breakout || kind == .img
                || (kind == .font && (tag.attribute("color") != nil || tag.attribute("face") != nil || tag.attribute("size") != nil))
            guard leaves else {
                if (kind == .svg || kind == .math) && !tag.selfClosing { foreignDepth += 1 }
                return i
            }
            foreignDepth = 0
        }
        // In HTML a self-closing flag on a non-void element is ignored: `<script/>` opens raw text.
        switch kind {
        case .svg, .math: if !tag.selfClosing { foreignDepth = 1 }
        case .script: return scriptEnd(from: i)
        case .style: return rawTextEnd(from: i, "style")
        case .title: return rawTextEnd(from: i, "title")
        case .textarea: return rawTextEnd(from: i, "textarea")
        case .xmp: return rawTextEnd(from: i, "xmp")
        case .iframe: return rawTextEnd(from: i, "iframe")
        case .noembed: return rawTextEnd(from: i, "noembed")
        case .noframes: return rawTextEnd(from: i, "noframes")
        case .plaintext: return n
        default: break
        }
        return i
    }

    /// After `</` (at `i`): an end tag, whose attributes count only for finding its end.
    private mutating func endTag(from i: Int) -> Int {
        guard i < n else { return n }
        let c = p[i]
        if c == UInt8(ascii: ">") { return i + 1 }
        guard Self.isLetter(c) else { return pastBogusComment(from: i) }
        guard let end = readTag(from: i, keepingAttributes: false) else { return n }
        if foreignDepth > 0 {
            let kind = HTMLTagKind.of(p + i, count: tag.name.count)
            if kind == .svg || kind == .math { foreignDepth -= 1 }
        }
        return end + 1
    }

    /// After `<!` (at `i`): a comment, a DOCTYPE, a CDATA section or a bogus comment.
    private func markupDeclaration(from i: Int) -> Int {
        if i + 1 < n, p[i] == UInt8(ascii: "-"), p[i + 1] == UInt8(ascii: "-") { return pastComment(from: i) }
        if n - i >= 7, Self.matches(p + i, "doctype") { return pastBogusComment(from: i) } // a DOCTYPE ends at the first `>`
        if foreignDepth > 0, n - i >= 7, memcmp(p + i, "[CDATA[", 7) == 0 {
            var j = i + 7
            while let end = find(UInt8(ascii: "]"), from: j) {
                if end + 2 < n, p[end + 1] == UInt8(ascii: "]"), p[end + 2] == UInt8(ascii: ">") { return end + 3 }
                j = end + 1
            }
            return n
        }
        return pastBogusComment(from: i)
    }

    /// A comment whose `--` opener starts at `i` ends at `-->` (which may share the opener's
    /// dashes: `<!-->` and `<!--->` are whole comments) or at `--!>` after the opener.
    private func pastComment(from i: Int) -> Int {
        var j = i
        while let dash = find(UInt8(ascii: "-"), from: j) {
            guard dash + 2 < n else { return n }
            if p[dash + 1] == UInt8(ascii: "-") {
                if p[dash + 2] == UInt8(ascii: ">") { return dash + 3 }
                if dash >= i + 2, p[dash + 2] == UInt8(ascii: "!"), dash + 3 < n, p[dash + 3] == UInt8(ascii: ">") { return dash + 4 }
            }
            j = dash + 1
        }
        return n
    }

    private func pastBogusComment(from i: Int) -> Int {
        find(UInt8(ascii: ">"), from: i).map { $0 + 1 } ?? n
    }

    // MARK: Raw text

    /// The offset of the `</name` that ends RAWTEXT or RCDATA starting at `i`, or the end of input.
    private func rawTextEnd(from i: Int, _ name: StaticString) -> Int {
        var j = i
        while let lt = find(UInt8(ascii: "<"), from: j) {
            if isEndTag(at: lt, name) { return lt }
            j = lt + 1
        }
        return n
    }

    /// `</name` at `i`, followed by a character that ends a tag name (WHATWG's "appropriate end tag").
    private func isEndTag(at i: Int, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        return i + 2 + count < n && p[i + 1] == UInt8(ascii: "/") && Self.matches(p + i + 2, name)
            && Self.isIn(p[i + 2 + count], Self.tagNameEnd)
    }

    /// The offset of the `</script` that ends script data starting at `i`, or the end of input.
    /// Inside `<!--` a `</script>` still ends the script, unless a `<script` came after the
    /// `<!--` (double-escaped: then `</script>` only leaves that state), until `-->`.
    private func scriptEnd(from i: Int) -> Int {
        var j = i
        while let lt = find(UInt8(ascii: "<"), from: j) {
            if isEndTag(at: lt, "script") { return lt }
            j = lt + 1
            guard lt + 3 < n, p[lt + 1] == UInt8(ascii: "!"), p[lt + 2] == UInt8(ascii: "-"), p[lt + 3] == UInt8(ascii: "-") else { continue }
            // Escaped: dashes counts the `-` just before `j`; `-->` goes back to script data.
            j = lt + 4
            var dashes = 2
            var doubleEscaped = false
            escaped: while j < n {
                let c = p[j]
                if c == UInt8(ascii: "-") { dashes += 1; j += 1; continue }
                if c == UInt8(ascii: ">"), dashes >= 2 { j += 1; break escaped }
                dashes = 0
                guard c == UInt8(ascii: "<") else { j += 1; continue }
                if !doubleEscaped, isEndTag(at: j, "script") { return j }
                let slash = j + 1 < n && p[j + 1] == UInt8(ascii: "/")
                guard doubleEscaped == slash else { j += 1; continue }
                // `<script` opens and `</script` closes the double-escaped state, if a tag-name end follows.
                let start = j + (slash ? 2 : 1)
                var k = start
                while k < n, Self.isLetter(p[k]) { k += 1 }
                if k < n, k - start == 6, Self.matches(p + start, "script"), Self.isIn(p[k], Self.tagNameEnd) {
                    doubleEscaped.toggle()
                    k += 1
                }
                j = k
            }
        }
        return n
    }

    // MARK: Bytes

    /// The offset of the first `byte` at or after `i`.
    @inline(__always)
    private func find(_ byte: UInt8, from i: Int) -> Int? {
        guard i < n, let hit = memchr(p + i, Int32(byte), n - i) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(p)
    }

    // Byte classes below 64 as bit masks: tab, line feed, form feed, carriage return, space (WHATWG
    // whitespace; no vertical tab), then the characters that end a tag name, an attribute name, an
    // unquoted attribute value.
    static let space: UInt64 = 1 << 9 | 1 << 10 | 1 << 12 | 1 << 13 | 1 << 32
    static let tagNameEnd: UInt64 = space | 1 << 47 | 1 << 62
    static let attributeNameEnd: UInt64 = tagNameEnd | 1 << 61
    static let unquotedValueEnd: UInt64 = space | 1 << 62

    @inline(__always)
    static func isIn(_ c: UInt8, _ set: UInt64) -> Bool { c < 64 && (set >> UInt64(c)) & 1 != 0 }

    @inline(__always)
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }

    @inline(__always)
    static func lowercased(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }

    /// Whether the bytes at `bytes` spell `lowercase` (lowercase ASCII letters and digits), ignoring ASCII case.
    static func matches(_ bytes: UnsafePointer<UInt8>, _ lowercase: StaticString) -> Bool {
        let word = lowercase.utf8Start
        for k in 0..<lowercase.utf8CodeUnitCount where lowercased(bytes[k]) != word[k] { return false }
        return true
    }
}

/// 1-based line numbers of offsets, counted as libxml2 counts them: a line ends at each `\n`
/// (a lone `\r` does not end one). Offsets must be asked for in increasing order.
struct HTMLLineCounter {
    private let p: UnsafePointer<UInt8>
    private var offset = 0
    private var line = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        p = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
    }

    /// The line of the byte at `target`; eight bytes at a time.
    mutating func line(at target: Int) -> Int {
        var i = offset
        var count = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        while i + 8 <= target {
            // Up to 255 words add their newlines up bytewise in `sums`, then the bytes are added up.
            var sums: UInt64 = 0
            let stop = min(target, i + 8 * 255)
            while i + 8 <= stop {
                let x = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) ^ (ones &* 0x0A)
                // The high bit of each byte of `t` is set when that byte of `x` is not zero.
                let t = ((x & (ones &* 0x7F)) &+ (ones &* 0x7F)) | x
                sums &+= (~t & (ones &* 0x80)) >> 7
                i += 8
            }
            count += Int((sums &* ones) >> 56)
        }
        while i < target {
            if p[i] == 0x0A { count += 1 }
            i += 1
        }
        offset = max(offset, target)
        line += count
        return line
    }
}

// MARK: Character references

extension HTMLTokenizer {
    /// An attribute value as a browser reads it: character references decoded, `\r\n` and `\r`
    /// read as `\n`, NUL as U+FFFD, malformed UTF-8 as U+FFFD.
    ///
    /// Named references: the HTML 4 set (plus `&apos;` and HTML5's `&AMP;`, `&COPY;`, `&GT;`, `&LT;`,
    /// `&QUOT;`, `&REG;`), with HTML5's code points (`&lang;` is U+27E8). The ~2,000 names HTML5
    /// added (`&check;`, `&NewLine;`, `&rarr;`'s aliases…) are not decoded and stay as written. As in
    /// WHATWG, the Latin-1 names and `amp`/`lt`/`gt`/`quot` also work without `;`, except before `=`
    /// or a letter or digit (`?a=1&copy=2` keeps `&copy`).
    static func decodedValue(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) -> String {
        var j = range.lowerBound
        while j < range.upperBound, p[j] != UInt8(ascii: "&"), p[j] != 0x0D, p[j] != 0 { j += 1 }
        if j == range.upperBound {
            return String(decoding: UnsafeBufferPointer(start: p + range.lowerBound, count: range.count), as: UTF8.self)
        }
        var out = Array(UnsafeBufferPointer(start: p + range.lowerBound, count: j - range.lowerBound))
        out.reserveCapacity(range.count + 8)
        let end = range.upperBound
        while j < end {
            let c = p[j]
            if c == UInt8(ascii: "&") {
                j = appendReference(p, at: j, end: end, to: &out)
            } else if c == 0x0D {
                out.append(0x0A)
                j += j + 1 < end && p[j + 1] == 0x0A ? 2 : 1
            } else if c == 0 {
                appendScalar(0xFFFD, to: &out)
                j += 1
            } else {
                out.append(c)
                j += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes the reference at `&` (at `i`) into `out`, or copies it when it is none; returns where it ended.
    private static func appendReference(_ p: UnsafePointer<UInt8>, at i: Int, end: Int, to out: inout [UInt8]) -> Int {
        var j = i + 1
        if j < end, p[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < end && p[j] | 0x20 == UInt8(ascii: "x")
            if hex { j += 1 }
            let digits = j
            var value: UInt32 = 0
            while j < end, let digit = digitValue(p[j], hex: hex) {
                value = min(value * (hex ? 16 : 10) + digit, 0x110000) // stays clear of overflow
                j += 1
            }
            guard j > digits else { // `&#` or `&#x` without digits is text
                out.append(contentsOf: UnsafeBufferPointer(start: p + i, count: j - i))
                return j
            }
            if j < end, p[j] == UInt8(ascii: ";") { j += 1 }
            appendScalar(numericReference(value), to: &out)
            return j
        }
        while j < end, isLetter(p[j]) || p[j] &- 0x30 < 10 { j += 1 }
        if j > i + 1, j - i <= 32,
           let scalar = namedReferences[String(decoding: UnsafeBufferPointer(start: p + i + 1, count: j - i - 1), as: UTF8.self)] {
            if j < end, p[j] == UInt8(ascii: ";") {
                appendScalar(scalar, to: &out)
                return j + 1
            }
            let legacy = (0xA0...0xFF).contains(scalar) || [0x22, 0x26, 0x3C, 0x3E].contains(scalar)
            if legacy, !(j < end && p[j] == UInt8(ascii: "=")) {
                appendScalar(scalar, to: &out)
                return j
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(start: p + i, count: j - i))
        return j
    }

    private static func digitValue(_ c: UInt8, hex: Bool) -> UInt32? {
        if c &- 0x30 < 10 { return UInt32(c - 0x30) }
        guard hex, (c | 0x20) &- 0x61 < 6 else { return nil }
        return UInt32((c | 0x20) - 0x61 + 10)
    }

    /// WHATWG's "numeric character reference end state": no NUL, surrogate or out-of-range code
    /// point, and C1 controls read as the Windows-1252 characters they were meant to be.
    private static func numericReference(_ value: UInt32) -> UInt32 {
        if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return 0xFFFD }
        guard (0x80...0x9F).contains(value) else { return value }
        let windows1252: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return windows1252[Int(value - 0x80)]
    }

    private static func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
        out.append(contentsOf: String(Character(Unicode.Scalar(value) ?? "\u{FFFD}")).utf8)
    }

    /// Name to code point, from the table below.
    private static let namedReferences: [String: UInt32] = {
        var table: [String: UInt32] = [:]
        for entry in namedReferenceList.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = entry.split(separator: ":")
            table[String(parts[0])] = UInt32(parts[1], radix: 16)!
        }
        return table
    }()

    private static let namedReferenceList = """
        AElig:c6 AMP:26 Aacute:c1 Acirc:c2 Agrave:c0 Alpha:391 Aring:c5 Atilde:c3 Auml:c4 Beta:392
        COPY:a9 Ccedil:c7 Chi:3a7 Dagger:2021 Delta:394 ETH:d0 Eacute:c9 Ecirc:ca Egrave:c8 Epsilon:395
        Eta:397 Euml:cb GT:3e Gamma:393 Iacute:cd Icirc:ce Igrave:cc Iota:399 Iuml:cf Kappa:39a LT:3c
        Lambda:39b Mu:39c Ntilde:d1 Nu:39d OElig:152 Oacute:d3 Ocirc:d4 Ograve:d2 Omega:3a9 Omicron:39f
        Oslash:d8 Otilde:d5 Ouml:d6 Phi:3a6 Pi:3a0 Prime:2033 Psi:3a8 QUOT:22 REG:ae Rho:3a1 Scaron:160
        Sigma:3a3 THORN:de Tau:3a4 Theta:398 Uacute:da Ucirc:db Ugrave:d9 Upsilon:3a5 Uuml:dc Xi:39e
        Yacute:dd Yuml:178 Zeta:396 aacute:e1 acirc:e2 acute:b4 aelig:e6 agrave:e0 alefsym:2135
        alpha:3b1 amp:26 and:2227 ang:2220 apos:27 aring:e5 asymp:2248 atilde:e3 auml:e4 bdquo:201e
        beta:3b2 brvbar:a6 bull:2022 cap:2229 ccedil:e7 cedil:b8 cent:a2 chi:3c7 circ:2c6 clubs:2663
        cong:2245 copy:a9 crarr:21b5 cup:222a curren:a4 dArr:21d3 dagger:2020 darr:2193 deg:b0 delta:3b4
        diams:2666 divide:f7 eacute:e9 ecirc:ea egrave:e8 empty:2205 emsp:2003 ensp:2002 epsilon:3b5
        equiv:2261 eta:3b7 eth:f0 euml:eb euro:20ac exist:2203 fnof:192 forall:2200 frac12:bd frac14:bc
        frac34:be frasl:2044 gamma:3b3 ge:2265 gt:3e hArr:21d4 harr:2194 hearts:2665 hellip:2026
        iacute:ed icirc:ee iexcl:a1 igrave:ec image:2111 infin:221e int:222b iota:3b9 iquest:bf
        isin:2208 iuml:ef kappa:3ba lArr:21d0 lambda:3bb lang:27e8 laquo:ab larr:2190 lceil:2308
        ldquo:201c le:2264 lfloor:230a lowast:2217 loz:25ca lrm:200e lsaquo:2039 lsquo:2018 lt:3c
        macr:af mdash:2014 micro:b5 middot:b7 minus:2212 mu:3bc nabla:2207 nbsp:a0 ndash:2013 ne:2260
        ni:220b not:ac notin:2209 nsub:2284 ntilde:f1 nu:3bd oacute:f3 ocirc:f4 oelig:153 ograve:f2
        oline:203e omega:3c9 omicron:3bf oplus:2295 or:2228 ordf:aa ordm:ba oslash:f8 otilde:f5
        otimes:2297 ouml:f6 para:b6 part:2202 permil:2030 perp:22a5 phi:3c6 pi:3c0 piv:3d6 plusmn:b1
        pound:a3 prime:2032 prod:220f prop:221d psi:3c8 quot:22 rArr:21d2 radic:221a rang:27e9 raquo:bb
        rarr:2192 rceil:2309 rdquo:201d real:211c reg:ae rfloor:230b rho:3c1 rlm:200f rsaquo:203a
        rsquo:2019 sbquo:201a scaron:161 sdot:22c5 sect:a7 shy:ad sigma:3c3 sigmaf:3c2 sim:223c
        spades:2660 sub:2282 sube:2286 sum:2211 sup:2283 sup1:b9 sup2:b2 sup3:b3 supe:2287 szlig:df
        tau:3c4 there4:2234 theta:3b8 thetasym:3d1 thinsp:2009 thorn:fe tilde:2dc times:d7 trade:2122
        uArr:21d1 uacute:fa uarr:2191 ucirc:fb ugrave:f9 uml:a8 upsih:3d2 upsilon:3c5 uuml:fc
        weierp:2118 xi:3be yacute:fd yen:a5 yuml:ff zeta:3b6 zwj:200d zwnj:200c
        """
}
