#if canImport(Glibc)
import Glibc
#endif

/// Byte-level search and replace on strings: Foundation's `range(of:)` and
/// `replacingOccurrences(of:with:)` are locale-aware and many times slower on large pages.
public enum FastText {
    /// The UTF-8 offset of the first `needle` in `haystack`, if any.
    public static func offset(of needle: String, in haystack: String) -> Int? {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n -> Int? in
                guard n.count > 0, h.count >= n.count else { return nil }
                return find(n, in: h, from: 0)
            }
        }
    }

    /// The offset of the first `needle` in `bytes`, if any.
    public static func offset(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard !needle.isEmpty else { return nil }
        return bytes.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { n in find(n, in: h, from: 0) } }
    }

    /// memchr for the first byte, memcmp for the rest.
    public static func find(_ n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        let last = h.count - n.count
        while i <= last {
            guard let hit = memchr(h.baseAddress! + i, Int32(n[0]), last - i + 1) else { return nil }
            let at = UnsafeRawPointer(hit) - UnsafeRawPointer(h.baseAddress!)
            if memcmp(h.baseAddress! + at, n.baseAddress!, n.count) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// How many times `byte` occurs in `bytes`.
    public static func count(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var n = 0, i = 0
        while i < bytes.count, let hit = memchr(base + i, Int32(byte), bytes.count - i) {
            n += 1
            i = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
        }
        return n
    }

    /// How many times `byte` occurs in `bytes`.
    public static func count(_ byte: UInt8, in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { count(byte, in: $0) }
    }

    /// Every `needle` in `haystack` replaced by `replacement`.
    public static func replacing(_ needle: String, with replacement: String, in haystack: String) -> String {
        var haystack = haystack, needle = needle
        let r = Array(replacement.utf8)
        return haystack.withUTF8 { h in
            needle.withUTF8 { n -> String in
                guard n.count > 0, h.count >= n.count else { return String(decoding: h, as: UTF8.self) }
                var out = [UInt8]()
                out.reserveCapacity(h.count + 64)
                var start = 0
                while let at = find(n, in: h, from: start) {
                    out.append(contentsOf: h[start..<at])
                    out.append(contentsOf: r)
                    start = at + n.count
                }
                out.append(contentsOf: h[start...])
                return String(decoding: out, as: UTF8.self)
            }
        }
    }
}
