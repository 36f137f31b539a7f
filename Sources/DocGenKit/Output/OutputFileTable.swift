/// The files of a build, looked up by the bytes of a path: the output link check joins each link
/// on bytes and asks here, so a link to a written file makes no String and no `Hasher` run.
/// A path is found only when its bytes are a file's bytes; a `Set<String>` also matches other
/// Unicode normalizations, so callers treat "not found" as "ask the `Set`".
struct OutputFileTable: Sendable {
    /// The paths' bytes one after another; file `k` is `bytes[ends[k]..<ends[k + 1]]`.
    private var bytes: [UInt8] = []
    private var ends: [Int] = [0]
    /// Whether each file's name ends in `.html` (as `String.hasSuffix` says: by Character).
    private(set) var isHTML: [Bool] = []
    /// Open addressing, linear probing, at most half full. A slot holds where its path is, so
    /// a lookup reads one slot and one path (both cache misses, for a link to a far page).
    private var slots: [Slot]
    private let mask: Int

    private struct Slot {
        /// The high half of the path's hash (the low half picks the slot).
        var hash: UInt32 = 0
        /// The file's number; -1 for an empty slot.
        var file: Int32 = -1
        var start: Int32 = 0
        var length: Int32 = 0
    }

    init(_ files: some Collection<String>) {
        var capacity = 16
        while capacity < 2 * files.count { capacity *= 2 }
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
        isHTML.reserveCapacity(files.count)
        for file in files {
            var path = file
            let isNew = path.withUTF8 { path in
                guard index(of: path) == nil else { return false }
                let h = Self.hash(path)
                var slot = Int(truncatingIfNeeded: h) & mask
                while slots[slot].file >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Slot(hash: UInt32(truncatingIfNeeded: h >> 32), file: Int32(isHTML.count),
                                   start: Int32(bytes.count), length: Int32(path.count))
                bytes.append(contentsOf: path)
                ends.append(bytes.count)
                return true
            }
            if isNew { isHTML.append(file.hasSuffix(".html")) }
        }
    }

    var count: Int { isHTML.count }

    /// The number of the file whose path is exactly `path`'s bytes.
    func index(of path: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(path)
        let high = UInt32(truncatingIfNeeded: h >> 32)
        let n = path.count
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { all in
                var slot = Int(truncatingIfNeeded: h) & mask
                while true {
                    let s = slots[slot]
                    if s.file < 0 { return nil }
                    if s.hash == high, Int(s.length) == n, Self.equal(all.baseAddress.map { $0 + Int(s.start) }, path.baseAddress, n) {
                        return Int(s.file)
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    func index(of path: String) -> Int? {
        var path = path
        return path.withUTF8 { index(of: $0) }
    }

    func path(_ k: Int) -> String {
        String(decoding: bytes[ends[k]..<ends[k + 1]], as: UTF8.self)
    }

    /// Whether `n` bytes at `a` and `b` are the same; eight at a time, as paths are short.
    private static func equal(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ n: Int) -> Bool {
        guard n > 0, let a, let b else { return true }
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
        var i = 0
        while i + 8 <= n {
            if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// A 64-bit hash of `bytes`, eight at a time (a multiply and two shifts per word).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(n &+ 1)
        guard let base = bytes.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            for k in i..<n { tail |= UInt64(base[k]) << (8 * UInt64(k - i)) }
            h = (h ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        h = (h ^ (h >> 29)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 32)
    }
}
