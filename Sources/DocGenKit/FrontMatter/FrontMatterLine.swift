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
        return (Self.text(text[index..<end]), end)
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
        Self.text(text[range])
    }

    /// The text of `scalars`, encoded as UTF-8 in one buffer: appending to a
    /// `String.UnicodeScalarView` one scalar at a time was most of the front matter's time.
    static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(unsafeUninitializedCapacity: max(1, scalars.count * 4)) { out in
            var n = 0
            for scalar in scalars {
                if scalar.value < 0x80 {
                    out[n] = UInt8(truncatingIfNeeded: scalar.value)
                    n += 1
                } else {
                    UTF8.encode(scalar) { out[n] = $0; n += 1 }
                }
            }
            return n
        }
    }

    /// The scalars of one line; ASCII lines (nearly all) are read byte by byte.
    static func scalars(_ content: Substring.UnicodeScalarView) -> [Unicode.Scalar] {
        let utf8 = Substring(content).utf8
        var ascii = true
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { out, n in
            for b in utf8 {
                guard b < 0x80 else { ascii = false; return }
                out[n] = Unicode.Scalar(b)
                n += 1
            }
        }
        return ascii ? scalars : Array(content)
    }
}
