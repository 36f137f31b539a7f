import Foundation

/// Term statistics of one document: what BM25 needs, per field.
struct SearchAnalysis: Sendable {
    /// Tokens per field (title, headings, tags, body).
    var lengths: SIMD4<Int32> = .zero
    /// Each distinct term with its per-field frequencies and best block (in no particular order).
    var terms: [(term: String, tf: SIMD4<Int32>, block: Int)] = []
}

/// Term statistics of consecutive pages, their terms numbered by one term table.
///
/// Each page's distinct terms are kept as bytes, about 4 a term (a varint id; a byte with the
/// fields the term is in and the block when below 15; varints for the rest), as a run of a large
/// site holds hundreds of thousands of them: arrays of structs would be five times as large. The
/// bytes are kept in chunks of about 60 KB, a page's all in one: allocations that small are
/// served from memory the process already has, where a large one is mapped fresh, and touching
/// fresh pages costs more than filling them.
struct SearchPageRun: Sendable {
    var table: SearchTermTable
    /// Tokens per field (title, headings, tags, body), per page.
    var lengths: [SIMD4<Int32>] = []
    /// Distinct terms per page.
    var termCounts: [Int32] = []
    /// Pages per term id.
    var termPages: [Int32] = []
    private var chunks: [[UInt8]] = []
    /// The terms of the page being added.
    private var page: [UInt8] = []
    private static let chunkBytes = 60_000

    init(table: SearchTermTable) {
        self.table = table
        page.reserveCapacity(4096)
    }

    /// Adds a distinct term of the page being added: its id in `table`, occurrences per field, best block.
    @inline(__always)
    mutating func append(id: Int32, tf: SIMD4<Int32>, block: Int) {
        varint(UInt32(id))
        let fields = (tf[0] > 0 ? 1 : 0) | (tf[1] > 0 ? 2 : 0) | (tf[2] > 0 ? 4 : 0) | (tf[3] > 0 ? 8 : 0)
        page.append(UInt8(fields | min(block, 15) << 4))
        if block >= 15 { varint(UInt32(block - 15)) }
        for f in 0..<4 where tf[f] > 0 { varint(UInt32(tf[f])) }
    }

    @inline(__always)
    private mutating func varint(_ n: UInt32) {
        var v = n
        while v >= 0x80 { page.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        page.append(UInt8(v))
    }

    /// Ends the page being added, which has `terms` distinct terms and `lengths` tokens per field.
    mutating func endPage(terms: Int, lengths: SIMD4<Int32>) {
        self.lengths.append(lengths)
        termCounts.append(Int32(terms))
        if chunks.isEmpty || chunks[chunks.count - 1].count + page.count > Self.chunkBytes {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(max(Self.chunkBytes, page.count))
        }
        chunks[chunks.count - 1].append(contentsOf: page)
        page.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with each page's index and each of its distinct terms, pages in order, terms
    /// in the order first seen.
    @inline(__always)
    func forEachTerm(_ body: (_ page: Int, _ id: Int32, _ tf: SIMD4<Int32>, _ block: UInt16) -> Void) {
        var chunk = 0, i = 0
        for (page, count) in termCounts.enumerated() where count > 0 {
            if i == chunks[chunk].count { chunk += 1; i = 0 }
            chunks[chunk].withUnsafeBufferPointer { bytes in
                @inline(__always) func varint() -> Int32 {
                    var v: Int32 = 0, shift: Int32 = 0
                    while bytes[i] >= 0x80 { v |= Int32(bytes[i] & 0x7F) << shift; shift += 7; i += 1 }
                    v |= Int32(bytes[i]) << shift
                    i += 1
                    return v
                }
                for _ in 0..<count {
                    let id = varint()
                    let header = Int32(bytes[i])
                    i += 1
                    var block = header >> 4
                    if block == 15 { block += varint() }
                    // Scalars, then one vector: lanes stored one by one would be reloaded as a whole.
                    let title = header & 1 != 0 ? varint() : 0
                    let headings = header & 2 != 0 ? varint() : 0
                    let tags = header & 4 != 0 ? varint() : 0
                    let text = header & 8 != 0 ? varint() : 0
                    body(page, id, SIMD4(title, headings, tags, text), UInt16(block))
                }
            }
        }
    }
}

/// Tokenizes a document's fields: title, block headings, tags (with role ids and titles and the
/// page type) and block texts.
struct SearchAnalyzer: Sendable {
    var tokenizer: SearchTokenizer
    var roleTitles: [String: String]

    /// A term's counts on one page. Scalars rather than a `SIMD4`: writing one lane of a vector
    /// held in memory and reading the vector back stalls on every token.
    private struct Stat {
        var title: Int32 = 0, headings: Int32 = 0, tags: Int32 = 0, body: Int32 = 0
        var block: Int32 = 0
        var blockScore: Int32 = 0
        var current: Int32 = -1
        var currentScore: Int32 = 0
        var id: Int32

        init(id: Int32) { self.id = id }

        var tf: SIMD4<Int32> { SIMD4(title, headings, tags, body) }

        @inline(__always)
        mutating func count(field: Int) {
            switch field {
            case 0: title += 1
            case 1: headings += 1
            case 2: tags += 1
            default: body += 1
            }
        }

        /// Counts an occurrence in block `k` worth `weight`; the block with the highest total wins
        /// (the first one on a tie).
        @inline(__always)
        mutating func seen(field: Int, inBlock k: Int32, weight: Int32) {
            count(field: field)
            if current != k { current = k; currentScore = 0 }
            currentScore += weight
            if currentScore > blockScore { blockScore = currentScore; block = k }
        }
    }

    /// Counts the terms of one page at a time into `stats`, one entry per distinct term, found
    /// by the term's id in the run's table. Its buffers are written for every token, so they are
    /// allocated by hand (no uniqueness or bounds check each time); `deallocate()` frees them.
    private struct Counter: SearchTermSink {
        var table: SearchTermTable
        /// The page's distinct terms so far: `stats[0..<statCount]`.
        private(set) var stats: UnsafeMutablePointer<Stat>
        private(set) var statCount = 0
        private var statCapacity = 256
        /// Tokens counted since last reset.
        var tokens: Int32 = 0
        var field = 0
        /// The block being read, and what an occurrence in it is worth (0: not counted for blocks).
        var block: Int32 = 0
        var weight: Int32 = 0
        /// Per term id: the page it was last counted for (high 32 bits) and its index in `stats` then.
        private var page: UInt64 = 0
        private var marks: UnsafeMutablePointer<UInt64>
        private var markCapacity = 4096
        /// Per term id: the pages it is in.
        private(set) var pages: UnsafeMutablePointer<Int32>

        init(table: SearchTermTable) {
            self.table = table
            stats = .allocate(capacity: statCapacity)
            marks = .allocate(capacity: markCapacity)
            marks.initialize(repeating: 0, count: markCapacity)
            pages = .allocate(capacity: markCapacity)
            pages.initialize(repeating: 0, count: markCapacity)
        }

        func deallocate() {
            stats.deallocate()
            marks.deallocate()
            pages.deallocate()
        }

        mutating func startPage() {
            page += 1
            statCount = 0
        }

        mutating func term(_ words: UnsafePointer<UInt64>, count: Int, hash: UInt64) {
            add(table.id(of: words, count: count, hash: hash))
        }

        mutating func term(_ term: String) { add(table.id(of: term)) }

        @inline(__always)
        private mutating func add(_ id: Int32) {
            let t = Int(id)
            if t >= markCapacity { growMarks(to: t) }
            let k: Int
            if marks[t] >> 32 != page {
                k = statCount
                if k == statCapacity { growStats() }
                marks[t] = page << 32 | UInt64(k)
                pages[t] += 1
                (stats + k).initialize(to: Stat(id: id))
                statCount += 1
            } else {
                k = Int(truncatingIfNeeded: marks[t] & 0xFFFF_FFFF)
            }
            tokens += 1
            if weight == 0 { stats[k].count(field: field) } else { stats[k].seen(field: field, inBlock: block, weight: weight) }
        }

        private mutating func growMarks(to t: Int) {
            var capacity = markCapacity
            while capacity <= t { capacity *= 2 }
            let grown = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
            grown.moveInitialize(from: marks, count: markCapacity)
            (grown + markCapacity).initialize(repeating: 0, count: capacity - markCapacity)
            marks.deallocate()
            marks = grown
            let grownPages = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
            grownPages.moveInitialize(from: pages, count: markCapacity)
            (grownPages + markCapacity).initialize(repeating: 0, count: capacity - markCapacity)
            pages.deallocate()
            pages = grownPages
            markCapacity = capacity
        }

        private mutating func growStats() {
            let grown = UnsafeMutablePointer<Stat>.allocate(capacity: statCapacity * 2)
            grown.moveInitialize(from: stats, count: statCount)
            stats.deallocate()
            stats = grown
            statCapacity *= 2
        }
    }

    func analyze(_ doc: SearchDocument) -> SearchAnalysis {
        let run = analyze(CollectionOfOne(doc), capacity: 256)
        var result = SearchAnalysis(lengths: run.lengths[0])
        run.forEachTerm { _, id, tf, block in result.terms.append((run.table.term(Int(id)), tf, Int(block))) }
        return result
    }

    /// The pages' statistics, their terms numbered by one table.
    func analyze(_ docs: some Collection<SearchDocument>, capacity: Int = 4096) -> SearchPageRun {
        var counter = Counter(table: SearchTermTable(capacity: capacity))
        defer { counter.deallocate() }
        var run = SearchPageRun(table: SearchTermTable(capacity: 0))
        run.lengths.reserveCapacity(docs.count)
        run.termCounts.reserveCapacity(docs.count)
        for k in docs.indices {
            counter.startPage()
            let lengths = count(docs[k], into: &counter)
            for stat in UnsafeBufferPointer(start: counter.stats, count: counter.statCount) {
                // `UInt16(_:)` traps on a page of more than 65,535 blocks rather than mislink it.
                let block = Int(UInt16(stat.title > 0 ? 0 : stat.block))
                run.append(id: stat.id, tf: stat.tf, block: block)
            }
            run.endPage(terms: counter.statCount, lengths: lengths)
        }
        run.table = counter.table
        run.termPages = Array(UnsafeBufferPointer(start: counter.pages, count: counter.table.count))
        return run
    }

    /// Counts the page's terms; returns its tokens per field.
    private func count(_ doc: SearchDocument, into counter: inout Counter) -> SIMD4<Int32> {
        var lengths = SIMD4<Int32>.zero
        func count(_ text: String, field: Int, block: Int = 0, weight: Int32 = 0) {
            counter.field = field
            counter.block = Int32(block)
            counter.weight = weight
            counter.tokens = 0
            tokenizer.forEachTerm(in: text, into: &counter)
            lengths[field] += counter.tokens
        }
        count(doc.title, field: 0)
        for tag in doc.tags { count(tag, field: 2) }
        for role in doc.roles { count(role, field: 2) }
        for role in doc.roles { if let title = roleTitles[role] { count(title, field: 2) } }
        count(doc.type, field: 2)
        for k in doc.blocks.indices {
            // A heading counts three times a body word when picking the block to link to.
            count(doc.blocks[k].heading, field: 1, block: k, weight: 3)
            count(doc.blocks[k].text, field: 3, block: k, weight: 1)
        }
        return lengths
    }
}

/// Site-wide lookup tables shared by every language's index: roles, sections, page types.
struct SearchTables: Sendable {
    var roles: [(id: String, title: String)]
    var roleIndex: [String: Int] = [:]
    var sections: [String]
    var sectionIndex: [String: Int] = [:]
    var types: [String]
    var typeIndex: [String: Int] = [:]

    init(documents: [SearchDocument], roleTitles: [String: String]) {
        let roleIDs = Set(roleTitles.keys).union(documents.flatMap(\.roles)).sorted(by: SearchIndexFormat.utf16Less)
        roles = roleIDs.map { ($0, roleTitles[$0] ?? $0) }
        sections = Set(documents.map(\.section)).union([""]).sorted(by: SearchIndexFormat.utf16Less)
        types = Set(documents.map(\.type)).sorted(by: SearchIndexFormat.utf16Less)
        for (k, r) in roles.enumerated() { roleIndex[r.id] = k }
        for (k, s) in sections.enumerated() { sectionIndex[s] = k }
        for (k, t) in types.enumerated() { typeIndex[t] = k }
    }

    /// The tables a manifest lists.
    init(_ manifest: SearchManifest) {
        roles = manifest.roles.map { ($0.id, $0.title) }
        sections = manifest.sections
        types = manifest.types
        for (k, r) in roles.enumerated() { roleIndex[r.id] = k }
        for (k, s) in sections.enumerated() { sectionIndex[s] = k }
        for (k, t) in types.enumerated() { typeIndex[t] = k }
    }
}

/// A built search index: the files to write under `output/search/` and what went into them.
public struct SearchIndex: Sendable {
    public struct File: Sendable, Equatable {
        public var path: String
        public var bytes: [UInt8]
        init(path: String, text: String) {
            self.path = path
            bytes = Array(text.utf8)
        }

        init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    public struct LanguageStats: Sendable {
        public var lang: String
        /// `""` for a single-language site, else `<lang>/`.
        public var path: String
        public var documents: Int
        /// Average tokens per field (title, headings, tags, body), quantized as BM25 uses them.
        public var averageLengths: [Double]
        public var terms: Int
        public var shardKeys: [String]
        public var shardsWithTail: [Bool]
        public var chunkSize: Int
        /// Every term's postings, doc ids ascending (doc id = position in URL order).
        var postingLists: SearchPostingLists
        var postings: [String: [SearchPosting]] { postingLists.dictionary }
    }

    /// Sorted by path.
    public var files: [File]
    public var languages: [LanguageStats]
    /// Page URL → what the page contributed to the index, for `SearchIndexBuilder.patch`; empty
    /// unless asked for.
    public var footprints: [String: [UInt8]]
}
