import DocGenCore
import Foundation

/// Every term of one language's pages with its postings: terms sorted by UTF-16 code units, a
/// term's postings by doc id.
///
/// Each term's postings are a buffer of their own, filled in place by the runs of pages in
/// parallel: buffers of a few kilobytes are served from memory the process already has, where
/// one array of all postings (24 MB at 10,000 pages) would be mapped fresh and faulted in page
/// by page. Immutable once made.
final class SearchPostingLists: @unchecked Sendable {
    let terms: [String]
    private let lists: [UnsafeMutableBufferPointer<SearchPosting>]

    /// Calls `body` with term `t`'s postings.
    func withPostings<R>(_ t: Int, _ body: (UnsafeBufferPointer<SearchPosting>) -> R) -> R {
        withExtendedLifetime(self) { body(UnsafeBufferPointer(lists[t])) }
    }

    /// Term → postings.
    var dictionary: [String: [SearchPosting]] {
        var out: [String: [SearchPosting]] = [:]
        for (t, term) in terms.enumerated() { out[term] = withPostings(t) { Array($0) } }
        return out
    }

    deinit {
        for list in lists { list.deallocate() }
    }

    /// The postings of consecutive runs of pages, the first page of `runs[0]` being doc 0;
    /// impacts from the quantized field `averages`.
    ///
    /// Terms are merged from the runs' tables by their bytes; terms other than ASCII also by String
    /// equality, as a `[String: …]` dictionary would (a term's first spelling names it). Each run then
    /// writes its postings straight to their places: after what earlier runs gave the term.
    init(_ runs: [SearchPageRun], averages: [Double]) {
        // Run term id → index in `terms` (before sorting).
        var byBytes = SearchTermTable(capacity: 4096)
        var indexOfBytes: [Int32] = []
        var byString: [String: Int32] = [:]
        var unsorted: [String] = []
        var maps: [[Int32]] = []
        for run in runs {
            var map = [Int32](repeating: 0, count: run.table.count)
            for id in 0..<run.table.count {
                let g = Int(run.table.withTerm(id) { byBytes.id(of: $0, count: $1) })
                if g == indexOfBytes.count {
                    let term = run.table.term(id)
                    var index = Int32(unsorted.count)
                    if !run.table.isASCII(id) {
                        if let known = byString[term] { index = known } else { byString[term] = index }
                    }
                    if index == Int32(unsorted.count) { unsorted.append(term) }
                    indexOfBytes.append(index)
                }
                map[id] = indexOfBytes[g]
            }
            maps.append(map)
        }
        let order = unsorted.indices.sorted { SearchIndexFormat.utf16Less(unsorted[$0], unsorted[$1]) }
        var rank = [Int32](repeating: 0, count: unsorted.count)
        for (r, index) in order.enumerated() { rank[index] = Int32(r) }
        terms = order.map { unsorted[$0] }
        let termCount = terms.count
        let runMaps = maps.map { map in map.map { rank[Int($0)] } }

        // Postings per term and run, then where each run's postings of a term start.
        var cursors = runs.indices.map { r -> [Int] in
            var counts = [Int](repeating: 0, count: termCount)
            for (id, pages) in runs[r].termPages.enumerated() { counts[Int(runMaps[r][id])] += Int(pages) }
            return counts
        }
        var lists: [UnsafeMutableBufferPointer<SearchPosting>] = []
        lists.reserveCapacity(termCount)
        for t in 0..<termCount {
            var at = 0
            for r in runs.indices {
                let n = cursors[r][t]
                cursors[r][t] = at
                at += n
            }
            lists.append(.allocate(capacity: at))
        }
        self.lists = lists
        var firstDocs = [0]
        for run in runs { firstDocs.append(firstDocs[firstDocs.count - 1] + run.lengths.count) }
        let firstDoc = firstDocs, runCursors = cursors
        // Runs write disjoint parts of each buffer.
        nonisolated(unsafe) let out = lists
        DispatchQueue.concurrentPerform(iterations: runs.count) { r in
            let run = runs[r], map = runMaps[r]
            var cursor = runCursors[r]
            var page = -1
            var norms = SIMD4<Double>()
            run.forEachTerm { k, id, tf, block in
                if k != page {
                    page = k
                    norms = SearchIndexBuilder.norms(lengths: run.lengths[k], averages: averages)
                }
                let t = Int(map[Int(id)])
                (out[t].baseAddress! + cursor[t]).initialize(to: SearchPosting(
                    doc: Int32(firstDoc[r] + k), impact: SearchIndexBuilder.impact(tf: tf, norms: norms), block: block))
                cursor[t] += 1
            }
        }
    }
}
