import DocGenCore
#if canImport(Glibc)
import Glibc
#endif

/// Values written on a key's line (or a list item's): plain and quoted scalars, `[a, b]` lists,
/// and the header of `|` / `>` block text.
extension FrontMatterReader {
    /// Reads the value starting at `lines[lineIndex].text[start]`. `parentIndent` is the
    /// indentation of the map or list that owns the value: continuation lines must be deeper.
    /// Returns nil after reporting an error (its lines are skipped).
    mutating func readInlineValue(_ lineIndex: Int, at start: Int, parentIndent: Int) -> FrontMatterNode? {
        let text = lines[lineIndex].text
        let first = text[start]
        let next: Unicode.Scalar? = start + 1 < text.count ? text[start + 1] : nil
        i = lineIndex + 1
        switch first {
        case "|", ">":
            return readBlockText(lineIndex, at: start, parentIndent: parentIndent)
        case "[":
            return readFlowList(lineIndex, at: start, parentIndent: parentIndent)
        case "\"", "'":
            guard let (value, end) = readQuoted(lineIndex, at: start) else {
                skipDeeper(than: parentIndent)
                return nil
            }
            if let extra = textAfter(lineIndex, from: end) {
                error("front-matter-syntax", "unexpected text after the closing quote", lineIndex, extra)
                skipDeeper(than: parentIndent)
                return nil
            }
            return FrontMatterNode(.string(value), at: location(lineIndex, start))
        case "-" where next == nil || next == " " || next == "\t":
            error("front-matter-syntax",
                  "a list cannot start on its key's line; put each '- item' on its own line below",
                  lineIndex, start)
            skipDeeper(than: parentIndent)
            return nil
        default:
            if let reason = unsupportedConstruct(first, next: next) {
                error("front-matter-unsupported", reason, lineIndex, start)
                skipDeeper(than: parentIndent)
                return nil
            }
            return readPlain(lineIndex, at: start, parentIndent: parentIndent)
        }
    }

    /// The index of the first character after `from` that is neither whitespace nor a comment.
    func textAfter(_ lineIndex: Int, from: Int) -> Int? {
        let text = lines[lineIndex].text
        var j = from
        while j < text.count, text[j] == " " || text[j] == "\t" { j += 1 }
        if j == text.count || (text[j] == "#" && j > from) { return nil }
        return j
    }

    /// Plain text up to a ` #` comment, without trailing whitespace, and whether a comment ended it.
    func plainText(_ lineIndex: Int, from start: Int) -> (text: String, comment: Bool) {
        let text = lines[lineIndex].text
        var end = start
        var comment = false
        while end < text.count {
            if text[end] == "#", end > start, text[end - 1] == " " || text[end - 1] == "\t" {
                comment = true
                break
            }
            end += 1
        }
        while end > start, text[end - 1] == " " || text[end - 1] == "\t" { end -= 1 }
        return (lines[lineIndex].string(start..<end), comment)
    }

    /// A plain scalar, joined with any more-indented continuation lines.
    mutating func readPlain(_ lineIndex: Int, at start: Int, parentIndent: Int) -> FrontMatterNode? {
        var (value, comment) = plainText(lineIndex, from: start)
        i = lineIndex + 1
        while !comment, i < lines.count {
            let line = lines[i]
            if line.isBlank || line.isComment || line.tabIndex != nil || line.indent <= parentIndent { break }
            // A deeper `key: value` or `- item` is mis-indented: the owner reports it; it is not text.
            if line.key(at: line.indent) != nil || line.isListItem(at: line.indent) { break }
            let more = plainText(i, from: line.indent)
            value += " " + more.text
            comment = more.comment
            i += 1
        }
        return resolvePlain(value, at: location(lineIndex, start))
    }

    /// Gives plain text its type: null, boolean, integer, date or string.
    mutating func resolvePlain(_ text: String, at location: SourceLocation) -> FrontMatterNode? {
        switch Self.plainKind(text) {
        case .success(let kind): return FrontMatterNode(kind, at: location)
        case .failure(let problem):
            diagnostics.append(.error("front-matter-date", "invalid date '\(text)': \(problem.reason)", at: location))
            return nil
        }
    }

    /// What plain text is, or why a text shaped like a date is not one.
    static func plainKind(_ text: String) -> Result<FrontMatterNode.Kind, DateProblem> {
        // The words, signs and digits are ASCII, so the bytes tell what the scalars would (no
        // other text is canonically equivalent to these words).
        enum Shape { case null, yes, no, digits, other }
        var copy = text
        let shape: Shape = copy.withUTF8 { b in
            func equals(_ word: StaticString) -> Bool {
                b.count == word.utf8CodeUnitCount && memcmp(b.baseAddress!, word.utf8Start, b.count) == 0
            }
            if b.isEmpty || equals("~") || equals("null") { return .null }
            if equals("true") { return .yes }
            if equals("false") { return .no }
            var i = 0
            while i < b.count, b[i] == 45 || b[i] == 43 { i += 1 }
            guard i <= 1, i < b.count else { return .other }
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            return i == b.count ? .digits : .other
        }
        switch shape {
        case .null: return .success(.null)
        case .yes: return .success(.boolean(true))
        case .no: return .success(.boolean(false))
        case .digits:
            if let n = Int(text) { return .success(.integer(n)) }
            return .success(.string(text))  // too large: keep the text
        case .other: break
        }
        if let problem = CalendarDate.problem(text) {
            if problem.isEmpty { return .success(.date(text)) }
            return .failure(DateProblem(reason: problem))
        }
        return .success(.string(text))
    }

    /// Why a `YYYY-MM-DD` text is not a date.
    struct DateProblem: Error {
        var reason: String
    }

    /// A 'single' or "double" quoted scalar on one line; returns the text and the index after the
    /// closing quote.
    mutating func readQuoted(_ lineIndex: Int, at start: Int) -> (String, Int)? {
        let text = lines[lineIndex].text
        let quote = text[start]
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.count - start)
        var j = start + 1
        while j < text.count {
            let c = text[j]
            if c == quote {
                if quote == "'", j + 1 < text.count, text[j + 1] == "'" {
                    out.append("'")
                    j += 2
                    continue
                }
                return (FrontMatterLine.text(out[...]), j + 1)
            }
            if c == "\\" && quote == "\"" {
                guard let (scalars, next) = readEscape(lineIndex, at: j) else { return nil }
                out.append(contentsOf: scalars)
                j = next
                continue
            }
            out.append(c)
            j += 1
        }
        error("front-matter-syntax", "unterminated quoted text; close the quote on the same line",
              lineIndex, start)
        return nil
    }

    /// One escape in double-quoted text at `text[start] == "\\"`.
    mutating func readEscape(_ lineIndex: Int, at start: Int) -> ([Unicode.Scalar], Int)? {
        let text = lines[lineIndex].text
        guard start + 1 < text.count else {
            error("front-matter-syntax", "unterminated quoted text; close the quote on the same line",
                  lineIndex, start)
            return nil
        }
        switch text[start + 1] {
        case "\"": return (["\""], start + 2)
        case "\\": return (["\\"], start + 2)
        case "/": return (["/"], start + 2)
        case "n": return (["\n"], start + 2)
        case "t": return (["\t"], start + 2)
        case "r": return (["\r"], start + 2)
        case "0": return (["\0"], start + 2)
        case " ": return ([" "], start + 2)
        case "x", "u", "U":
            let width = text[start + 1] == "x" ? 2 : text[start + 1] == "u" ? 4 : 8
            guard var value = hex(text, start + 2, width) else { break }
            var next = start + 2 + width
            // A UTF-16 surrogate pair written as two \u escapes.
            if (0xD800...0xDBFF).contains(value), next + 1 < text.count, text[next] == "\\",
               text[next + 1] == "u", let low = hex(text, next + 2, 4), (0xDC00...0xDFFF).contains(low) {
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                next += 6
            }
            guard let scalar = Unicode.Scalar(value) else { break }
            return ([scalar], next)
        default:
            break
        }
        error("front-matter-syntax",
              "unknown escape in double-quoted text; use \\\" \\\\ \\n \\t or \\uXXXX", lineIndex, start)
        return nil
    }

    private func hex(_ text: [Unicode.Scalar], _ start: Int, _ width: Int) -> UInt32? {
        guard start + width <= text.count else { return nil }
        return UInt32(FrontMatterLine.text(text[start..<start + width]), radix: 16)
    }

    /// A `[a, b]` list of scalars, possibly continued on more-indented lines.
    mutating func readFlowList(_ lineIndex: Int, at start: Int, parentIndent: Int) -> FrontMatterNode? {
        var items: [FrontMatterNode] = []
        var l = lineIndex
        var j = start + 1
        var expectItem = true
        func fail(_ reader: inout FrontMatterReader, _ l: Int) -> FrontMatterNode? {
            reader.i = l + 1
            reader.skipDeeper(than: parentIndent)
            return nil
        }
        while true {
            let text = lines[l].text
            while j < text.count, text[j] == " " || text[j] == "\t" { j += 1 }
            if j == text.count || (text[j] == "#" && (text[j - 1] == " " || text[j - 1] == "\t")) {
                l += 1
                while l < lines.count, lines[l].isBlank || lines[l].isComment { l += 1 }
                guard l < lines.count, lines[l].indent > parentIndent, lines[l].tabIndex == nil else {
                    error("front-matter-syntax", "unterminated list: '[' has no matching ']'", lineIndex, start)
                    i = l
                    skipDeeper(than: parentIndent)
                    return nil
                }
                j = lines[l].indent
                continue
            }
            let c = text[j]
            if c == "]" {
                if let extra = textAfter(l, from: j + 1) {
                    error("front-matter-syntax", "unexpected text after ']'", l, extra)
                    return fail(&self, l)
                }
                i = l + 1
                return FrontMatterNode(.list(items), at: location(lineIndex, start))
            }
            if c == "," {
                if expectItem {
                    error("front-matter-syntax", "empty item in list", l, j)
                    return fail(&self, l)
                }
                expectItem = true
                j += 1
                continue
            }
            if !expectItem {
                error("front-matter-syntax", "expected ',' or ']' after a list item", l, j)
                return fail(&self, l)
            }
            expectItem = false
            if c == "[" {
                error("front-matter-unsupported",
                      "nested lists inside '[ ]' are not supported", l, j)
                return fail(&self, l)
            }
            if c == "\"" || c == "'" {
                guard let (value, end) = readQuoted(l, at: j) else { return fail(&self, l) }
                items.append(FrontMatterNode(.string(value), at: location(l, j)))
                j = end
                continue
            }
            if let reason = unsupportedConstruct(c, next: j + 1 < text.count ? text[j + 1] : nil) {
                error("front-matter-unsupported", reason, l, j)
                return fail(&self, l)
            }
            var k = j
            while k < text.count, text[k] != ",", text[k] != "]",
                  !(text[k] == "#" && (text[k - 1] == " " || text[k - 1] == "\t")) {
                k += 1
            }
            var end = k
            while end > j, text[end - 1] == " " || text[end - 1] == "\t" { end -= 1 }
            if (j..<end).contains(where: { text[$0] == ":" && ($0 + 1 == end || text[$0 + 1] == " ") }) {
                error("front-matter-unsupported",
                      "'key: value' pairs inside '[ ]' are not supported; quote the item", l, j)
                return fail(&self, l)
            }
            if let node = resolvePlain(lines[l].string(j..<end), at: location(l, j)) {
                items.append(node)
            }
            j = k
        }
    }
}
