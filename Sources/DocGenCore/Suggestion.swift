/// Near-miss suggestions for names that did not match ("did you mean ...?").
public enum Suggestion {
    /// The candidate closest to `name` by edit distance (case-insensitive), if close enough to
    /// be a plausible typo. Ties go to the alphabetically first candidate, so output is stable.
    public static func nearest<C: Collection>(to name: String, in candidates: C) -> String?
    where C.Element == String {
        let target = Array(name.lowercased().unicodeScalars)
        guard !target.isEmpty else { return nil }
        var best: (distance: Int, name: String)?
        for candidate in candidates {
            if candidate == name { continue }
            var c = Array(candidate.lowercased().unicodeScalars)
            // Compare what differs: a shared folder prefix and a shared extension would make any
            // two short names in one folder look alike.
            var t = target
            let common = sharedFolderPrefix(t, c)
            t.removeFirst(common); c.removeFirst(common)
            for ext in [".md", ".markdown"].map({ Array($0.unicodeScalars) }) where t.count > ext.count && c.count > ext.count
                && Array(t.suffix(ext.count)) == ext && Array(c.suffix(ext.count)) == ext {
                t.removeLast(ext.count); c.removeLast(ext.count)
            }
            let limit = max(1, max(t.count, c.count) / 3)
            if abs(c.count - t.count) > limit { continue }
            let d = distance(t, c, limit: limit)
            guard d <= limit else { continue }
            if let b = best, (b.distance, b.name) <= (d, candidate) { continue }
            best = (d, candidate)
        }
        if let best { return best.name }
        // A last chance for long paths: the same file name in another folder.
        let tail = name.split(separator: "/").last.map(String.init) ?? name
        let sameTail = candidates.filter { ($0.split(separator: "/").last.map(String.init) ?? $0) == tail }
        return sameTail.sorted().first
    }

    /// Length of the folder path (up to and including a `/`) that `a` and `b` share.
    static func sharedFolderPrefix(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var shared = 0
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] {
            if a[i] == "/" { shared = i + 1 }
            i += 1
        }
        return shared
    }

    /// Edit distance counting a swap of two neighbouring characters as one edit (optimal string
    /// alignment), with an early exit once every entry of a row exceeds `limit`.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = Swift.min(value, before[j - 2] + 1)
                }
                current[j] = value
                rowMin = Swift.min(rowMin, value)
            }
            if rowMin > limit { return rowMin }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
