/// What one page contributed to the index: kept by the caller between builds, so that
/// `SearchIndexBuilder.patch` can update the index after the page's text changes.
///
/// Written as bytes: a version byte; the language; the page's doc id; its exact token counts per
/// field; its record's byte count; the wrapping sum of its postings' 64-bit hashes (which checks
/// a patch's assumptions); its number of terms; and the top byte of each posting's hash, terms in
/// index order. About 20 bytes plus one per distinct term of the page (≈ 300 bytes for a
/// 700-word page). It names no shard or file, so patching other pages never makes it stale.
struct SearchFootprint: Equatable {
    static let version: UInt8 = 1

    var lang: String
    /// Position in the language's pages sorted by URL.
    var doc: Int
    /// Tokens in the title, headings, tags and body.
    var lengths: [Int]
    var recordBytes: Int
    var digest: UInt64 = 0
    /// `postingHash >> 56` of each posting, in term order.
    var hashes: [UInt8]

    init(lang: String, doc: Int, lengths: [Int], recordBytes: Int, hashes: [UInt8]) {
        self.lang = lang
        self.doc = doc
        self.lengths = lengths
        self.recordBytes = recordBytes
        self.hashes = hashes
    }

    /// Adds the page's posting for the term whose `termHash` is given; call in term order.
    mutating func add(termHash: UInt64, _ p: SearchPosting) {
        let h = SearchIndexFormat.postingHash(term: termHash, impact: p.impact, block: p.block)
        hashes.append(Self.short(h))
        digest &+= h
    }

    static func short(_ postingHash: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: postingHash >> 56) }

    var bytes: [UInt8] {
        var out: [UInt8] = [Self.version]
        out.reserveCapacity(24 + lang.utf8.count + hashes.count)
        func varint(_ n: Int) {
            var v = UInt64(n)
            while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
            out.append(UInt8(v))
        }
        varint(lang.utf8.count)
        out.append(contentsOf: lang.utf8)
        varint(doc)
        for n in lengths { varint(n) }
        varint(recordBytes)
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: digest >> (8 * UInt64(k)))) }
        varint(hashes.count)
        out.append(contentsOf: hashes)
        return out
    }

    /// `nil` unless `bytes` is a footprint of this version.
    init?(bytes: [UInt8]) {
        var i = 0
        func byte() -> UInt8? {
            guard i < bytes.count else { return nil }
            defer { i += 1 }
            return bytes[i]
        }
        func varint() -> Int? {
            var v: UInt64 = 0, shift: UInt64 = 0
            while let b = byte() {
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return v <= UInt64(Int.max) ? Int(v) : nil }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }
        guard byte() == Self.version, let langCount = varint(), langCount <= bytes.count - i else { return nil }
        lang = String(decoding: bytes[i..<(i + langCount)], as: UTF8.self)
        i += langCount
        guard let doc = varint() else { return nil }
        self.doc = doc
        lengths = []
        for _ in 0..<4 {
            guard let n = varint() else { return nil }
            lengths.append(n)
        }
        guard let recordBytes = varint() else { return nil }
        self.recordBytes = recordBytes
        for k in 0..<8 {
            guard let b = byte() else { return nil }
            digest |= UInt64(b) << (8 * UInt64(k))
        }
        guard let count = varint(), count == bytes.count - i else { return nil }
        hashes = Array(bytes[i...])
    }
}
