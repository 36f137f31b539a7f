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

    /// Calls `body` with each start tag, in document order. Inlined, so that `body` is too:
    /// it runs for every tag of every page.
    @inline(__always)
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

    /// The line of the byte at `target`; sixteen bytes at a time, then eight, then one.
    mutating func line(at target: Int) -> Int {
        var i = offset
        var count = 0
        let newlines = SIMD16<UInt8>(repeating: 0x0A)
        while i + 16 <= target {
            // Up to 255 blocks add their newlines up lanewise in `sums` (a match is -1, so it
            // is subtracted), then the lanes are added up, wider.
            var sums = SIMD16<UInt8>()
            let stop = min(target, i + 16 * 255)
            while i + 16 <= stop {
                let x = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self)
                sums &-= unsafeBitCast(x .== newlines, to: SIMD16<UInt8>.self)
                i += 16
            }
            count += Int(SIMD16<UInt16>(truncatingIfNeeded: sums).wrappedSum())
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        if i + 8 <= target {
            let x = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) ^ (ones &* 0x0A)
            // The high bit of each byte of `t` is set when that byte of `x` is not zero.
            let t = ((x & (ones &* 0x7F)) &+ (ones &* 0x7F)) | x
            count += (~t & (ones &* 0x80)).nonzeroBitCount
            i += 8
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
