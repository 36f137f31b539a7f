/// How hrefs are written: relative to the linking page (the site works from any folder), or
/// prefixed with `base_url` when the site is configured with one.
public struct URLScheme: Sendable {
    public var baseURL: String?

    public init(baseURL: String?) { self.baseURL = baseURL }

    /// The href that reaches `target` (a site-relative URL such as `tools/` or `assets/x.css`)
    /// from a page at `from` (`guides/setup/`).
    public func href(to target: String, from: String) -> String {
        if let baseURL { return baseURL + target }
        // Byte-level: this runs for every link of every page.
        let f = Array(from.utf8), t = Array(target.utf8)
        let fromParts = f.split(separator: 47)
        var toParts = t.split(separator: 47, omittingEmptySubsequences: false)
        if toParts.last?.isEmpty == true { toParts.removeLast() }
        let endsWithSlash = t.last == 47
        var common = 0
        while common < fromParts.count, common < toParts.count, fromParts[common].elementsEqual(toParts[common]) { common += 1 }
        // A file target (no trailing slash) cannot share its last segment as a folder.
        if !endsWithSlash, common == toParts.count, common > 0 { common -= 1 }
        var out = [UInt8]()
        out.reserveCapacity(t.count + 3 * fromParts.count)
        for _ in 0..<(fromParts.count - common) { out.append(contentsOf: [46, 46, 47]) }
        for (n, part) in toParts[common...].enumerated() {
            if n > 0 { out.append(47) }
            out.append(contentsOf: part)
        }
        if endsWithSlash, toParts.count > common { out.append(47) }
        return out.isEmpty ? "./" : String(decoding: out, as: UTF8.self)
    }

    /// The prefix that reaches the site root from `from`.
    public func root(from: String) -> String {
        if let baseURL { return baseURL }
        var depth = 0
        var previous: UInt8 = 47
        for b in from.utf8 { if previous == 47 && b != 47 { depth += 1 }; previous = b }
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

}

extension URLScheme {
    /// `docs`, `/docs`, `/docs/` → `/docs/`; an absolute URL keeps its scheme and host.
    public static func normalizeBaseURL(_ text: String) -> String? {
        var s = text.trimmingCharacters(in: .whitespaces)
        if s.isEmpty { return nil }
        if !s.contains("://") && !s.hasPrefix("/") { s = "/" + s }
        if !s.hasSuffix("/") { s += "/" }
        return s
    }
}

import Foundation
