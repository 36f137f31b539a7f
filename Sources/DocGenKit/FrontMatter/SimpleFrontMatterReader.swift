import DocGenCore
#if canImport(Glibc)
import Glibc
#endif

/// Front matter of the common shape, read straight from the file's bytes: top-level `key: value`
/// lines whose values are plain or quoted text, `[a, b]` lists, or `- item` lists of those.
///
/// It gives the map `FrontMatterReader` gives for the same lines, or nil as soon as it meets
/// anything else (block text, nested maps, escapes, tabs in indentation, a mistake of any kind);
/// the reader then reads the whole front matter and reports what is wrong. Each `return nil`
/// below stands where the reader would report an error or read a construct this one leaves to it.
///
/// Bytes stand for scalars: every character the grammar looks at is ASCII, and in UTF-8 an ASCII
/// byte is never part of another scalar. Only columns count scalars.
struct SimpleFrontMatterReader {
    private struct Line {
        var number: Int
        /// Byte offsets of the line's content, without `\n` and a `\r` before it.
        var start: Int
        var end: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let file: String
    private var lines: [Line] = []
    /// The line being read.
    private var i = 0

    private init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// `FrontMatterParser.parse(text, file:)` when the text starts with front matter of the common
    /// shape that has nothing to report; nil otherwise.
    static func read(_ text: String, file: String) -> FrontMatterDocument? {
        var copy = text
        let found: (map: FrontMatterMap, body: Int, bodyLineOffset: Int)? = copy.withUTF8 { bytes in
            guard bytes.count > 0 else { return nil }
            var reader = SimpleFrontMatterReader(bytes: bytes, file: file)
            guard let (body, offset) = reader.splitLines(), let map = reader.readMap() else { return nil }
            return (map, body, offset)
        }
        guard let found else { return nil }
        let body = found.body == text.utf8.count ? text.endIndex : text.utf8.index(text.utf8.startIndex, offsetBy: found.body)
        return FrontMatterDocument(map: found.map, hasFrontMatter: true, body: text[body...],
                                   bodyLineOffset: found.bodyLineOffset)
    }

    // MARK: Lines

    /// Collects the lines between the `---` fences; returns where the body starts and the number
    /// of the closing fence's line, or nil when there is no front matter or no closing fence.
    private mutating func splitLines() -> (body: Int, bodyLineOffset: Int)? {
        var p = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { p = 3 }
        var number = 0
        lines.reserveCapacity(16)
        while p < bytes.count {
            number += 1
            let start = p
            var end = bytes.count
            if let hit = memchr(bytes.baseAddress! + p, 10, bytes.count - p) {
                end = UnsafeRawPointer(hit) - UnsafeRawPointer(bytes.baseAddress!)
                p = end + 1
            } else {
                p = end
            }
            if end > start, bytes[end - 1] == 13 { end -= 1 }
            if number == 1 {
                guard isFence(start, end, 45) else { return nil }
                continue
            }
            if isFence(start, end, 45) || isFence(start, end, 46) { return (p, number) }
            lines.append(Line(number: number, start: start, end: end))
        }
        return nil
    }

    /// Three `mark` bytes (`-` or `.`) followed by nothing but spaces and tabs.
    private func isFence(_ start: Int, _ end: Int, _ mark: UInt8) -> Bool {
        guard end - start >= 3, bytes[start] == mark, bytes[start + 1] == mark, bytes[start + 2] == mark else { return false }
        var j = start + 3
        while j < end {
            if bytes[j] != 32 && bytes[j] != 9 { return false }
            j += 1
        }
        return true
    }

    private func isBlank(_ b: UInt8) -> Bool { b == 32 || b == 9 }

    /// The leading spaces and tabs of a line, and whether a tab is among them.
    private func leading(_ line: Line) -> (indent: Int, tab: Bool) {
        var j = line.start
        var tab = false
        while j < line.end, isBlank(bytes[j]) {
            if bytes[j] == 9 { tab = true }
            j += 1
        }
        return (j - line.start, tab)
    }

    /// Blank or a comment: the lines the reader passes over between values.
    private func isPassedOver(_ line: Line) -> Bool {
        let n = line.start + leading(line).indent
        return n == line.end || bytes[n] == 35
    }

    private mutating func nextContent() -> Int? {
        while i < lines.count, isPassedOver(lines[i]) { i += 1 }
        return i < lines.count ? i : nil
    }

    private func peekContent() -> Int? {
        var j = i
        while j < lines.count, isPassedOver(lines[j]) { j += 1 }
        return j < lines.count ? j : nil
    }

    private func location(_ lineIndex: Int, _ position: Int) -> SourceLocation {
        let line = lines[lineIndex]
        var column = 1
        for j in line.start..<position where bytes[j] & 0xC0 != 0x80 { column += 1 }
        return SourceLocation(file: file, line: line.number, column: column)
    }

    private func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    // MARK: The grammar, as `FrontMatterLine` and `FrontMatterReader` read it

    /// `-` at `p` followed by a space, a tab or the end of the line.
    private func isListItem(_ line: Line, at p: Int) -> Bool {
        guard p < line.end, bytes[p] == 45 else { return false }
        return p + 1 == line.end || isBlank(bytes[p + 1])
    }

    /// The colon's offset when the line reads `key:` and a blank or the end at `p`.
    private func key(_ line: Line, at p: Int) -> Int? {
        var end = p
        while end < line.end, Self.isKeyByte(bytes[end]) { end += 1 }
        guard end > p, end < line.end, bytes[end] == 58 else { return nil }
        guard end + 1 == line.end || isBlank(bytes[end + 1]) else { return nil }
        return end
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        switch b {
        case 65...90, 97...122, 48...57, 95, 45: return true
        default: return false
        }
    }

    private func looksLikeMapping(_ line: Line, from p: Int) -> Bool {
        var j = p
        while j < line.end {
            if bytes[j] == 35, j > p, isBlank(bytes[j - 1]) { return false }
            if bytes[j] == 58 && (j + 1 == line.end || isBlank(bytes[j + 1])) { return true }
            j += 1
        }
        return false
    }

    /// `FrontMatterReader.unsupportedConstruct`: `&`, `*`, `!`, `{`, and `?` alone or before a space.
    private func isUnsupported(_ first: UInt8, next: UInt8?) -> Bool {
        switch first {
        case 38, 42, 33, 123: return true
        case 63: return next == nil || next == 32
        default: return false
        }
    }

    /// The first offset after `from` that is neither a blank nor a comment.
    private func textAfter(_ line: Line, from: Int) -> Int? {
        var j = from
        while j < line.end, isBlank(bytes[j]) { j += 1 }
        if j == line.end || (bytes[j] == 35 && j > from) { return nil }
        return j
    }

    // MARK: Values

    private mutating func readMap() -> FrontMatterMap? {
        var map = FrontMatterMap()
        map.entries.reserveCapacity(lines.count)
        while let index = nextContent() {
            let line = lines[index]
            let (indent, tab) = leading(line)
            guard !tab, indent == 0, let colon = key(line, at: line.start) else { return nil }
            let name = string(line.start, colon)
            if map.entries.contains(where: { $0.key == name }) { return nil }
            guard let value = readEntryValue(index, colon: colon) else { return nil }
            map.entries.append(.init(key: name, keyLocation: location(index, line.start), value: value))
        }
        return map
    }

    /// `FrontMatterReader.readEntryValue` for a top-level key.
    private mutating func readEntryValue(_ index: Int, colon: Int) -> FrontMatterNode? {
        let line = lines[index]
        var c = colon + 1
        while c < line.end, isBlank(bytes[c]) { c += 1 }
        if c < line.end, bytes[c] != 35 { return readInlineValue(index, at: c, parentIndent: 0) }
        i = index + 1
        if let next = peekContent() {
            let nextLine = lines[next]
            let (indent, tab) = leading(nextLine)
            if indent > 0 {
                // `readNode`: a tab in the indentation is an error.
                guard !tab else { return nil }
                i = next
                return readNode(next, at: nextLine.start + indent, parentIndent: 0, listAllowed: true)
            }
            if !tab, isListItem(nextLine, at: nextLine.start) {
                i = next
                return readList(next, indent: 0)
            }
        }
        return FrontMatterNode(.null, at: location(index, colon + 1))
    }

    /// `FrontMatterReader.readNode` for a value starting at `p` on line `index`. A list item's value
    /// may not be a list itself here (`- - a`).
    private mutating func readNode(_ index: Int, at p: Int, parentIndent: Int, listAllowed: Bool) -> FrontMatterNode? {
        let line = lines[index]
        if isListItem(line, at: p) { return listAllowed ? readList(index, indent: p - line.start) : nil }
        if key(line, at: p) != nil { return nil }
        if looksLikeMapping(line, from: p) {
            switch bytes[p] {
            case 34, 39, 91, 124, 62: break
            default: return nil
            }
        }
        return readInlineValue(index, at: p, parentIndent: parentIndent)
    }

    /// A `- item` list whose dashes are at `indent`; `index` is its first line.
    private mutating func readList(_ index: Int, indent: Int) -> FrontMatterNode? {
        let listLocation = location(index, lines[index].start + indent)
        var items: [FrontMatterNode] = []
        while let index = nextContent() {
            let line = lines[index]
            let (lineIndent, tab) = leading(line)
            guard !tab else { return nil }
            if lineIndent < indent { break }
            guard lineIndent == indent else { return nil }
            let dash = line.start + indent
            guard isListItem(line, at: dash) else { break }
            // The reader blanks the dash out and reads the item as a value indented past it: a
            // tab after the dash is then a tab in the indentation.
            var p = dash + 1
            while p < line.end, isBlank(bytes[p]) {
                if bytes[p] == 9 { return nil }
                p += 1
            }
            // An empty item, or one whose value is on the lines below.
            if p == line.end || bytes[p] == 35 { return nil }
            i = index
            guard let item = readNode(index, at: p, parentIndent: indent, listAllowed: false) else { return nil }
            items.append(item)
        }
        return FrontMatterNode(.list(items), at: listLocation)
    }

    /// `FrontMatterReader.readInlineValue`.
    private mutating func readInlineValue(_ index: Int, at start: Int, parentIndent: Int) -> FrontMatterNode? {
        let line = lines[index]
        let first = bytes[start]
        let next: UInt8? = start + 1 < line.end ? bytes[start + 1] : nil
        i = index + 1
        switch first {
        case 124, 62:
            return nil
        case 91:
            return readFlowList(index, at: start, parentIndent: parentIndent)
        case 34, 39:
            guard let (value, end) = readQuoted(line, at: start), textAfter(line, from: end) == nil else { return nil }
            return FrontMatterNode(.string(value), at: location(index, start))
        case 45 where next == nil || next == 32 || next == 9:
            return nil
        default:
            if isUnsupported(first, next: next) { return nil }
            return readPlain(index, at: start, parentIndent: parentIndent)
        }
    }

    /// Quoted text without escapes or doubled quotes, and the offset after the closing quote.
    private func readQuoted(_ line: Line, at start: Int) -> (String, Int)? {
        let quote = bytes[start]
        var j = start + 1
        while j < line.end {
            let c = bytes[j]
            if c == quote {
                if quote == 39, j + 1 < line.end, bytes[j + 1] == 39 { return nil }
                return (string(start + 1, j), j + 1)
            }
            if c == 92, quote == 34 { return nil }
            j += 1
        }
        return nil
    }

    /// Plain text up to a ` #` comment, without trailing blanks, and whether a comment ended it.
    private func plainText(_ line: Line, from start: Int) -> (end: Int, comment: Bool) {
        var end = start
        var comment = false
        while end < line.end {
            if bytes[end] == 35, end > start, isBlank(bytes[end - 1]) {
                comment = true
                break
            }
            end += 1
        }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return (end, comment)
    }

    /// `FrontMatterReader.readPlain`: plain text joined with its more-indented continuation lines.
    private mutating func readPlain(_ index: Int, at start: Int, parentIndent: Int) -> FrontMatterNode? {
        var (end, comment) = plainText(lines[index], from: start)
        var value = string(start, end)
        i = index + 1
        while !comment, i < lines.count {
            let line = lines[i]
            let (indent, tab) = leading(line)
            let p = line.start + indent
            if p == line.end || bytes[p] == 35 || tab || indent <= parentIndent { break }
            if key(line, at: p) != nil || isListItem(line, at: p) { break }
            (end, comment) = plainText(line, from: p)
            value += " " + string(p, end)
            i += 1
        }
        return plainNode(value, at: location(index, start))
    }

    private func plainNode(_ text: String, at location: SourceLocation) -> FrontMatterNode? {
        guard case .success(let kind) = FrontMatterReader.plainKind(text) else { return nil }
        return FrontMatterNode(kind, at: location)
    }

    /// `FrontMatterReader.readFlowList`: `[a, b]`, possibly continued on more-indented lines.
    private mutating func readFlowList(_ index: Int, at start: Int, parentIndent: Int) -> FrontMatterNode? {
        var items: [FrontMatterNode] = []
        var l = index
        var j = start + 1
        var expectItem = true
        while true {
            let line = lines[l]
            while j < line.end, isBlank(bytes[j]) { j += 1 }
            if j == line.end || (bytes[j] == 35 && isBlank(bytes[j - 1])) {
                l += 1
                while l < lines.count, isPassedOver(lines[l]) { l += 1 }
                guard l < lines.count else { return nil }
                let (indent, tab) = leading(lines[l])
                guard indent > parentIndent, !tab else { return nil }
                j = lines[l].start + indent
                continue
            }
            let c = bytes[j]
            if c == 93 {
                guard textAfter(line, from: j + 1) == nil else { return nil }
                i = l + 1
                return FrontMatterNode(.list(items), at: location(index, start))
            }
            if c == 44 {
                guard !expectItem else { return nil }
                expectItem = true
                j += 1
                continue
            }
            guard expectItem, c != 91 else { return nil }
            expectItem = false
            if c == 34 || c == 39 {
                guard let (value, end) = readQuoted(line, at: j) else { return nil }
                items.append(FrontMatterNode(.string(value), at: location(l, j)))
                j = end
                continue
            }
            if isUnsupported(c, next: j + 1 < line.end ? bytes[j + 1] : nil) { return nil }
            var k = j
            while k < line.end, bytes[k] != 44, bytes[k] != 93, !(bytes[k] == 35 && isBlank(bytes[k - 1])) { k += 1 }
            var end = k
            while end > j, isBlank(bytes[end - 1]) { end -= 1 }
            var colon = j
            while colon < end {
                if bytes[colon] == 58 && (colon + 1 == end || bytes[colon + 1] == 32) { return nil }
                colon += 1
            }
            guard let item = plainNode(string(j, end), at: location(l, j)) else { return nil }
            items.append(item)
            j = k
        }
    }
}
