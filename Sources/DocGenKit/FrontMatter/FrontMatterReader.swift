import DocGenCore

/// The block structure of YAML-lite: maps and lists by indentation. Scalars, flow lists and block
/// text are in `FrontMatterReader+Scalars.swift`.
///
/// Recovery: after an error the reader skips the broken line and every more-indented line under
/// it, then continues with the next entry at the same level, so one run reports every error.
struct FrontMatterReader {
    var lines: [FrontMatterLine]
    let file: String
    var diagnostics = Diagnostics()
    /// The line being read.
    var i = 0

    init(lines: [FrontMatterLine], file: String) {
        self.lines = lines
        self.file = file
    }

    mutating func readDocument() -> FrontMatterMap {
        readMap(indent: 0)
    }

    // MARK: Positions and errors

    func location(_ lineIndex: Int, _ index: Int) -> SourceLocation {
        SourceLocation(file: file, line: lines[lineIndex].number, column: index + 1)
    }

    mutating func error(_ id: String, _ message: String, _ lineIndex: Int, _ index: Int,
                        notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(id, message, at: location(lineIndex, index), notes: notes))
    }

    /// Moves to the next line that is neither blank nor a comment and returns its index.
    mutating func nextContent() -> Int? {
        while i < lines.count, lines[i].isBlank || lines[i].isComment { i += 1 }
        return i < lines.count ? i : nil
    }

    /// The next content line after the current position, without moving.
    func peekContent() -> Int? {
        var j = i
        while j < lines.count, lines[j].isBlank || lines[j].isComment { j += 1 }
        return j < lines.count ? j : nil
    }

    /// Skips blank lines, comments and lines indented more than `indent`.
    mutating func skipDeeper(than indent: Int) {
        while i < lines.count, lines[i].isBlank || lines[i].isComment || lines[i].indent > indent {
            i += 1
        }
    }

    /// Reports a tab in the current line's indentation and skips the line.
    mutating func reportTab(_ lineIndex: Int, _ tab: Int) {
        error("front-matter-tab", "tab used for indentation; indent with spaces", lineIndex, tab)
        i = lineIndex + 1
    }

    // MARK: Maps

    mutating func readMap(indent: Int) -> FrontMatterMap {
        var map = FrontMatterMap()
        var firstSeen: [String: SourceLocation] = [:]
        while let index = nextContent() {
            let line = lines[index]
            if let tab = line.tabIndex {
                reportTab(index, tab)
                continue
            }
            if line.indent < indent { break }
            if line.indent > indent {
                error("front-matter-indent",
                      "unexpected indentation: expected \(indent) space\(indent == 1 ? "" : "s"), found \(line.indent)",
                      index, line.indent)
                i = index + 1
                skipDeeper(than: indent)
                continue
            }
            guard let (key, colon) = line.key(at: indent) else {
                reportNotAnEntry(index, indent)
                i = index + 1
                skipDeeper(than: indent)
                continue
            }
            let keyLocation = location(index, indent)
            let value = readEntryValue(index, colon: colon, indent: indent)
            if let first = firstSeen[key] {
                diagnostics.append(.error(
                    "front-matter-duplicate-key",
                    "duplicate key '\(key)'; first given on line \(first.line)",
                    at: keyLocation, notes: [Diagnostic.Note("'\(key)' first given here", at: first)]))
                continue
            }
            firstSeen[key] = keyLocation
            if let value {
                map.entries.append(.init(key: key, keyLocation: keyLocation, value: value))
            }
        }
        return map
    }

    /// Explains why the line at `index` is not `key: value`.
    mutating func reportNotAnEntry(_ lineIndex: Int, _ index: Int) {
        let line = lines[lineIndex]
        let first = line.text[index]
        if line.isListItem(at: index) {
            error("front-matter-syntax", "expected 'key: value', found a list item", lineIndex, index)
            return
        }
        if let unsupported = unsupportedConstruct(first, next: index + 1 < line.text.count ? line.text[index + 1] : nil) {
            error("front-matter-unsupported", unsupported, lineIndex, index)
            return
        }
        var end = index
        while end < line.text.count, FrontMatterLine.isKeyScalar(line.text[end]) { end += 1 }
        if end > index, end < line.text.count, line.text[end] == ":" {
            error("front-matter-syntax", "expected a space after ':'", lineIndex, end + 1)
        } else if line.looksLikeMapping(from: index) {
            error("front-matter-syntax",
                  "invalid key; keys may contain only letters, digits, '-' and '_'", lineIndex, index)
        } else {
            error("front-matter-syntax", "expected 'key: value'", lineIndex, index)
        }
    }

    /// The one-line reason for a YAML feature outside the subset that starts with `first`.
    func unsupportedConstruct(_ first: Unicode.Scalar, next: Unicode.Scalar?) -> String? {
        switch first {
        case "&": return "anchors ('&name') are not supported"
        case "*": return "aliases ('*name') are not supported"
        case "!": return "tags ('!tag') are not supported"
        case "{": return "flow maps ('{ ... }') are not supported; write 'key: value' lines indented under the key"
        case "?" where next == nil || next == " ": return "complex keys ('? ') are not supported"
        default: return nil
        }
    }

    /// The value after `key:`: inline on the same line, or nested on the following lines.
    mutating func readEntryValue(_ lineIndex: Int, colon: Int, indent: Int) -> FrontMatterNode? {
        let line = lines[lineIndex]
        var c = colon + 1
        while c < line.text.count, line.text[c] == " " || line.text[c] == "\t" { c += 1 }
        guard c == line.text.count || line.text[c] == "#" else {
            return readInlineValue(lineIndex, at: c, parentIndent: indent)
        }
        i = lineIndex + 1
        if let next = peekContent() {
            let nextLine = lines[next]
            if nextLine.indent > indent {
                i = next
                return readNode(parentIndent: indent)
            }
            if nextLine.indent == indent, nextLine.tabIndex == nil, nextLine.isListItem(at: indent) {
                i = next
                return readList(indent: indent)
            }
        }
        return FrontMatterNode(.null, at: location(lineIndex, colon + 1))
    }

    /// A value that starts on its own, more-indented line (the current line): a list, a map, or
    /// a scalar.
    mutating func readNode(parentIndent: Int) -> FrontMatterNode? {
        // Lines indented with tabs are reported one by one; the value is what follows them.
        while let index = nextContent(), lines[index].indent > parentIndent, let tab = lines[index].tabIndex {
            reportTab(index, tab)
        }
        guard let index = nextContent(), lines[index].indent > parentIndent else { return nil }
        let line = lines[index]
        let m = line.indent
        if line.isListItem(at: m) {
            return readList(indent: m)
        }
        if line.key(at: m) != nil || line.looksLikeMapping(from: m) && !"\"'[|>".unicodeScalars.contains(line.text[m]) {
            let loc = location(index, m)
            return FrontMatterNode(.map(readMap(indent: m)), at: loc)
        }
        return readInlineValue(index, at: m, parentIndent: parentIndent)
    }

    // MARK: Lists

    /// A `- item` list whose dashes are at `indent`.
    mutating func readList(indent: Int) -> FrontMatterNode {
        let listLocation = location(i, indent)
        var items: [FrontMatterNode] = []
        while let index = nextContent() {
            let line = lines[index]
            if let tab = line.tabIndex {
                reportTab(index, tab)
                continue
            }
            if line.indent < indent { break }
            if line.indent > indent {
                error("front-matter-indent",
                      "unexpected indentation: list items here start at column \(indent + 1)",
                      index, line.indent)
                i = index + 1
                skipDeeper(than: indent)
                continue
            }
            guard line.isListItem(at: indent) else { break }
            // Blank out the dash so the item reads like a value indented past it.
            lines[index].text[indent] = " "
            let item = lines[index]
            if item.isBlank || item.isComment {
                i = index + 1
                if let next = peekContent(), lines[next].indent > indent {
                    i = next
                    if let node = readNode(parentIndent: indent) { items.append(node) }
                } else {
                    items.append(FrontMatterNode(.null, at: location(index, indent)))
                }
                continue
            }
            i = index
            if let node = readNode(parentIndent: indent) { items.append(node) }
        }
        return FrontMatterNode(.list(items), at: listLocation)
    }
}
