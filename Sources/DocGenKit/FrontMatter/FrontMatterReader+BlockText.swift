import DocGenCore

/// `|` literal and `>` folded block text.
extension FrontMatterReader {
    enum Chomping { case clip, strip, keep }

    /// Reads the header at `lines[lineIndex].text[start]` (`|`, `>-`, `|+2` ...) and the
    /// more-indented lines after it.
    mutating func readBlockText(_ lineIndex: Int, at start: Int, parentIndent: Int) -> FrontMatterNode? {
        let header = lines[lineIndex].text
        let folded = header[start] == ">"
        var chomping = Chomping.clip
        var explicitIndent: Int?
        var j = start + 1
        // At most one chomping indicator and one indentation digit, in either order; anything
        // else (a repeat included) is left for the "unexpected text" check below.
        while j < header.count {
            let c = header[j]
            if (c == "-" || c == "+") && chomping == .clip {
                chomping = c == "-" ? .strip : .keep
            } else if ("1"..."9").contains(c) && explicitIndent == nil {
                explicitIndent = Int(c.value - 48)
            } else {
                break
            }
            j += 1
        }
        i = lineIndex + 1
        if let extra = textAfter(lineIndex, from: j) {
            error("front-matter-syntax",
                  "unexpected text after '\(header[start])'; block text starts on the next line",
                  lineIndex, extra)
            skipDeeper(than: parentIndent)
            return nil
        }

        var contentIndent = explicitIndent.map { parentIndent + $0 }
        var body: [String] = []
        var k = i
        while k < lines.count {
            let line = lines[k]
            if line.isBlank {
                body.append("")
                k += 1
                continue
            }
            var spaces = 0
            while spaces < line.text.count, line.text[spaces] == " " { spaces += 1 }
            if spaces <= parentIndent { break }
            let indent = contentIndent ?? spaces
            contentIndent = indent
            if spaces < indent {
                error("front-matter-indent",
                      "block text line is indented less than its first line (\(indent) spaces)", k, spaces)
                body.append(line.string(spaces..<line.text.count))
            } else {
                body.append(line.string(indent..<line.text.count))
            }
            k += 1
        }
        i = k

        var trailing = 0
        while let last = body.last, last.isEmpty {
            body.removeLast()
            trailing += 1
        }
        var value = folded ? Self.fold(body) : body.joined(separator: "\n")
        if !body.isEmpty {
            switch chomping {
            case .strip: break
            case .clip: value += "\n"
            case .keep: value += String(repeating: "\n", count: 1 + trailing)
            }
        }
        return FrontMatterNode(.string(value), at: location(lineIndex, start))
    }

    /// YAML folding: a line break between two ordinary lines becomes a space; empty lines stay
    /// as line breaks; lines indented further than the first keep their line breaks.
    static func fold(_ lines: [String]) -> String {
        var out = ""
        var previousWasOrdinary: Bool?
        var empties = 0
        for line in lines {
            if line.isEmpty {
                empties += 1
                continue
            }
            let ordinary = !(line.hasPrefix(" ") || line.hasPrefix("\t"))
            switch previousWasOrdinary {
            case nil:
                out += String(repeating: "\n", count: empties)
            case true? where ordinary:
                out += empties == 0 ? " " : String(repeating: "\n", count: empties)
            default:
                out += String(repeating: "\n", count: empties + 1)
            }
            out += line
            previousWasOrdinary = ordinary
            empties = 0
        }
        return out
    }
}

extension FrontMatterReader {
    /// Checks `YYYY-MM-DD` dates against the calendar.
    enum CalendarDate {
        /// nil when `text` is not shaped like a date; "" for a real date; otherwise what is wrong.
        static func problem(_ text: String) -> String? {
            // A date is ten ASCII scalars, so ten bytes: anything else is not one.
            guard text.utf8.count == 10 else { return nil }
            let s = Array(text.unicodeScalars)
            guard s.count == 10, s[4] == "-", s[7] == "-" else { return nil }
            for (index, c) in s.enumerated() where index != 4 && index != 7 {
                guard ("0"..."9").contains(c) else { return nil }
            }
            let number = { (range: Range<Int>) in range.reduce(0) { $0 * 10 + Int(s[$1].value - 48) } }
            let year = number(0..<4), month = number(5..<7), day = number(8..<10)
            guard (1...12).contains(month) else { return "month must be 01 to 12" }
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            guard (1...days).contains(day) else {
                let names = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
                return "\(names[month - 1]) \(year) has \(days) days"
            }
            return ""
        }
    }
}
