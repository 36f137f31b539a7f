/// One line of YAML-lite as Unicode scalars, so an index `i` is column `i + 1`.
struct FrontMatterLine {
    var number: Int
    var text: [Unicode.Scalar]

    /// Leading spaces and tabs (a tab is reported separately, see `tabColumn`).
    var indent: Int {
        var n = 0
        while n < text.count, text[n] == " " || text[n] == "\t" { n += 1 }
        return n
    }

    /// The 0-based index of the first tab in the leading whitespace, if any.
    var tabIndex: Int? {
        var n = 0
        while n < text.count, text[n] == " " || text[n] == "\t" {
            if text[n] == "\t" { return n }
            n += 1
        }
        return nil
    }

    var isBlank: Bool { indent == text.count }

    var isComment: Bool {
        let n = indent
        return n < text.count && text[n] == "#"
    }

    /// `-` at `index` followed by whitespace or the end of the line.
    func isListItem(at index: Int) -> Bool {
        guard index < text.count, text[index] == "-" else { return false }
        return index + 1 == text.count || text[index + 1] == " " || text[index + 1] == "\t"
    }

    /// The key and the index of its colon when the line reads `key:` + whitespace or end at `index`.
    func key(at index: Int) -> (key: String, colon: Int)? {
        var end = index
        while end < text.count, Self.isKeyScalar(text[end]) { end += 1 }
        guard end > index, end < text.count, text[end] == ":" else { return nil }
        guard end + 1 == text.count || text[end + 1] == " " || text[end + 1] == "\t" else { return nil }
        var key = ""
        key.unicodeScalars.append(contentsOf: text[index..<end])
        return (key, end)
    }

    static func isKeyScalar(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": return true
        default: return false
        }
    }

    /// Whether a plain text from `index` contains `: ` or ends with `:` (outside any comment).
    func looksLikeMapping(from index: Int) -> Bool {
        var i = index
        while i < text.count {
            if text[i] == "#", i > index, text[i - 1] == " " || text[i - 1] == "\t" { return false }
            if text[i] == ":" && (i + 1 == text.count || text[i + 1] == " " || text[i + 1] == "\t") {
                return true
            }
            i += 1
        }
        return false
    }

    func string(_ range: Range<Int>) -> String {
        var s = ""
        s.unicodeScalars.append(contentsOf: text[range])
        return s
    }
}
