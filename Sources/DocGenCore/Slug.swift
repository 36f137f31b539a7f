/// GitHub-style heading ids: lower-cased, punctuation dropped, spaces to hyphens.
public enum Slug {
    /// `"Set up: Linux & macOS"` → `"set-up-linux--macos"` (as GitHub does).
    public static func github(_ text: String) -> String {
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

    /// A URL path segment from a file or tag name: lower-case letters, digits and hyphens.
    public static func segment(_ text: String) -> String {
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
