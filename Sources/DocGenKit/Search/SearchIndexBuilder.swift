import DocGenCore
import Foundation

/// Builds the static search index written under `output/search/` (format: `docs/SEARCH-INDEX.md`).
///
/// One index per language when the documents have several languages (`search/<lang>/...`),
/// otherwise one index directly under `search/`. Every list is sorted before it is written, so the
/// same documents give the same bytes.
public struct SearchIndexBuilder: Sendable {
    public var roleTitles: [String: String]
    public var defaultLanguage: String
    /// Postings kept in a term's shard (the highest-scoring ones); the rest go to a tail file that
    /// `search.js` loads only for multi-word or filtered queries.
    public var headSize = 128
    /// A term shard is closed once it is larger than this.
    public var shardTargetBytes = 16_000
    /// Documents per metadata chunk are chosen so a chunk is about this large.
    public var chunkTargetBytes = 8_000
    /// Snippet source kept per block, in characters (the first block gets more).
    public var excerptLength = 64

    public init(roleTitles: [String: String], defaultLanguage: String) {
        self.roleTitles = roleTitles
        self.defaultLanguage = defaultLanguage
    }

    /// Files to write under output/search/, paths relative to that folder, sorted by path; deterministic bytes.
    public func build(_ documents: [SearchDocument]) -> [(path: String, bytes: [UInt8])] {
        index(documents).files.map { (path: $0.path, bytes: $0.bytes) }
    }

    /// The index with its statistics; with `footprints`, also what each page contributed to it,
    /// which `patch(replacing:with:read:)` needs to update the index after the page changes.
    public func index(_ documents: [SearchDocument], footprints: Bool = false) -> SearchIndex {
        var languages = Set(documents.map(language)).sorted()
        if languages.isEmpty { languages = [defaultLanguage] }
        let tables = SearchTables(documents: documents, roleTitles: roleTitles)
        var files: [SearchIndex.File] = []
        var stats: [SearchIndex.LanguageStats] = []
        var totals: [SearchTotals.Language] = []
        var prints: [String: [UInt8]] = [:]
        for lang in languages {
            let docs = documents.filter { language($0) == lang }
                .sorted { ($0.url, $0.title) < ($1.url, $1.title) }
            let path = languages.count > 1 ? lang + "/" : ""
            let built = buildLanguage(lang, path: path, docs: docs, tables: tables, footprints: footprints)
            files += built.files
            stats.append(built.stats)
            totals.append(built.totals)
            for (k, print) in built.footprints.enumerated() { prints[docs[k].url] = print.bytes }
        }
        files.append(.init(path: "manifest.json", bytes: manifest(stats, tables: tables).bytes))
        files.append(.init(path: "totals.json", bytes: SearchTotals(languages: totals).bytes))
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return SearchIndex(files: files, languages: stats, footprints: prints)
    }

    /// The index a page goes to: its language, or the default one.
    func language(_ doc: SearchDocument) -> String { doc.lang.isEmpty ? defaultLanguage : doc.lang }

    // MARK: One language

    private func buildLanguage(_ lang: String, path: String, docs: [SearchDocument], tables: SearchTables,
                               footprints: Bool)
        -> (files: [SearchIndex.File], stats: SearchIndex.LanguageStats, totals: SearchTotals.Language,
            footprints: [SearchFootprint]) {
        // Runs of consecutive pages in parallel, each with one term table.
        let analyzer = SearchAnalyzer(tokenizer: SearchTokenizer(language: lang), roleTitles: roleTitles)
        let runCount = max(1, min(docs.count / 128, 32))
        let runs = Parallel.map(runCount) { r in
            analyzer.analyze(docs[(r * docs.count / runCount)..<((r + 1) * docs.count / runCount)])
        }
        var lengths = [Int](repeating: 0, count: 4)
        for run in runs { for l in run.lengths { for f in 0..<4 { lengths[f] += Int(l[f]) } } }
        let averages = SearchIndexFormat.averages(lengths, documents: docs.count)

        let lists = SearchPostingLists(runs, averages: averages)
        let terms = lists.terms
        let entries = parallelMap(Array(terms.indices)) { t in lists.withPostings(t) { entry(terms[t], postings: $0) } }
        var files: [SearchIndex.File] = []
        let shards = Self.shards(entries, target: shardTargetBytes)
        for shard in shards {
            let name = SearchIndexFormat.shardName(shard.key)
            files.append(.init(path: "\(path)t/\(name).json", bytes: SearchIndexFormat.file(
                entries[shard.range].lazy.map(\.head), open: 0x7B, close: 0x7D)))
            if shard.hasTail {
                files.append(.init(path: "\(path)x/\(name).json", bytes: SearchIndexFormat.file(
                    entries[shard.range].lazy.compactMap(\.tail), open: 0x7B, close: 0x7D)))
            }
        }
        let records = Parallel.map(docs.count) { record(docs[$0], tables: tables) }
        let recordBytes = records.reduce(0) { $0 + $1.count }
        let chunk = SearchIndexFormat.chunkSize(documents: docs.count, recordBytes: recordBytes, target: chunkTargetBytes)
        for start in stride(from: 0, to: records.count, by: chunk) {
            let slice = records[start..<min(records.count, start + chunk)]
            files.append(.init(path: "\(path)d/\(start / chunk).json",
                               bytes: SearchIndexFormat.file(slice.lazy.map { $0[...] }, open: 0x5B, close: 0x5D)))
        }
        files.append(.init(path: "\(path)roles.json", text: roleFile(docs, tables: tables)))
        let stats = SearchIndex.LanguageStats(
            lang: lang, path: path, documents: docs.count, averageLengths: averages, terms: terms.count,
            shardKeys: shards.map(\.key), shardsWithTail: shards.map(\.hasTail),
            chunkSize: chunk, postingLists: lists)
        var prints: [SearchFootprint] = []
        if footprints {
            let pageLengths = runs.flatMap(\.lengths)
            let termCounts = runs.flatMap(\.termCounts)
            let termHashes = entries.map(\.hash)
            // Runs of pages in parallel: each walks every term's postings from its first page on.
            let runs = max(1, min(docs.count / 512, 8))
            prints = Parallel.map(runs) { r -> [SearchFootprint] in
                let first = r * docs.count / runs, end = (r + 1) * docs.count / runs
                var run = (first..<end).map { id in
                    var print = SearchFootprint(lang: lang, doc: id, lengths: (0..<4).map { Int(pageLengths[id][$0]) },
                                                recordBytes: records[id].count, hashes: [])
                    print.hashes.reserveCapacity(Int(termCounts[id]))
                    return print
                }
                for t in termHashes.indices {
                    lists.withPostings(t) { postings in
                        var lo = 0, hi = postings.count
                        while lo < hi {
                            let mid = (lo + hi) / 2
                            if postings[mid].doc < Int32(first) { lo = mid + 1 } else { hi = mid }
                        }
                        while lo < postings.count, postings[lo].doc < Int32(end) {
                            run[Int(postings[lo].doc) - first].add(termHash: termHashes[t], postings[lo])
                            lo += 1
                        }
                    }
                }
                return run
            }.flatMap { $0 }
        }
        return (files, stats, SearchTotals.Language(lang: lang, lengths: lengths, records: recordBytes), prints)
    }

    /// `1 − b + b · length / average` per field, lengths quantized like the averages.
    static func norms(lengths: SIMD4<Int32>, averages: [Double]) -> SIMD4<Double> {
        var norms = SIMD4<Double>(repeating: 1)
        let b = SearchIndexFormat.b
        for f in 0..<4 where averages[f] > 0 {
            norms[f] = 1 - b + b * SearchIndexFormat.quantized(Double(lengths[f])) / averages[f]
        }
        return norms
    }

    /// Per-field BM25 (k1, b) summed with the field weights, without idf, scaled and rounded.
    static func impact(tf: SIMD4<Int32>, norms: SIMD4<Double>) -> UInt16 {
        let k1 = SearchIndexFormat.k1
        var score = 0.0
        for f in 0..<4 where tf[f] > 0 {
            let t = Double(tf[f])
            score += SearchIndexFormat.weights[f] * t * (k1 + 1) / (t + k1 * norms[f])
        }
        return UInt16(max(1, min(Double(UInt16.max), (score * SearchIndexFormat.impactScale).rounded())))
    }

    /// `impact(tf:norms:)` for lengths and quantized averages.
    static func impact(tf: SIMD4<Int32>, lengths: SIMD4<Int32>, avg: [Double]) -> UInt16 {
        impact(tf: tf, norms: norms(lengths: lengths, averages: avg))
    }

    /// A term's entry: the `headSize` highest-scoring postings in its shard, the rest in the tail.
    func entry(_ term: String, postings list: some Collection<SearchPosting>) -> SearchShardEntry {
        guard list.count > headSize else { return entry(term, head: list, tail: []) }
        // The head is the best `headSize` by impact, then by doc id (`SearchPosting.ranksAbove`):
        // count impacts to find the lowest impact it takes and how many postings of that impact,
        // then take them in doc-id order, which is the order of `list`.
        var counts = [Int](repeating: 0, count: Int(list.lazy.map(\.impact).max() ?? 0) + 1)
        for p in list { counts[Int(p.impact)] += 1 }
        var cut = counts.count - 1, above = 0
        while above + counts[cut] < headSize {
            above += counts[cut]
            cut -= 1
        }
        var atCut = headSize - above
        var head: [SearchPosting] = [], tail: [SearchPosting] = []
        head.reserveCapacity(headSize)
        tail.reserveCapacity(list.count - headSize)
        for p in list {
            if Int(p.impact) > cut || (Int(p.impact) == cut && atCut > 0) {
                if Int(p.impact) == cut { atCut -= 1 }
                head.append(p)
            } else {
                tail.append(p)
            }
        }
        return entry(term, head: head, tail: tail)
    }

    /// The entry's lines for a head and a tail already split, each in doc-id order.
    func entry(_ term: String, head: some Collection<SearchPosting>, tail: some Collection<SearchPosting>) -> SearchShardEntry {
        let quoted = Array(SearchIndexFormat.quote(term).utf8)
        var line = quoted
        line.append(contentsOf: ":[\(head.count + tail.count),\"".utf8)
        SearchIndexFormat.appendPostings(head, to: &line, reserving: 2)
        line.append(contentsOf: "\"]".utf8)
        var tailLine: [UInt8]?
        if !tail.isEmpty {
            var t = quoted
            t.append(contentsOf: ":\"".utf8)
            SearchIndexFormat.appendPostings(tail, to: &t, reserving: 1)
            t.append(0x22)
            tailLine = t
        }
        return SearchShardEntry(term: term, hash: SearchIndexFormat.termHash(term), head: line[...], tail: tailLine?[...])
    }

    struct Shard {
        var key: String
        var range: Range<Int>
        var hasTail: Bool
    }

    /// Cuts the sorted entries into shards (`SearchShardCutter`); a shard's key is the shortest
    /// prefix of its first term that sorts after the previous shard's last term.
    static func shards(_ entries: [SearchShardEntry], target: Int) -> [Shard] {
        var shards: [Shard] = []
        var cutter = SearchShardCutter(target: target)
        var start = 0
        for i in entries.indices {
            guard cutter.ends(after: entries[i]) || i == entries.count - 1 else { continue }
            let key = start == 0 ? "" : SearchIndexFormat.boundaryKey(after: entries[start - 1].term, upTo: entries[start].term)
            shards.append(Shard(key: key, range: start..<(i + 1), hasTail: entries[start...i].contains { $0.tail != nil }))
            start = i + 1
        }
        if shards.isEmpty { shards.append(Shard(key: "", range: 0..<0, hasTail: false)) }
        return shards
    }

    // MARK: Documents, roles, manifest

    /// `[url, title, section, type, [roles], [[anchor or 0, heading, excerpt], ...]]`
    func record(_ doc: SearchDocument, tables: SearchTables) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + doc.blocks.count * (excerptLength + 48))
        out.append(0x5B)
        SearchIndexFormat.appendQuoted(doc.url, to: &out)
        out.append(0x2C)
        SearchIndexFormat.appendQuoted(doc.title, to: &out)
        out.append(0x2C)
        SearchIndexFormat.appendDecimal(tables.sectionIndex[doc.section] ?? 0, to: &out)
        out.append(0x2C)
        SearchIndexFormat.appendDecimal(tables.typeIndex[doc.type] ?? 0, to: &out)
        out.append(contentsOf: [0x2C, 0x5B])
        for (k, role) in doc.roles.compactMap({ tables.roleIndex[$0] }).sorted().enumerated() {
            if k > 0 { out.append(0x2C) }
            SearchIndexFormat.appendDecimal(role, to: &out)
        }
        out.append(contentsOf: [0x5D, 0x2C, 0x5B])
        let blocks = doc.blocks.isEmpty ? [SearchBlock(anchor: "", heading: "", text: "")] : doc.blocks
        for (k, block) in blocks.enumerated() {
            out.append(contentsOf: k == 0 ? [0x5B] : [0x2C, 0x5B])
            if SearchIndexFormat.isASCIISlug(block.anchor, of: block.heading) {
                out.append(0x30)
            } else {
                SearchIndexFormat.appendQuoted(block.anchor, to: &out)
            }
            out.append(0x2C)
            SearchIndexFormat.appendQuoted(block.heading, to: &out)
            out.append(0x2C)
            SearchIndexFormat.appendQuotedExcerpt(block.text, limit: k == 0 ? excerptLength * 2 : excerptLength, to: &out)
            out.append(0x5D)
        }
        out.append(contentsOf: [0x5D, 0x5D])
        return out
    }

    /// `{"role-id": "<encoded doc id deltas>"}` for the role filter.
    private func roleFile(_ docs: [SearchDocument], tables: SearchTables) -> String {
        var byRole: [String: [Int]] = [:]
        for id in docs.indices where !docs[id].roles.isEmpty {
            for role in Set(docs[id].roles) { byRole[role, default: []].append(id) }
        }
        let entries = byRole.keys.sorted(by: SearchIndexFormat.utf16Less).map { role -> String in
            let ids = byRole[role]!
            let deltas = ids.enumerated().map { k, id in k == 0 ? id : id - ids[k - 1] }
            return SearchIndexFormat.quote(role) + ":" + SearchIndexFormat.quote(SearchIndexFormat.encode(deltas))
        }
        return "{" + entries.joined(separator: ",\n") + "}"
    }

    private func manifest(_ stats: [SearchIndex.LanguageStats], tables: SearchTables) -> SearchManifest {
        SearchManifest(
            defaultLanguage: defaultLanguage, headSize: headSize,
            roles: tables.roles.map { SearchManifest.Role(id: $0.id, title: $0.title) },
            sections: tables.sections, types: tables.types,
            languages: stats.map { s in
                SearchManifest.Language(lang: s.lang, path: s.path, documents: s.documents, chunk: s.chunkSize,
                                        averages: s.averageLengths, shardKeys: s.shardKeys, tails: s.shardsWithTail)
            })
    }
}

/// Runs `transform` on every element using all cores; results in input order.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    if items.count < 64 { return items.map(transform) }
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    nonisolated(unsafe) let out = results
    let stride = 32
    let batches = (items.count + stride - 1) / stride
    DispatchQueue.concurrentPerform(iterations: batches) { batch in
        for i in (batch * stride)..<min(items.count, (batch + 1) * stride) { out[i] = transform(items[i]) }
    }
    return results.map { $0! }
}
