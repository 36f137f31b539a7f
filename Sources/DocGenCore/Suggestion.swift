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
            let c = Array(candidate.lowercased().unicodeScalars)
            let limit = max(2, max(target.count, c.count) / 3)
            if abs(c.count - target.count) > limit { continue }
            let d = distance(target, c, limit: limit)
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

    /// Levenshtein distance with an early exit once every entry of a row exceeds `limit`.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = Swift.min(rowMin, current[j])
            }
            if rowMin > limit { return rowMin }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
