/// A path joined on bytes, segment by segment: empty segments and `.` are dropped, `..` removes
/// the segment before it. `Context.join` is built on it; the output link check joins one
/// folder per page and then each link to a copy of it (`reset(to:)`), so no link makes a String.
///
/// The storage only grows: `count` and `depth` say how much of it is the path, so joining
/// many links one after another allocates nothing and checks no uniqueness per byte.
struct JoinedPath {
    private var storage: [UInt8]
    /// Where each segment of the path starts, so `..` knows what to remove.
    private var starts: [Int]
    /// The path is `storage[..<count]`.
    private(set) var count = 0
    private var depth = 0

    init(capacity: Int = 0) {
        storage = Array(repeating: 0, count: max(capacity, 16))
        starts = Array(repeating: 0, count: max(capacity, 16) / 2)
    }

    var isEmpty: Bool { count == 0 }

    /// Calls `body` with the path's bytes.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<count])) }
    }

    /// Adds `path`'s segments; false when a `..` climbs above the root (the path is then unusable).
    mutating func add(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = path.count
        guard n > 0 else { return true }
        // At most one `/` and one byte per segment are added, and one segment per two bytes.
        if count + n + 1 > storage.count { storage += repeatElement(0, count: count + n + 1 + storage.count) }
        if depth + (n + 1) / 2 > starts.count { starts += repeatElement(0, count: depth + (n + 1) / 2 + starts.count) }
        var count = self.count, depth = self.depth
        var starts = self.starts
        self.starts = []
        defer { self.starts = starts }
        let joins = storage.withUnsafeMutableBufferPointer { out in
            starts.withUnsafeMutableBufferPointer { starts in
                let out = out.baseAddress!, starts = starts.baseAddress!
                var i = 0
                while i < n {
                    // The segment is copied while it is looked for; `count` moves past it only
                    // when it is kept.
                    let at = count > 0 ? count + 1 : 0
                    var j = i
                    while j < n {
                        let b = path[j]
                        if b == 47 { break }
                        out[at + j - i] = b
                        j += 1
                    }
                    let length = j - i
                    if length == 0 || (length == 1 && path[i] == 46) {
                        // empty or "."
                    } else if length == 2, path[i] == 46, path[i + 1] == 46 {
                        guard depth > 0 else { return false }
                        depth -= 1
                        let start = starts[depth]
                        count = start == 0 ? 0 : start - 1
                    } else {
                        if count > 0 { out[count] = 47 }
                        starts[depth] = at
                        depth += 1
                        count = at + length
                    }
                    i = j + 1
                }
                return true
            }
        }
        self.count = count
        self.depth = depth
        return joins
    }

    /// Keeps the trailing `/` of the `path` last added (a folder stays one), unless the result
    /// is the root.
    mutating func keepTrailingSlash(of path: UnsafeBufferPointer<UInt8>) {
        if path.last == 47, count > 0 { append(47) }
    }

    /// Appends bytes that are not segments to resolve (`index.html` after a folder).
    mutating func append(_ tail: StaticString) {
        let n = tail.utf8CodeUnitCount
        if count + n > storage.count { storage += repeatElement(0, count: count + n) }
        let at = count
        storage.withUnsafeMutableBufferPointer { out in
            tail.withUTF8Buffer { (out.baseAddress! + at).update(from: $0.baseAddress!, count: n) }
        }
        count += n
    }

    private mutating func append(_ byte: UInt8) {
        if count == storage.count { storage.append(0) }
        storage[count] = byte
        count += 1
    }

    /// Becomes `other` again, reusing this path's storage: one folder, copied for every link.
    mutating func reset(to other: JoinedPath) {
        if other.count > storage.count { storage += repeatElement(0, count: other.count) }
        if other.depth > starts.count { starts += repeatElement(0, count: other.depth) }
        storage.withUnsafeMutableBufferPointer { out in
            other.storage.withUnsafeBufferPointer { out.baseAddress!.update(from: $0.baseAddress!, count: other.count) }
        }
        starts.withUnsafeMutableBufferPointer { out in
            other.starts.withUnsafeBufferPointer { out.baseAddress!.update(from: $0.baseAddress!, count: other.depth) }
        }
        count = other.count
        depth = other.depth
    }
}
