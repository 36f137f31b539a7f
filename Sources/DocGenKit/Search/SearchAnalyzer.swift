import Foundation

/// Term statistics of one document: what BM25 needs, per field.
struct SearchAnalysis: Sendable {
    /// Tokens per field (title, headings, tags, body).
    var lengths: SIMD4<Int32> = .zero
    /// Each distinct term with its per-field frequencies and best block (in no particular order).
    var terms: [(term: String, tf: SIMD4<Int32>, block: Int)] = []
}

/// Tokenizes a document's fields: title, block headings, tags (with role ids and titles and the
/// page type) and block texts.
struct SearchAnalyzer: Sendable {
    var tokenizer: SearchTokenizer
    var roleTitles: [String: String]

    private struct Stat {
        var tf: SIMD4<Int32> = .zero
        var block = 0
        var blockScore: Int32 = 0
        var current = -1
        var currentScore: Int32 = 0

        /// Counts an occurrence in block `k` worth `weight`; the block with the highest total wins
        /// (the first one on a tie).
        mutating func seen(field: Int, inBlock k: Int, weight: Int32) {
            tf[field] += 1
            if current != k { current = k; currentScore = 0 }
            currentScore += weight
            if currentScore > blockScore { blockScore = currentScore; block = k }
        }
    }

    func analyze(_ doc: SearchDocument) -> SearchAnalysis {
        var table = TermTable(capacity: 64 + doc.blocks.reduce(0) { $0 + $1.text.utf8.count } / 16)
        var result = SearchAnalysis()
        func each(_ text: String, _ body: (Int) -> Void) {
            tokenizer.forEachToken(in: text, ascii: { body(table.index(of: $0)) }) { term in
                var term = term
                term.withUTF8 { body(table.index(of: $0)) }
            }
        }
        func count(_ text: String, field: Int) {
            each(text) { k in
                table.stats[k].tf[field] += 1
                result.lengths[field] += 1
            }
        }
        count(doc.title, field: 0)
        var tagText = doc.tags + doc.roles
        tagText += doc.roles.compactMap { roleTitles[$0] }
        tagText.append(doc.type)
        for tag in tagText { count(tag, field: 2) }
        for (k, block) in doc.blocks.enumerated() {
            // A heading counts three times a body word when picking the block to link to.
            each(block.heading) { t in
                table.stats[t].seen(field: 1, inBlock: k, weight: 3)
                result.lengths[1] += 1
            }
            each(block.text) { t in
                table.stats[t].seen(field: 3, inBlock: k, weight: 1)
                result.lengths[3] += 1
            }
        }
        result.terms.reserveCapacity(table.stats.count)
        for (k, stat) in table.stats.enumerated() {
            result.terms.append((table.term(k), stat.tf, stat.tf[0] > 0 ? 0 : stat.block))
        }
        return result
    }

    /// A page's distinct terms by their UTF-8 bytes: open addressing on an FNV-1a hash, the bytes
    /// kept in one buffer, so counting a word makes no String.
    private struct TermTable {
        var stats: [Stat] = []
        private var bytes: [UInt8] = []
        private var ranges: [Range<Int>] = []
        private var hashes: [UInt64] = []
        private var slots: [Int32]

        init(capacity: Int) {
            var size = 16
            while size < capacity * 2 { size *= 2 }
            slots = Array(repeating: -1, count: size)
            bytes.reserveCapacity(capacity * 8)
        }

        func term(_ k: Int) -> String { String(decoding: bytes[ranges[k]], as: UTF8.self) }

        mutating func index(of term: UnsafeBufferPointer<UInt8>) -> Int {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in term { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
            while slots[i] >= 0 {
                let k = Int(slots[i])
                if hashes[k] == h, ranges[k].count == term.count,
                   bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + ranges[k].lowerBound, term.baseAddress!, term.count) == 0 }) {
                    return k
                }
                i = (i + 1) & mask
            }
            let k = stats.count
            slots[i] = Int32(k)
            ranges.append(bytes.count..<(bytes.count + term.count))
            bytes.append(contentsOf: term)
            hashes.append(h)
            stats.append(Stat())
            if stats.count * 2 > slots.count { grow() }
            return k
        }

        private mutating func grow() {
            slots = Array(repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for (k, h) in hashes.enumerated() {
                var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
                while slots[i] >= 0 { i = (i + 1) & mask }
                slots[i] = Int32(k)
            }
        }
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
        var postings: [String: [SearchPosting]]
    }

    /// Sorted by path.
    public var files: [File]
    public var languages: [LanguageStats]
    /// Page URL → what the page contributed to the index, for `SearchIndexBuilder.patch`; empty
    /// unless asked for.
    public var footprints: [String: [UInt8]]
}
