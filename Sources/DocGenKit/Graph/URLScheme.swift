/// How hrefs are written: relative to the linking page (the site works from any folder), or
/// prefixed with `base_url` when the site is configured with one.
public struct URLScheme: Sendable {
    public var baseURL: String?

    public init(baseURL: String?) { self.baseURL = baseURL }

    /// The href that reaches `target` (a site-relative URL such as `tools/` or `assets/x.css`)
    /// from a page at `from` (`guides/setup/`).
    public func href(to target: String, from: String) -> String {
        if let baseURL { return baseURL + target }
        let fromParts = from.split(separator: "/")
        var toParts = target.split(separator: "/", omittingEmptySubsequences: false)
        if toParts.last == "" { toParts.removeLast() }
        let endsWithSlash = target.hasSuffix("/")
        var common = 0
        while common < fromParts.count, common < toParts.count, fromParts[common] == toParts[common] { common += 1 }
        // A file target (no trailing slash) cannot share its last segment as a folder.
        if !endsWithSlash, common == toParts.count, common > 0 { common -= 1 }
        var out = String(repeating: "../", count: fromParts.count - common)
        let rest = toParts[common...].joined(separator: "/")
        out += rest
        if endsWithSlash, !rest.isEmpty { out += "/" }
        return out.isEmpty ? "./" : out
    }

    /// The prefix that reaches the site root from `from`.
    public func root(from: String) -> String {
        if let baseURL { return baseURL }
        let depth = from.split(separator: "/").count
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
