/// One language's term shards as `patch` sees them: read on demand, edited term by term, then cut
/// again where edits moved a cut (`SearchShardCutter`) and written back as the files that differ.
struct SearchShardEditor {
    /// A shard's entries and its file bytes as read.
    struct Shard {
        var entries: [SearchShardEntry]
        var head: [UInt8]
        var tail: [UInt8]?
    }

    enum Lookup: Equatable {
        /// No such term in the index.
        case absent
        /// The term is indexed; the page's posting if it has one.
        case present(SearchPosting?)
    }

    let path: String
    let headSize: Int
    let target: Int
    let read: (String) -> [UInt8]?
    private(set) var keys: [String]
    private(set) var tails: [Bool]
    private var loaded: [Int: Shard] = [:]
    /// The first and last terms of each shard read, before any edit.
    private var ends: [Int: (first: String?, last: String?)] = [:]
    private var dirty: Set<Int> = []

    init(path: String, keys: [String], tails: [Bool], headSize: Int, target: Int, read: @escaping (String) -> [UInt8]?) {
        self.path = path
        self.keys = keys
        self.tails = tails
        self.headSize = headSize
        self.target = target
        self.read = read
    }

    func fileName(_ key: String, tail: Bool) -> String {
        path + (tail ? "x/" : "t/") + SearchIndexFormat.shardName(key) + ".json"
    }

    /// The shard a term is (or would be looked up) in: the last whose key is `<=` it.
    func shardIndex(of term: String) -> Int {
        var lo = 0, hi = keys.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if SearchIndexFormat.utf16Less(term, keys[mid]) { hi = mid - 1 } else { lo = mid }
        }
        return lo
    }

    /// Shard `s`, read and parsed on first use; `nil` when its files are missing or malformed.
    mutating func shard(_ s: Int) -> Shard? {
        if let shard = loaded[s] { return shard }
        guard s >= 0, s < keys.count, let head = read(fileName(keys[s], tail: false)),
              let lines = SearchIndexFormat.lines(head, open: 0x7B, close: 0x7D) else { return nil }
        var entries: [SearchShardEntry] = []
        entries.reserveCapacity(lines.count)
        for line in lines {
            guard let (term, _) = SearchIndexFormat.leadingString(line) else { return nil }
            entries.append(SearchShardEntry(term: term, hash: SearchIndexFormat.termHash(term), head: line, tail: nil))
        }
        var tail: [UInt8]?
        if tails[s] {
            guard let bytes = read(fileName(keys[s], tail: true)),
                  let lines = SearchIndexFormat.lines(bytes, open: 0x7B, close: 0x7D), !lines.isEmpty else { return nil }
            var k = 0
            for line in lines {
                guard let (term, _) = SearchIndexFormat.leadingString(line) else { return nil }
                while k < entries.count, entries[k].term != term { k += 1 }
                guard k < entries.count else { return nil }
                entries[k].tail = line
            }
            tail = bytes
        }
        let shard = Shard(entries: entries, head: head, tail: tail)
        loaded[s] = shard
        ends[s] = (entries.first?.term, entries.last?.term)
        return shard
    }

    private static func position(of term: String, in entries: [SearchShardEntry]) -> (index: Int, found: Bool) {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if SearchIndexFormat.utf16Less(entries[mid].term, term) { lo = mid + 1 } else { hi = mid }
        }
        return (lo, lo < entries.count && entries[lo].term == term)
    }

    /// Whether `term` is indexed and the posting `doc` has for it; `nil` when the index cannot be read.
    mutating func lookup(_ term: String, doc: Int32) -> Lookup? {
        guard let shard = shard(shardIndex(of: term)) else { return nil }
        let (k, found) = Self.position(of: term, in: shard.entries)
        guard found else { return .absent }
        return posting(of: doc, in: shard.entries[k]).map { .present($0) }
    }

    /// `doc`'s posting in an entry (`nil` inside when it has none); `nil` when the entry is malformed.
    func posting(of doc: Int32, in entry: SearchShardEntry) -> SearchPosting?? {
        guard let (df, range) = SearchPostingLine.head(entry.head) else { return nil }
        let inHead = SearchPostingLine.find(doc, in: entry.head[range])
        guard inHead.valid else { return nil }
        if let p = inHead.found { return .some(p) }
        guard df > headSize else { return .some(nil) }
        guard let tail = entry.tail, let tailRange = SearchPostingLine.tail(tail) else { return nil }
        let inTail = SearchPostingLine.find(doc, in: tail[tailRange])
        return inTail.valid ? .some(inTail.found) : nil
    }

    /// The indexed terms strictly between `lower` and `upper` (`nil`: unbounded) that are not in
    /// `excluded` and have a posting of `doc`; `nil` when the index cannot be read.
    mutating func postings(of doc: Int32, between lower: String?, and upper: String?,
                           excluding excluded: Set<String>) -> [(term: String, posting: SearchPosting)]? {
        let first = lower.map(shardIndex) ?? 0
        let last = upper.map(shardIndex) ?? keys.count - 1
        guard first <= last else { return [] }
        var out: [(term: String, posting: SearchPosting)] = []
        for s in first...last {
            guard let shard = shard(s) else { return nil }
            var k = lower.map { Self.position(of: $0, in: shard.entries).index } ?? 0
            while k < shard.entries.count {
                let entry = shard.entries[k]
                k += 1
                if let lower, !SearchIndexFormat.utf16Less(lower, entry.term) { continue }
                if let upper, !SearchIndexFormat.utf16Less(entry.term, upper) { break }
                if excluded.contains(entry.term) { continue }
                guard let found = posting(of: doc, in: entry) else { return nil }
                if let p = found { out.append((entry.term, p)) }
            }
        }
        return out
    }

    // MARK: Editing

    /// Replaces `doc`'s posting for `term` with `posting` (`nil` removes it): edits the term's
    /// entry, drops it when no page has the term any more, or inserts it when it is new.
    mutating func replace(_ term: String, doc: Int32, with posting: SearchPosting?, builder: SearchIndexBuilder) -> Bool {
        var s = shardIndex(of: term)
        guard var shard = shard(s) else { return false }
        var (k, found) = Self.position(of: term, in: shard.entries)
        if !found, k == shard.entries.count, s + 1 < keys.count {
            // After this shard's last term: the next shard's new first term.
            s += 1
            guard let next = self.shard(s) else { return false }
            shard = next
            k = 0
        }
        if found, let entry = spliced(shard.entries[k], doc: doc, with: posting) {
            shard.entries[k] = entry
            loaded[s] = shard
            dirty.insert(s)
            return true
        }
        var stored = SearchStoredPostings(head: [], tail: [], headSize: headSize)
        if found {
            let entry = shard.entries[k]
            guard let (df, range) = SearchPostingLine.head(entry.head),
                  let head = SearchIndexFormat.decodePostings(entry.head[range]) else { return false }
            stored.head = head
            if let tail = entry.tail {
                guard let tailRange = SearchPostingLine.tail(tail),
                      let list = SearchIndexFormat.decodePostings(tail[tailRange]) else { return false }
                stored.tail = list
            }
            guard stored.head.count + stored.tail.count == df else { return false }
        }
        stored.replace(doc, with: posting)
        if stored.head.isEmpty {
            if found { shard.entries.remove(at: k) }
        } else {
            let entry = builder.entry(term, head: stored.head, tail: stored.tail)
            if found { shard.entries[k] = entry } else { shard.entries.insert(entry, at: k) }
        }
        loaded[s] = shard
        dirty.insert(s)
        return true
    }

    /// The entry with `doc`'s posting replaced, when that leaves the head as it is or swaps one
    /// posting in it, so the tail is edited in place rather than decoded and written again (a
    /// common term's tail lists most pages); `nil` for the other cases.
    private func spliced(_ entry: SearchShardEntry, doc: Int32, with posting: SearchPosting?) -> SearchShardEntry? {
        guard let (df, range) = SearchPostingLine.head(entry.head), df > headSize, let tail = entry.tail,
              let tailRange = SearchPostingLine.tail(tail), var head = SearchIndexFormat.decodePostings(entry.head[range]),
              head.count == headSize, let (_, keyEnd) = SearchIndexFormat.leadingString(entry.head) else { return nil }
        let quoted = entry.head[entry.head.startIndex..<keyEnd]
        var newTail: [UInt8]
        var count = df
        var headChanged = true
        if let k = head.firstIndex(where: { $0.doc == doc }) {
            // In the head: stays there if it still beats the best of the tail, else the best of
            // the tail takes its place (and it goes when it has no posting any more).
            guard let best = SearchPostingLine.best(in: tail[tailRange]) else { return nil }
            if let posting, SearchPosting.ranksAbove(posting, best) {
                head[k] = posting
                newTail = Array(tail[tailRange])
            } else if posting == nil {
                head.remove(at: k)
                head.insert(best, at: head.firstIndex { $0.doc > best.doc } ?? head.count)
                guard let rest = SearchPostingLine.splice(tail[tailRange], doc: best.doc, with: nil) else { return nil }
                newTail = rest.bytes
                count -= 1
            } else {
                return nil
            }
        } else {
            // In the tail or absent: it stays below the head's worst posting.
            guard let worst = head.min(by: { SearchPosting.ranksAbove($1, $0) }) else { return nil }
            if let posting, SearchPosting.ranksAbove(posting, worst) { return nil }
            guard let edited = SearchPostingLine.splice(tail[tailRange], doc: doc, with: posting) else { return nil }
            count += (posting == nil ? 0 : 1) - (edited.had ? 1 : 0)
            newTail = edited.bytes
            headChanged = false
        }
        var line = Array(quoted)
        line.append(contentsOf: ":[\(count),\"".utf8)
        if headChanged { SearchIndexFormat.appendPostings(head, to: &line) } else { line.append(contentsOf: entry.head[range]) }
        line.append(contentsOf: "\"]".utf8)
        var tailLine: [UInt8]?
        if !newTail.isEmpty {
            var t = Array(quoted)
            t.append(contentsOf: ":\"".utf8)
            t.append(contentsOf: newTail)
            t.append(0x22)
            tailLine = t
        }
        return SearchShardEntry(term: entry.term, hash: entry.hash, head: line[...], tail: tailLine?[...])
    }

    /// The files that differ after the edits, cutting the edited shards again: the run of shards
    /// from an edited one is re-cut until a cut falls where an old shard ended before an unedited
    /// shard, after which nothing moves. Updates `keys` and `tails`. `nil` when a file cannot be read.
    mutating func files() -> (written: [SearchIndex.File], removed: [String])? {
        var written: [SearchIndex.File] = []
        var removed: [String] = []
        var newKeys: [String] = [], newTails: [Bool] = []
        // The last term of the shard before `s` in the new layout, when it may differ from the old one.
        var changedLast: String?? = nil
        var s = 0
        while s < keys.count {
            if !dirty.contains(s) {
                var key = keys[s]
                if let last = changedLast {
                    guard let shard = shard(s), let first = shard.entries.first else { return nil }
                    key = last.map { SearchIndexFormat.boundaryKey(after: $0, upTo: first.term) } ?? ""
                    if key != keys[s] {
                        written.append(.init(path: fileName(key, tail: false), bytes: shard.head))
                        removed.append(fileName(keys[s], tail: false))
                        if let tail = shard.tail {
                            written.append(.init(path: fileName(key, tail: true), bytes: tail))
                            removed.append(fileName(keys[s], tail: true))
                        }
                    }
                }
                newKeys.append(key)
                newTails.append(tails[s])
                changedLast = nil
                s += 1
                continue
            }
            // The new shards of the run, and the old files they replace. The run's first key only
            // needs the term before it when the run's first term or that term changed.
            let previousLast = changedLast
            var old: [String: [UInt8]] = [:]
            var cutter = SearchShardCutter(target: target)
            var current: [SearchShardEntry] = []
            var made: [(key: String, entries: [SearchShardEntry])] = []
            var failed = false
            func close() {
                var key = ""
                if let last = made.last?.entries.last?.term {
                    key = SearchIndexFormat.boundaryKey(after: last, upTo: current[0].term)
                } else if let last = previousLast {
                    key = last.map { SearchIndexFormat.boundaryKey(after: $0, upTo: current[0].term) } ?? ""
                } else if s > 0 {
                    if current[0].term == ends[s]?.first { key = keys[s] } else if let last = ends[s - 1]?.last ?? nil {
                        key = SearchIndexFormat.boundaryKey(after: last, upTo: current[0].term)
                    } else if let before = shard(s - 1), let last = before.entries.last {
                        key = SearchIndexFormat.boundaryKey(after: last.term, upTo: current[0].term)
                    } else {
                        failed = true
                    }
                }
                made.append((key, current))
                current = []
            }
            var j = s
            while true {
                guard let shard = shard(j) else { return nil }
                old[fileName(keys[j], tail: false)] = shard.head
                if let tail = shard.tail { old[fileName(keys[j], tail: true)] = tail }
                for entry in shard.entries {
                    current.append(entry)
                    if cutter.ends(after: entry) { close() }
                }
                j += 1
                if j == keys.count {
                    if !current.isEmpty { close() }
                    break
                }
                if current.isEmpty, !dirty.contains(j) { break }
            }
            guard !failed else { return nil }
            for shard in made {
                newKeys.append(shard.key)
                let hasTail = shard.entries.contains { $0.tail != nil }
                newTails.append(hasTail)
                var files = [(fileName(shard.key, tail: false), SearchIndexFormat.file(shard.entries.lazy.map(\.head), open: 0x7B, close: 0x7D))]
                if hasTail {
                    files.append((fileName(shard.key, tail: true),
                                  SearchIndexFormat.file(shard.entries.lazy.compactMap(\.tail), open: 0x7B, close: 0x7D)))
                }
                for (name, bytes) in files {
                    if old.removeValue(forKey: name) != bytes { written.append(.init(path: name, bytes: bytes)) }
                }
            }
            removed += old.keys
            // An unedited shard after the run keeps its key only if the run ends with the same term.
            let oldLast = ends[j - 1]?.last ?? nil
            var newLast = made.last?.entries.last?.term
            if made.isEmpty {
                if let last = previousLast { newLast = last } else if s > 0 {
                    guard let before = shard(s - 1) else { return nil }
                    newLast = before.entries.last?.term
                }
            }
            changedLast = newLast == oldLast && oldLast != nil ? nil : .some(newLast)
            s = j
        }
        if newKeys.isEmpty {
            // Every term is gone: one empty shard, as a build of pages without words writes.
            newKeys = [""]
            newTails = [false]
            let name = fileName("", tail: false)
            if let i = removed.firstIndex(of: name) { removed.remove(at: i) } else { return nil }
            written.append(.init(path: name, bytes: Array("{}".utf8)))
        }
        // A name both removed and written (a shard renamed onto a freed name) is only written.
        let writtenPaths = Set(written.map(\.path))
        removed = removed.filter { !writtenPaths.contains($0) }
        keys = newKeys
        tails = newTails
        return (written, removed)
    }
}
