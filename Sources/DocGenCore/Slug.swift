/// GitHub-style heading ids: lower-cased, punctuation dropped, spaces to hyphens.
public enum Slug {
    /// `"Set up: Linux & macOS"` → `"set-up-linux--macos"` (as GitHub does).
    public static func github(_ text: String) -> String {
        if let ascii = asciiGithub(text) { return ascii }
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                out.append("-")
            } else if scalar == "-" || scalar == "_" {
                out.append(scalar)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                        || scalar.properties.generalCategory == .nonspacingMark {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `github` for ASCII text, byte by byte: the Unicode properties lookups were most of its time.
    /// In ASCII the letters are the only alphabetic scalars, the digits the only numeric ones,
    /// and there are no nonspacing marks.
    private static func asciiGithub(_ text: String) -> String? {
        var ascii = true
        let out = String(unsafeUninitializedCapacity: max(1, text.utf8.count)) { buffer in
            var count = 0
            for b in text.utf8 {
                switch b {
                case 65...90: buffer[count] = b + 32
                case 97...122, 48...57, 45, 95: buffer[count] = b
                case 32: buffer[count] = 45
                case 128...: ascii = false; return 0
                default: continue
                }
                count += 1
            }
            return count
        }
        return ascii ? out : nil
    }

    /// A URL path segment from a file or tag name: lower-case letters, digits and hyphens.
    public static func segment(_ text: String) -> String {
        if let ascii = asciiSegment(text) { return ascii }
        var out = ""
        var lastHyphen = true
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
                lastHyphen = false
            } else if !lastHyphen {
                out += "-"
                lastHyphen = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    /// `segment` for ASCII text, byte by byte (see `asciiGithub`).
    private static func asciiSegment(_ text: String) -> String? {
        var ascii = true
        let out = String(unsafeUninitializedCapacity: max(1, text.utf8.count)) { buffer in
            var count = 0
            var lastHyphen = true
            for b in text.utf8 {
                switch b {
                case 65...90, 97...122, 48...57:
                    buffer[count] = b | (b >= 65 ? 0x20 : 0)
                    count += 1
                    lastHyphen = false
                case 128...:
                    ascii = false
                    return 0
                default:
                    if !lastHyphen {
                        buffer[count] = 45
                        count += 1
                        lastHyphen = true
                    }
                }
            }
            while count > 0, buffer[count - 1] == 45 { count -= 1 }
            return count
        }
        return ascii ? out : nil
    }
}

/// Hands out unique heading ids within one page: `intro`, `intro-1`, `intro-2`.
public struct Slugger: Sendable {
    private var used: [String: Int] = [:]
    public init() {}

    /// Reserves an explicit id so generated ones avoid it.
    public mutating func reserve(_ id: String) { if used[id] == nil { used[id] = 0 } }

    public mutating func unique(for text: String) -> String {
        var base = Slug.github(text)
        if base.isEmpty { base = "section" }
        guard let count = used[base] else {
            used[base] = 0
            return base
        }
        var n = count + 1
        while used["\(base)-\(n)"] != nil { n += 1 }
        used[base] = n
        used["\(base)-\(n)"] = 0
        return "\(base)-\(n)"
    }
}
