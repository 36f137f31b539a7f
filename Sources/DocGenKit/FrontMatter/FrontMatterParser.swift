import DocGenCore

/// Reads "YAML-lite", the documented subset of YAML that docgen accepts in front matter and in
/// `docgen.yml`.
///
/// The subset: `key: value` maps (keys are `[A-Za-z0-9_-]+`, nested by indenting with spaces),
/// plain, 'single' and "double" quoted scalars, integers, `true`/`false`, dates (`2026-05-01`,
/// checked against the calendar), `~`/`null`, `[a, b]` flow lists of scalars, `- item` block lists
/// (of scalars, maps or lists), `|` literal and `>` folded block text with `-`/`+` chomping and an
/// optional indentation digit, `#` comments, CRLF line endings and a leading BOM.
///
/// Choices where docgen is friendlier than YAML, because the reading is unambiguous:
/// - A plain value that contains `: ` on the key's own line (`title: Setup: Linux`) is the whole
///   text `"Setup: Linux"`. YAML rejects it; a nested map can only start on the next line, so no
///   other reading exists.
/// - A block list may sit at the same indentation as its key (`roles:` then `- a`), as in YAML.
/// - A plain or flow-list value may continue on more-indented lines; the lines are joined with a
///   space. A continuation line that looks like `key: value` is an indentation error instead,
///   so a mis-indented key is never swallowed into text.
/// - `#` starts a comment only at the start of a line or after whitespace, so `C#` is text.
///
/// Everything else (anchors, aliases, tags, flow maps, complex keys, several documents, tabs in
/// indentation, multi-line quoted text) is an error with a stable id at `file:line:col`. The parser
/// never throws: it reports, skips the broken entry with its more-indented lines, and keeps going.
public enum FrontMatterParser {
    /// Splits `text` into front matter and body and parses the front matter.
    ///
    /// `file` is the site-relative path used in diagnostics, e.g. `"content/guides/setup.md"`.
    /// Front matter starts only when the first line (after a BOM) is `---` and ends at the next
    /// `---` or `...` line. A leading UTF-8 BOM is skipped. Never throws or crashes; problems are
    /// appended to `diagnostics`.
    public static func parse(_ text: String, file: String,
                             into diagnostics: inout Diagnostics) -> FrontMatterDocument {
        // Nearly every page's front matter is a few `key: value` lines and lists that cannot go
        // wrong; those are read straight from the bytes. Everything else, and every error, is
        // the reader's.
        if let document = SimpleFrontMatterReader.read(text, file: file) { return document }
        return parseLines(text, file: file, into: &diagnostics)
    }

    /// `parse` by the reader alone, line by line.
    static func parseLines(_ text: String, file: String,
                           into diagnostics: inout Diagnostics) -> FrontMatterDocument {
        let start = startSkippingBOM(text)
        var cursor = LineCursor(text.unicodeScalars, from: start)
        guard let opening = cursor.next(), isFence(opening.content, "---") else {
            return FrontMatterDocument(map: FrontMatterMap(), hasFrontMatter: false,
                                       body: text[start...], bodyLineOffset: 0)
        }
        var lines: [FrontMatterLine] = []
        lines.reserveCapacity(16)
        while let line = cursor.next() {
            if isFence(line.content, "---") || isFence(line.content, "...") {
                var reader = FrontMatterReader(lines: lines, file: file)
                let map = reader.readDocument()
                diagnostics.append(contentsOf: reader.diagnostics.all)
                return FrontMatterDocument(map: map, hasFrontMatter: true,
                                           body: text[line.next...], bodyLineOffset: line.number)
            }
            lines.append(FrontMatterLine(number: line.number, text: FrontMatterLine.scalars(line.content)))
        }
        diagnostics.append(.error(
            "front-matter-unterminated",
            "front matter starts with '---' but has no closing '---' line",
            at: SourceLocation(file: file, line: 1, column: 1)))
        return FrontMatterDocument(map: FrontMatterMap(), hasFrontMatter: false,
                                   body: text[start...], bodyLineOffset: 0)
    }

    /// Parses a file that is only YAML-lite (`docgen.yml`): the same grammar, no fences needed.
    ///
    /// A `---` before the first key is allowed (a YAML document start). A later `---`, or text
    /// after a `...` end marker, would start a second document: that is an error
    /// `front-matter-unsupported` and the rest of the file is not read.
    public static func parseConfig(_ text: String, file: String,
                                   into diagnostics: inout Diagnostics) -> FrontMatterMap {
        var cursor = LineCursor(text.unicodeScalars, from: startSkippingBOM(text))
        var lines: [FrontMatterLine] = []
        var sawContent = false
        var ended: Int?  // the line of a `...` end marker
        while let line = cursor.next() {
            let current = FrontMatterLine(number: line.number, text: FrontMatterLine.scalars(line.content))
            if isFence(line.content, "---") {
                if !sawContent && ended == nil { continue }
                diagnostics.append(.error(
                    "front-matter-unsupported",
                    "several YAML documents in one file are not supported",
                    at: SourceLocation(file: file, line: line.number, column: 1)))
                break
            }
            if isFence(line.content, "...") {
                ended = ended ?? line.number
                continue
            }
            if current.isBlank || current.isComment {
                if ended == nil { lines.append(current) }
                continue
            }
            if ended != nil {
                diagnostics.append(.error(
                    "front-matter-unsupported",
                    "text after the '...' end marker would start a second document, which is not supported",
                    at: SourceLocation(file: file, line: line.number, column: 1)))
                break
            }
            sawContent = true
            lines.append(current)
        }
        var reader = FrontMatterReader(lines: lines, file: file)
        let map = reader.readDocument()
        diagnostics.append(contentsOf: reader.diagnostics.all)
        return map
    }

    private static func startSkippingBOM(_ text: String) -> String.Index {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        if start < scalars.endIndex, scalars[start] == "\u{FEFF}" {
            start = scalars.index(after: start)
        }
        return start
    }

    /// `---` (or `...`) at column 1, optionally followed by spaces or tabs. The fence's three
    /// characters and the blanks are ASCII, so the line's bytes say it.
    static func isFence(_ content: Substring.UnicodeScalarView, _ fence: StaticString) -> Bool {
        let bytes = Substring(content).utf8
        guard bytes.count >= 3 else { return false }
        let mark = UnsafeBufferPointer(start: fence.utf8Start, count: fence.utf8CodeUnitCount)
        var i = bytes.startIndex
        for expected in mark {
            guard bytes[i] == expected else { return false }
            i = bytes.index(after: i)
        }
        while i < bytes.endIndex {
            if bytes[i] != 32 && bytes[i] != 9 { return false }
            i = bytes.index(after: i)
        }
        return true
    }
}

extension FrontMatterParser {
    /// Walks a text line by line. A line's content excludes `\n` and a `\r` before it.
    struct LineCursor {
        struct Line {
            var number: Int
            var content: Substring.UnicodeScalarView
            /// Where the following line starts.
            var next: String.Index
        }

        private let scalars: String.UnicodeScalarView
        private var position: String.Index
        private var number = 0

        init(_ scalars: String.UnicodeScalarView, from start: String.Index) {
            self.scalars = scalars
            self.position = start
        }

        mutating func next() -> Line? {
            guard position < scalars.endIndex else { return nil }
            number += 1
            let start = position
            // `\n` is one byte and one scalar: found by byte, it is where the scalar search stops.
            let utf8 = Substring(scalars[start...]).utf8
            let end = utf8.firstIndex(of: 10) ?? scalars.endIndex
            position = end < scalars.endIndex ? scalars.index(after: end) : end
            var contentEnd = end
            if contentEnd > start {
                let before = scalars.index(before: contentEnd)
                if scalars[before] == "\r" { contentEnd = before }
            }
            return Line(number: number, content: scalars[start..<contentEnd], next: position)
        }
    }
}
