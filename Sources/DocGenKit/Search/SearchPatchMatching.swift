/// Works out which of a page's postings an edit changed, reading as little of the index as it can.
///
/// The old footprint holds one byte of each old posting's hash, in term order; the new postings
/// give the same for the new version. Where the two sequences line up (a run of equal bytes), the
/// posting is taken as unchanged and not read; every other new term is looked up in the index.
/// Old terms the new version lacks are found between their known neighbours in term order: the
/// index terms there that still list the page. The sum of the old postings' full hashes, kept in
/// the footprint, then checks the result; if it does not match (a byte matched by chance), every
/// new term is looked up and the check repeated.
struct SearchPatchMatching {
    struct Change {
        var term: String
        /// `nil`: the page no longer has the term.
        var new: SearchPosting?
    }

    let before: SearchFootprint
    let postings: [(term: String, posting: SearchPosting)]
    let termHashes: [UInt64]
    /// `SearchFootprint.short` of each new posting.
    let after: [UInt8]
    private var looked: [SearchShardEditor.Lookup?]
    private var unreadable = false

    init(before: SearchFootprint, postings: [(term: String, posting: SearchPosting)], termHashes: [UInt64], after: [UInt8]) {
        self.before = before
        self.postings = postings
        self.termHashes = termHashes
        self.after = after
        looked = Array(repeating: nil, count: postings.count)
    }

    /// The terms whose posting of the page differs, with the new posting; `nil` when the index
    /// cannot be read or does not hold what the footprint says.
    mutating func changes(in editor: inout SearchShardEditor) -> [Change]? {
        let matched = Self.align(before.hashes, after)
        if let changes = attempt(reading: { !matched[$0] }, in: &editor) { return changes }
        guard !unreadable, matched.contains(true) else { return nil }
        return attempt(reading: { _ in true }, in: &editor)
    }

    private mutating func attempt(reading: (Int) -> Bool, in editor: inout SearchShardEditor) -> [Change]? {
        let doc = Int32(before.doc)
        for k in postings.indices where reading(k) && looked[k] == nil {
            guard let found = editor.lookup(postings[k].term, doc: doc) else { unreadable = true; return nil }
            looked[k] = found
        }
        // The old postings of the terms both versions have, in term order: read, or assumed unchanged.
        var kept: [(k: Int, hash: UInt64)] = []
        for k in postings.indices {
            var old = postings[k].posting
            if let found = looked[k] {
                guard case .present(let p?) = found else { continue }
                old = p
            }
            kept.append((k, SearchIndexFormat.postingHash(term: termHashes[k], impact: old.impact, block: old.block)))
        }
        let old = before.hashes
        let missing = old.count - kept.count
        guard missing >= 0, let left = Self.embed(kept.map { SearchFootprint.short($0.hash) }, in: old, fromLeft: true),
              let right = Self.embed(kept.map { SearchFootprint.short($0.hash) }, in: old, fromLeft: false) else { return nil }
        var removed: [(term: String, posting: SearchPosting)] = []
        if missing > 0 {
            // An old posting not pinned to one kept term lies between the kept terms that can
            // precede and follow it in some alignment.
            var pinned = Set<Int>()
            for (l, r) in zip(left, right) where l == r { pinned.insert(l) }
            struct Gap: Hashable, Comparable {
                /// Indexes in `kept` of the bounds, -1 and `kept.count` for none.
                var lower: Int, upper: Int
                static func < (a: Gap, b: Gap) -> Bool { (a.lower, a.upper) < (b.lower, b.upper) }
            }
            var gaps = Set<Gap>()
            var before = 0, atMost = 0
            for i in old.indices where !pinned.contains(i) {
                while before < right.count, right[before] < i { before += 1 }
                while atMost < left.count, left[atMost] < i { atMost += 1 }
                gaps.insert(Gap(lower: before - 1, upper: atMost))
            }
            let excluded = Set(postings.map(\.term))
            var found: [String: SearchPosting] = [:]
            for gap in gaps.sorted() {
                guard let list = editor.postings(
                    of: doc, between: gap.lower >= 0 ? postings[kept[gap.lower].k].term : nil,
                    and: gap.upper < kept.count ? postings[kept[gap.upper].k].term : nil, excluding: excluded)
                else { unreadable = true; return nil }
                for (term, p) in list { found[term] = p }
            }
            guard found.count == missing else { return nil }
            removed = found.map { ($0.key, $0.value) }
        }
        var digest = kept.reduce(UInt64(0)) { $0 &+ $1.hash }
        for (term, p) in removed {
            digest &+= SearchIndexFormat.postingHash(term: SearchIndexFormat.termHash(term), impact: p.impact, block: p.block)
        }
        guard digest == before.digest else { return nil }

        var changes: [Change] = []
        for k in postings.indices {
            guard let found = looked[k] else { continue }   // assumed unchanged, and checked
            let new = postings[k].posting
            if found != .present(new) { changes.append(Change(term: postings[k].term, new: new)) }
        }
        changes += removed.map { Change(term: $0.term, new: nil) }
        return changes
    }

    /// For each byte of `new`, whether it lines up with an equal byte of `old`: a greedy diff that
    /// takes a match only when the next two bytes match as well (or a sequence ends), so that a
    /// chance equality of one byte is rarely taken for an unchanged posting.
    static func align(_ old: [UInt8], _ new: [UInt8], window: Int = 8) -> [Bool] {
        var matched = [Bool](repeating: false, count: new.count)
        func agrees(_ i: Int, _ j: Int) -> Bool {
            for k in 0...2 {
                if i + k >= old.count || j + k >= new.count { return k > 0 }
                if old[i + k] != new[j + k] { return false }
            }
            return true
        }
        var i = 0, j = 0
        while i < old.count, j < new.count {
            if agrees(i, j) {
                matched[j] = true
                i += 1
                j += 1
                continue
            }
            var step: (Int, Int) = (1, 1)
            search: for d in 1...(2 * window) {
                for a in max(0, d - window)...min(d, window) where agrees(i + a, j + d - a) {
                    step = (a, d - a)
                    break search
                }
            }
            i += step.0
            j += step.1
        }
        return matched
    }

    /// Positions of `sequence` as a subsequence of `old`, each as early (or as late) as possible;
    /// `nil` when it is not one.
    static func embed(_ sequence: [UInt8], in old: [UInt8], fromLeft: Bool) -> [Int]? {
        var out = [Int](repeating: 0, count: sequence.count)
        if fromLeft {
            var i = 0
            for (k, byte) in sequence.enumerated() {
                while i < old.count, old[i] != byte { i += 1 }
                guard i < old.count else { return nil }
                out[k] = i
                i += 1
            }
        } else {
            var i = old.count - 1
            for (k, byte) in sequence.enumerated().reversed() {
                while i >= 0, old[i] != byte { i -= 1 }
                guard i >= 0 else { return nil }
                out[k] = i
                i -= 1
            }
        }
        return out
    }
}
