import Foundation

/// One term of a shard as written: its line in `t/<name>.json` (`"term":[df,"postings"]`) and, for a
/// long posting list, its line in `x/<name>.json` (`"term":"postings"`).
struct SearchShardEntry {
    var term: String
    /// `SearchIndexFormat.termHash(term)`
    var hash: UInt64
    var head: ArraySlice<UInt8>
    var tail: ArraySlice<UInt8>?

    /// The bytes the entry adds to its shard file: the line and its separator.
    var size: Int { head.count + 2 }
}

/// Where term shards end. Content-defined, so an edit that changes a few terms moves at most the
/// cuts next to them and never renumbers the rest: a shard ends after a term whose hash is below
/// a threshold proportional to the term's entry size (about one cut per `target / 4` bytes), but
/// not before the shard holds `3/4 · target` bytes, and always once it holds `2 · target`.
/// Shards average about `target` bytes.
struct SearchShardCutter {
    let minBytes: Int
    let spacing: Int
    let maxBytes: Int
    private(set) var bytes = 0

    init(target: Int) {
        minBytes = target * 3 / 4
        spacing = max(1, target / 4)
        maxBytes = max(1, target * 2)
    }

    /// Adds `entry` to the current shard; true when the shard ends after it (the next one starts empty).
    mutating func ends(after entry: SearchShardEntry) -> Bool {
        bytes += entry.size
        guard bytes >= minBytes else { return false }
        if bytes >= maxBytes || (entry.hash >> 32) &* UInt64(spacing) < UInt64(entry.size) << 32 {
            bytes = 0
            return true
        }
        return false
    }
}

extension SearchIndexFormat {
    /// The shortest prefix of `first` that sorts after `previous`: a shard's key.
    static func boundaryKey(after previous: String, upTo first: String) -> String {
        var prefix = String.UnicodeScalarView()
        for s in first.unicodeScalars {
            prefix.append(s)
            let candidate = String(prefix)
            if utf16Less(previous, candidate) { return candidate }
        }
        return first
    }

    /// The file name (without `.json`) of the shard with `key`: `_` and the key when it is ASCII
    /// lower-case letters and digits, else `u` and its UTF-8 in hex; a key of more than 60 UTF-8
    /// bytes is named `h` and a hash, listed in the manifest's `names`. Names follow keys, so
    /// adding or removing a shard renames no other.
    static func shardName(_ key: String) -> String {
        if key.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }) { return "_" + key }
        let bytes = Array(key.utf8)
        if bytes.count <= 60 { return "u" + hex(bytes) }
        let h = termHash(key)
        return "h" + hex((0..<8).map { UInt8(truncatingIfNeeded: h >> (56 - 8 * UInt64($0))) })
    }

    /// Whether `shardName(key)` must be listed in the manifest (`search.js` does not hash).
    static func shardNameIsListed(_ key: String) -> Bool { shardName(key).hasPrefix("h") }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// `{line,\nline}` or `[line,\nline]`: how term shards, tails and record chunks are written.
    static func file(_ lines: some Collection<ArraySlice<UInt8>>, open: UInt8, close: UInt8) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(2) { $0 + $1.count + 2 })
        out.append(open)
        var first = true
        for line in lines {
            if !first { out.append(0x2C); out.append(0x0A) }
            out.append(contentsOf: line)
            first = false
        }
        out.append(close)
        return out
    }

    /// The lines of a file written by `file(_:open:close:)`; `nil` when it is not one. Lines never
    /// contain a raw line feed (JSON escapes it in strings), so `,\n` only separates.
    static func lines(_ bytes: [UInt8], open: UInt8, close: UInt8) -> [ArraySlice<UInt8>]? {
        guard bytes.count >= 2, bytes.first == open, bytes.last == close else { return nil }
        if bytes.count == 2 { return [] }
        var out: [ArraySlice<UInt8>] = []
        let end = bytes.count - 1
        var start = 1
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            var i = start
            while i < end, let found = memchr(base + i, 0x0A, end - i) {
                let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if newline > start, buffer[newline - 1] == 0x2C {
                    out.append(bytes[start..<(newline - 1)])
                    start = newline + 1
                }
                i = newline + 1
            }
        }
        out.append(bytes[start..<end])
        return out
    }

    /// The JSON string at the start of `bytes` and the index after its closing quote.
    static func leadingString(_ bytes: ArraySlice<UInt8>) -> (String, ArraySlice<UInt8>.Index)? {
        guard bytes.first == 0x22 else { return nil }
        var i = bytes.startIndex + 1
        var plain = true
        while i < bytes.endIndex, bytes[i] != 0x22 {
            if bytes[i] == 0x5C { plain = false; i += 1 }
            i += 1
        }
        guard i < bytes.endIndex else { return nil }
        let end = i + 1
        if plain { return (String(decoding: bytes[(bytes.startIndex + 1)..<i], as: UTF8.self), end) }
        // Rare (terms are letters and digits): let Foundation unescape.
        guard let value = try? JSONSerialization.jsonObject(with: Data(bytes[bytes.startIndex..<end]),
                                                           options: .fragmentsAllowed) as? String
        else { return nil }
        return (value, end)
    }
}
