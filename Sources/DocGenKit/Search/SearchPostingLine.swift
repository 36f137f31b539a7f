/// Reading and editing one term's entry in place: its head line `"term":[df,"postings"]` in the
/// shard and its tail line `"term":"postings"`.
enum SearchPostingLine {
    /// The document frequency and the range of the encoded postings of a head line.
    static func head(_ line: ArraySlice<UInt8>) -> (df: Int, postings: Range<Int>)? {
        guard let (_, end) = SearchIndexFormat.leadingString(line) else { return nil }
        var i = end
        guard i + 1 < line.endIndex, line[i] == 0x3A, line[i + 1] == 0x5B else { return nil }
        i += 2
        var df = 0
        while i < line.endIndex, line[i] >= 0x30, line[i] <= 0x39 { df = df * 10 + Int(line[i] - 0x30); i += 1 }
        guard i + 1 < line.endIndex, line[i] == 0x2C, line[i + 1] == 0x22 else { return nil }
        let start = i + 2
        guard line.count >= 2, line[line.endIndex - 2] == 0x22, line[line.endIndex - 1] == 0x5D,
              start <= line.endIndex - 2 else { return nil }
        return (df, start..<(line.endIndex - 2))
    }

    /// The range of the encoded postings of a tail line.
    static func tail(_ line: ArraySlice<UInt8>) -> Range<Int>? {
        guard let (_, end) = SearchIndexFormat.leadingString(line), end + 1 < line.endIndex,
              line[end] == 0x3A, line[end + 1] == 0x22, line.last == 0x22 else { return nil }
        return (end + 2)..<(line.endIndex - 1)
    }

    /// Encoded postings (doc ids ascending) with `doc`'s posting replaced by `posting`, removed
    /// (`nil`) or inserted, re-encoding only the numbers around it, and whether `doc` had one;
    /// `nil` when malformed or when there is nothing to remove.
    static func splice(_ encoded: ArraySlice<UInt8>, doc: Int32, with posting: SearchPosting?) -> (bytes: [UInt8], had: Bool)? {
        encoded.withUnsafeBufferPointer { buffer -> (bytes: [UInt8], had: Bool)? in
            var i = 0
            /// The next number and the index after it.
            func number() -> Int? {
                var v = 0
                while i < buffer.count {
                    let digit = SearchIndexFormat.digit(buffer[i])
                    i += 1
                    guard digit < 64 else { return nil }
                    if digit < 32 { v = v * 32 + digit } else { return v * 32 + digit - 32 }
                }
                return nil
            }
            var previous: Int32?
            var start = 0
            // Find the first posting at or after `doc`.
            var current: Int32?, deltaEnd = 0
            while i < buffer.count {
                start = i
                guard let delta = number() else { return nil }
                let d = previous.map { $0 + Int32(delta) } ?? Int32(delta)
                if d >= doc { current = d; deltaEnd = i; break }
                guard number() != nil, number() != nil else { return nil }
                previous = d
            }
            if current == nil { start = buffer.count }
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count + 12)
            out.append(contentsOf: buffer[0..<start])
            let base = previous ?? 0
            if current == doc {
                guard number() != nil, number() != nil else { return nil }
                if let posting {
                    out.append(contentsOf: buffer[start..<deltaEnd])
                    SearchIndexFormat.appendNumber(Int(posting.impact), to: &out)
                    SearchIndexFormat.appendNumber(Int(posting.block), to: &out)
                    out.append(contentsOf: buffer[i...])
                } else if i < buffer.count {
                    // The next posting's delta now counts from the one before `doc`.
                    guard let delta = number() else { return nil }
                    SearchIndexFormat.appendNumber(Int(doc) + delta - Int(base), to: &out)
                    out.append(contentsOf: buffer[i...])
                }
                return (out, true)
            }
            guard let posting else { return nil }
            SearchIndexFormat.appendNumber(Int(doc - base), to: &out)
            SearchIndexFormat.appendNumber(Int(posting.impact), to: &out)
            SearchIndexFormat.appendNumber(Int(posting.block), to: &out)
            if let current {
                SearchIndexFormat.appendNumber(Int(current - doc), to: &out)
                out.append(contentsOf: buffer[deltaEnd...])
            }
            return (out, false)
        }
    }

    /// The best posting (`SearchPosting.ranksAbove`) of encoded postings; `nil` when empty or malformed.
    static func best(in encoded: ArraySlice<UInt8>) -> SearchPosting? {
        guard let all = SearchIndexFormat.decodePostings(encoded), var best = all.first else { return nil }
        for p in all.dropFirst() where SearchPosting.ranksAbove(p, best) { best = p }
        return best
    }

    /// The posting of `doc` in encoded postings (doc ids ascending), reading no further than it.
    static func find(_ doc: Int32, in encoded: ArraySlice<UInt8>) -> (found: SearchPosting?, valid: Bool) {
        encoded.withUnsafeBufferPointer { buffer in
            var k = 0, v = 0, current: Int32 = 0, first = true
            var impact = 0
            for byte in buffer {
                let digit = SearchIndexFormat.digit(byte)
                guard digit < 64 else { return (nil, false) }
                if digit < 32 { v = v * 32 + digit; continue }
                v = v * 32 + digit - 32
                switch k {
                case 0:
                    current = first ? Int32(v) : current + Int32(v)
                    first = false
                    if current > doc { return (nil, true) }
                    k = 1
                case 1:
                    impact = v
                    k = 2
                default:
                    if current == doc {
                        guard impact <= Int(UInt16.max), v <= Int(UInt16.max) else { return (nil, false) }
                        return (SearchPosting(doc: doc, impact: UInt16(impact), block: UInt16(v)), true)
                    }
                    k = 0
                }
                v = 0
            }
            return (nil, k == 0)
        }
    }
}

/// A term's postings split as the index stores them: the `headSize` best (`SearchPosting.ranksAbove`)
/// in the shard, the rest in the tail; each in doc-id order.
struct SearchStoredPostings {
    var head: [SearchPosting]
    var tail: [SearchPosting]
    let headSize: Int

    /// Removes `doc`'s posting, then adds `posting` (when not nil), keeping the split exact: the
    /// head stays the best `headSize` postings without re-ranking the whole list.
    mutating func replace(_ doc: Int32, with posting: SearchPosting?) {
        if let k = Self.index(of: doc, in: head) {
            head.remove(at: k)
            if let best = tail.indices.max(by: { SearchPosting.ranksAbove(tail[$1], tail[$0]) }) {
                insert(tail.remove(at: best), into: &head)
            }
        } else if let k = Self.index(of: doc, in: tail) {
            tail.remove(at: k)
        }
        guard let posting else { return }
        if head.count < headSize {
            insert(posting, into: &head)
            return
        }
        guard let worst = head.indices.min(by: { SearchPosting.ranksAbove(head[$1], head[$0]) }) else { return }
        if SearchPosting.ranksAbove(posting, head[worst]) {
            let demoted = head.remove(at: worst)
            insert(posting, into: &head)
            insert(demoted, into: &tail)
        } else {
            insert(posting, into: &tail)
        }
    }

    private func insert(_ p: SearchPosting, into list: inout [SearchPosting]) {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].doc < p.doc { lo = mid + 1 } else { hi = mid }
        }
        list.insert(p, at: lo)
    }

    private static func index(of doc: Int32, in list: [SearchPosting]) -> Int? {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].doc < doc { lo = mid + 1 } else { hi = mid }
        }
        return lo < list.count && list[lo].doc == doc ? lo : nil
    }
}
