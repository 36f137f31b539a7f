/// Distinct terms by their UTF-8 bytes, numbered from 0 in the order they were first added.
///
/// One table serves a whole run of pages, so a word costs a hash and a comparison of a few 8-byte
/// words, never a String. A term is passed as its bytes in 8-byte words, zero after its last byte
/// to the end of its last word (as `SearchTokenizer` writes them); terms are kept the same way, one
/// after the other in one buffer. Open addressing, linear probing.
struct SearchTermTable {
    /// Number of distinct terms.
    private(set) var count = 0
    /// Per slot: the hash's low 32 bits above the term id + 1; 0 when the slot is empty.
    private var slots: [UInt64]
    private var shift: UInt64
    /// The terms' bytes, in words.
    private var words: [UInt64] = []
    /// Per term: where its words start in `words` (high 32 bits) and its byte count.
    private var spans: [UInt64] = []
    private var hashes: [UInt64] = []

    init(capacity: Int = 1024) {
        var bits: UInt64 = 4
        while 1 << bits < capacity * 2 { bits += 1 }
        slots = Array(repeating: 0, count: 1 << Int(bits))
        shift = 64 - bits
        spans.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
        words.reserveCapacity(capacity * 2)
    }

    /// The hash of a term: `hash(_:_:)` of each of its words in turn, from `hashStart(count)`.
    @inline(__always)
    static func hash(_ term: UnsafePointer<UInt64>, count n: Int) -> UInt64 {
        var h = hashStart(n)
        for k in 0..<((n + 7) >> 3) { h = hash(h, term[k]) }
        return h
    }

    @inline(__always)
    static func hashStart(_ count: Int) -> UInt64 { UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15 }

    @inline(__always)
    static func hash(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let m = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
        return m ^ (m >> 29)
    }

    /// The id of the term of `count` bytes in `term` (zero-padded words), added if new.
    @inline(__always)
    mutating func id(of term: UnsafePointer<UInt64>, count n: Int) -> Int32 {
        id(of: term, count: n, hash: Self.hash(term, count: n))
    }

    /// The id of the term of `count` bytes in `term` (zero-padded words) whose `hash` is given, added if new.
    @inline(__always)
    mutating func id(of term: UnsafePointer<UInt64>, count n: Int, hash h: UInt64) -> Int32 {
        let wordCount = (n &+ 7) &>> 3
        let tag = h &<< 32
        let found = slots.withUnsafeBufferPointer { slots in
            words.withUnsafeBufferPointer { stored in
                spans.withUnsafeBufferPointer { spans -> (slot: Int, id: Int32) in
                    let mask = slots.count &- 1
                    var i = Int(truncatingIfNeeded: h &>> shift)
                    while true {
                        let s = slots[i]
                        if s == 0 { return (i, -1) }
                        if s & 0xFFFF_FFFF_0000_0000 == tag {
                            let id = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) &- 1
                            let span = spans[id]
                            if Int(truncatingIfNeeded: span & 0xFFFF_FFFF) == n {
                                let base = Int(truncatingIfNeeded: span &>> 32)
                                var k = 0
                                while k < wordCount && stored[base &+ k] == term[k] { k &+= 1 }
                                if k == wordCount { return (i, Int32(truncatingIfNeeded: id)) }
                            }
                        }
                        i = (i &+ 1) & mask
                    }
                }
            }
        }
        if found.id >= 0 { return found.id }
        let id = count
        slots[found.slot] = tag | UInt64(id + 1)
        spans.append(UInt64(words.count) << 32 | UInt64(n))
        words.append(contentsOf: UnsafeBufferPointer(start: term, count: wordCount))
        hashes.append(h)
        count += 1
        if count * 2 > slots.count { grow() }
        return Int32(id)
    }

    /// The id of `term`, added if new.
    mutating func id(of term: String) -> Int32 {
        var term = term
        return term.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: bytes.count / 8 + 1) { buffer in
                buffer[bytes.count / 8] = 0
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(bytes))
                return id(of: UnsafePointer(buffer.baseAddress!), count: bytes.count)
            }
        }
    }

    /// Calls `body` with term `id`'s words and byte count.
    func withTerm<R>(_ id: Int, _ body: (UnsafePointer<UInt64>, Int) -> R) -> R {
        words.withUnsafeBufferPointer { body($0.baseAddress! + Int(spans[id] >> 32), Int(spans[id] & 0xFFFF_FFFF)) }
    }

    /// Whether term `id` is ASCII.
    func isASCII(_ id: Int) -> Bool {
        withTerm(id) { term, n in
            var high: UInt64 = 0
            for k in 0..<((n + 7) >> 3) { high |= term[k] }
            return high & 0x8080_8080_8080_8080 == 0
        }
    }

    func term(_ id: Int) -> String {
        withTerm(id) { term, n in
            String(decoding: UnsafeRawBufferPointer(start: term, count: n), as: UTF8.self)
        }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for (id, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h &>> shift)
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = h << 32 | UInt64(id + 1)
        }
    }
}
