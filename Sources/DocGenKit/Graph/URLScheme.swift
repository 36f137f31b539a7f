/// How hrefs are written: relative to the linking page (the site works from any folder), or
/// prefixed with `base_url` when the site is configured with one.
public struct URLScheme: Sendable {
    public var baseURL: String?

    public init(baseURL: String?) { self.baseURL = baseURL }

    /// The href that reaches `target` (a site-relative URL such as `tools/` or `assets/x.css`)
    /// from a page at `from` (`guides/setup/`).
    public func href(to target: String, from: String) -> String {
        if let baseURL { return baseURL + target }
        // In place when the strings are contiguous (always, for Swift's own): `withUTF8` would
        // copy them first.
        if let href = target.utf8.withContiguousStorageIfAvailable({ t in
            from.utf8.withContiguousStorageIfAvailable { f in Self.relative(t, from: f) }
        }), let href { return href }
        var target = target, from = from
        return target.withUTF8 { t in from.withUTF8 { f in Self.relative(t, from: f) } }
    }

    /// `href` without a base URL, on bytes: this runs for every link of every page. Segments are
    /// kept as (start, end) offsets in stack buffers, so the only allocation is the result.
    private static func relative(_ t: UnsafeBufferPointer<UInt8>, from f: UnsafeBufferPointer<UInt8>) -> String {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (f.count + 1)) { fromParts in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (t.count + 1)) { toParts in
                // `from` split at `/`, empty segments dropped; `target` split keeping empty ones,
                // then a last empty one (a trailing slash) dropped.
                let fromCount = segments(f, keepEmpty: false, into: fromParts)
                var toCount = segments(t, keepEmpty: true, into: toParts)
                if toCount > 0, toParts[2 * toCount - 2] == toParts[2 * toCount - 1] { toCount -= 1 }
                let endsWithSlash = t.last == 47
                func same(_ a: Int, _ b: Int) -> Bool {
                    let (fs, fe, ts, te) = (fromParts[2 * a], fromParts[2 * a + 1], toParts[2 * b], toParts[2 * b + 1])
                    return fe - fs == te - ts && (fe == fs || memcmp(f.baseAddress! + fs, t.baseAddress! + ts, fe - fs) == 0)
                }
                var common = 0
                while common < fromCount, common < toCount, same(common, common) { common += 1 }
                // A file target (no trailing slash) cannot share its last segment as a folder.
                if !endsWithSlash, common == toCount, common > 0 { common -= 1 }
                // The target's segments past the common ones, with the single slashes between
                // them, are one run of its bytes: they are copied whole.
                let tail = toCount > common ? toParts[2 * common]..<toParts[2 * toCount - 1] : 0..<0
                let slash = endsWithSlash && toCount > common
                let length = 3 * (fromCount - common) + tail.count + (slash ? 1 : 0)
                if length == 0 { return "./" }
                return String(unsafeUninitializedCapacity: length) { out in
                    var o = 0
                    for _ in 0..<(fromCount - common) {
                        out[o] = 46; out[o + 1] = 46; out[o + 2] = 47
                        o += 3
                    }
                    if !tail.isEmpty {
                        (out.baseAddress! + o).update(from: t.baseAddress! + tail.lowerBound, count: tail.count)
                        o += tail.count
                    }
                    if slash { out[o] = 47; o += 1 }
                    return o
                }
            }
        }
    }

    /// Writes the (start, end) offsets of the `/`-separated segments of `bytes` and returns how
    /// many there are. Like `split(separator:omittingEmptySubsequences:)`.
    private static func segments(_ bytes: UnsafeBufferPointer<UInt8>, keepEmpty: Bool,
                                 into parts: UnsafeMutableBufferPointer<Int>) -> Int {
        var count = 0
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 47 {
            if keepEmpty || i > start {
                parts[2 * count] = start
                parts[2 * count + 1] = i
                count += 1
            }
            start = i + 1
        }
        return count
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
