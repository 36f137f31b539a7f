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

    /// The index with its statistics.
    public func index(_ documents: [SearchDocument]) -> SearchIndex {
        let language = { (d: SearchDocument) in d.lang.isEmpty ? defaultLanguage : d.lang }
        var languages = Set(documents.map(language)).sorted()
        if languages.isEmpty { languages = [defaultLanguage] }
        let tables = SearchTables(documents: documents, roleTitles: roleTitles)
        var files: [SearchIndex.File] = []
        var stats: [SearchIndex.LanguageStats] = []
        for lang in languages {
            let docs = documents.filter { language($0) == lang }
                .sorted { ($0.url, $0.title) < ($1.url, $1.title) }
            let path = languages.count > 1 ? lang + "/" : ""
            let built = buildLanguage(lang, path: path, docs: docs, tables: tables)
            files += built.files
            stats.append(built.stats)
        }
        files.append(.init(path: "manifest.json", text: manifest(stats, tables: tables)))
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return SearchIndex(files: files, languages: stats)
    }

    // MARK: One language

    private func buildLanguage(_ lang: String, path: String, docs: [SearchDocument],
                               tables: SearchTables) -> (files: [SearchIndex.File], stats: SearchIndex.LanguageStats) {
        let analyzer = SearchAnalyzer(tokenizer: SearchTokenizer(language: lang), roleTitles: roleTitles)
        let analyses = parallelMap(docs) { analyzer.analyze($0) }
        var avg = [Double](repeating: 0, count: 4)
        for a in analyses { for f in 0..<4 { avg[f] += Double(a.lengths[f]) } }
        for f in 0..<4 { avg[f] = docs.isEmpty ? 0 : avg[f] / Double(docs.count) }

        // Postings of consecutive runs of documents in parallel, then joined run by run: each
        // term's list stays in doc-id order whatever order the dictionaries iterate in.
        let averages = avg
        let runs = max(1, min(analyses.count / 256, 16))
        let partial = Parallel.map(runs) { r -> [String: [SearchPosting]] in
            var postings: [String: [SearchPosting]] = [:]
            for id in (r * analyses.count / runs)..<((r + 1) * analyses.count / runs) {
                let a = analyses[id]
                for t in a.terms {
                    let impact = Self.impact(tf: t.tf, lengths: a.lengths, avg: averages)
                    postings[t.term, default: []].append(
                        SearchPosting(doc: Int32(id), impact: impact, block: UInt16(t.block)))
                }
            }
            return postings
        }
        var postings = partial[0]
        for more in partial.dropFirst() {
            postings.reserveCapacity(postings.count + more.count / 4)
            for (term, list) in more { postings[term, default: []].append(contentsOf: list) }
        }
        let terms = postings.keys.sorted(by: SearchIndexFormat.utf16Less)
        var files: [SearchIndex.File] = []
        let shards = packShards(terms: terms, postings: postings)
        for (n, shard) in shards.enumerated() {
            files.append(.init(path: "\(path)t/\(n).json", text: shard.head))
            if let tail = shard.tail { files.append(.init(path: "\(path)x/\(n).json", text: tail)) }
        }
        let records = parallelMap(docs) { record($0, tables: tables) }
        let recordBytes = records.reduce(0) { $0 + $1.utf8.count + 1 }
        let chunk = records.isEmpty ? 1 : max(1, min(64, chunkTargetBytes * records.count / max(1, recordBytes)))
        for start in stride(from: 0, to: records.count, by: chunk) {
            let slice = records[start..<min(records.count, start + chunk)]
            files.append(.init(path: "\(path)d/\(start / chunk).json", text: "[" + slice.joined(separator: ",\n") + "]"))
        }
        files.append(.init(path: "\(path)roles.json", text: roleFile(docs, tables: tables)))
        let stats = SearchIndex.LanguageStats(
            lang: lang, path: path, documents: docs.count, averageLengths: avg, terms: terms.count,
            shardKeys: shards.map(\.key), shardsWithTail: shards.map { $0.tail != nil },
            chunkSize: chunk, postings: postings)
        return (files, stats)
    }

    /// Per-field BM25 (k1, b) summed with the field weights, without idf, scaled and rounded.
    static func impact(tf: SIMD4<Int32>, lengths: SIMD4<Int32>, avg: [Double]) -> UInt16 {
        let k1 = SearchIndexFormat.k1, b = SearchIndexFormat.b
        var score = 0.0
        for f in 0..<4 where tf[f] > 0 {
            let norm = avg[f] > 0 ? 1 - b + b * Double(lengths[f]) / avg[f] : 1
            let t = Double(tf[f])
            score += SearchIndexFormat.weights[f] * t * (k1 + 1) / (t + k1 * norm)
        }
        return UInt16(max(1, min(Double(UInt16.max), (score * SearchIndexFormat.impactScale).rounded())))
    }

    struct Shard { var key: String; var head: String; var tail: String? }

    /// Groups the sorted terms into shards of about `shardTargetBytes`; a shard's key is the
    /// shortest prefix of its first term that sorts after the previous shard's last term.
    private func packShards(terms: [String], postings: [String: [SearchPosting]]) -> [Shard] {
        var shards: [Shard] = []
        var head: [String] = [], tail: [String] = []
        var size = 0
        var key = ""
        var previousLast: String?
        func close(last: String) {
            shards.append(Shard(key: key, head: "{" + head.joined(separator: ",\n") + "}",
                                tail: tail.isEmpty ? nil : "{" + tail.joined(separator: ",\n") + "}"))
            head = []; tail = []; size = 0
            previousLast = last
        }
        let entries = parallelMap(terms) { term -> (head: String, tail: String?) in
            let list = postings[term] ?? []
            let quoted = SearchIndexFormat.quote(term)
            let prefix = quoted + ":[" + String(list.count) + ","
            guard list.count > headSize else {
                return (prefix + SearchIndexFormat.quote(SearchIndexFormat.encodePostings(list)) + "]", nil)
            }
            let ranked = list.sorted { ($0.impact, $1.doc) > ($1.impact, $0.doc) }
            let top = ranked.prefix(headSize).sorted { $0.doc < $1.doc }
            let rest = ranked.dropFirst(headSize).sorted { $0.doc < $1.doc }
            return (prefix + SearchIndexFormat.quote(SearchIndexFormat.encodePostings(Array(top))) + "]",
                    quoted + ":" + SearchIndexFormat.quote(SearchIndexFormat.encodePostings(Array(rest))))
        }
        for (i, term) in terms.enumerated() {
            if head.isEmpty { key = previousLast.map { Self.boundaryKey(after: $0, upTo: term) } ?? "" }
            head.append(entries[i].head)
            if let t = entries[i].tail { tail.append(t) }
            size += entries[i].head.utf8.count + 2
            if size >= shardTargetBytes || i == terms.count - 1 { close(last: term) }
        }
        if shards.isEmpty { shards.append(Shard(key: "", head: "{}", tail: nil)) }
        return shards
    }

    static func boundaryKey(after previous: String, upTo first: String) -> String {
        var prefix = String.UnicodeScalarView()
        for s in first.unicodeScalars {
            prefix.append(s)
            let candidate = String(prefix)
            if SearchIndexFormat.utf16Less(previous, candidate) { return candidate }
        }
        return first
    }

    // MARK: Documents, roles, manifest

    /// `[url, title, section, type, [roles], [[anchor or 0, heading, excerpt], ...]]`
    private func record(_ doc: SearchDocument, tables: SearchTables) -> String {
        let blocks = doc.blocks.isEmpty ? [SearchBlock(anchor: "", heading: "", text: "")] : doc.blocks
        let blockTexts = blocks.enumerated().map { k, block -> String in
            let anchor = SearchIndexFormat.asciiSlug(block.heading) == block.anchor
                ? "0" : SearchIndexFormat.quote(block.anchor)
            let excerpt = SearchIndexFormat.excerpt(block.text, limit: k == 0 ? excerptLength * 2 : excerptLength)
            return "[" + anchor + "," + SearchIndexFormat.quote(block.heading) + "," + SearchIndexFormat.quote(excerpt) + "]"
        }
        let roles = doc.roles.compactMap { tables.roleIndex[$0] }.sorted().map(String.init)
        return "[" + [SearchIndexFormat.quote(doc.url), SearchIndexFormat.quote(doc.title),
                      String(tables.sectionIndex[doc.section] ?? 0), String(tables.typeIndex[doc.type] ?? 0),
                      "[" + roles.joined(separator: ",") + "]",
                      "[" + blockTexts.joined(separator: ",") + "]"].joined(separator: ",") + "]"
    }

    /// `{"role-id": "<encoded doc id deltas>"}` for the role filter.
    private func roleFile(_ docs: [SearchDocument], tables: SearchTables) -> String {
        var byRole: [String: [Int]] = [:]
        for (id, doc) in docs.enumerated() {
            for role in Set(doc.roles) { byRole[role, default: []].append(id) }
        }
        let entries = byRole.keys.sorted(by: SearchIndexFormat.utf16Less).map { role -> String in
            let ids = byRole[role]!
            let deltas = ids.enumerated().map { k, id in k == 0 ? id : id - ids[k - 1] }
            return SearchIndexFormat.quote(role) + ":" + SearchIndexFormat.quote(SearchIndexFormat.encode(deltas))
        }
        return "{" + entries.joined(separator: ",\n") + "}"
    }

    private func manifest(_ stats: [SearchIndex.LanguageStats], tables: SearchTables) -> String {
        let q = SearchIndexFormat.quote
        let langs = stats.map { s -> String in
            let avg = zip(SearchIndexFormat.fields, s.averageLengths)
                .map { q($0) + ":" + SearchIndexFormat.decimal($1) }.joined(separator: ",")
            return "{" + [
                "\"lang\":" + q(s.lang), "\"path\":" + q(s.path), "\"docs\":\(s.documents)",
                "\"chunk\":\(s.chunkSize)", "\"avg\":{" + avg + "}",
                "\"shards\":[" + s.shardKeys.map(q).joined(separator: ",") + "]",
                "\"tails\":" + q(String(s.shardsWithTail.map { $0 ? "1" : "0" })),
            ].joined(separator: ",") + "}"
        }
        let weights = zip(SearchIndexFormat.fields, SearchIndexFormat.weights)
            .map { q($0) + ":" + SearchIndexFormat.decimal($1) }.joined(separator: ",")
        return "{" + [
            "\"format\":\(SearchIndexFormat.version)",
            "\"default\":" + q(defaultLanguage),
            "\"head\":\(headSize)",
            "\"scale\":" + SearchIndexFormat.decimal(SearchIndexFormat.impactScale),
            "\"weights\":{" + weights + "}",
            "\"roles\":[" + tables.roles.map { "[" + q($0.id) + "," + q($0.title) + "]" }.joined(separator: ",") + "]",
            "\"sections\":[" + tables.sections.map(q).joined(separator: ",") + "]",
            "\"types\":[" + tables.types.map(q).joined(separator: ",") + "]",
            "\"languages\":[\n" + langs.joined(separator: ",\n") + "]",
        ].joined(separator: ",\n") + "}\n"
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
