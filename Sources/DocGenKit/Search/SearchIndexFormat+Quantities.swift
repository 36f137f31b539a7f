import Foundation

/// The index's numbers that depend on more than one page, chosen so that editing one page rarely
/// changes them: then a one-page edit rewrites only the files that hold that page's postings and
/// its record, and `SearchIndexBuilder.patch` can rewrite just those.
extension SearchIndexFormat {
    /// `x` rounded to the nearest power of 2^(1/4) (about 19% apart); 0 stays 0.
    ///
    /// BM25 reads field lengths and their averages through this: a page's own lengths change step
    /// only when an edit changes them by several percent, and the averages practically never on a
    /// large site. The steps are exact constants times a power of two: the same on every platform.
    static func quantized(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        // 4·log2(x) is never a half-integer for a rational x, so the rounding has no ties.
        let k = Int((4 * log2(x)).rounded())
        return quarterOctaves[k & 3] * Double(sign: .plus, exponent: k >> 2, significand: 1)
    }

    private static let quarterOctaves: [Double] = [1, 1.189207115002721, 1.4142135623730951, 1.681792830507429]

    /// Average tokens per field over `documents` pages, quantized.
    static func averages(_ totals: [Int], documents: Int) -> [Double] {
        totals.map { documents == 0 ? 0 : quantized(Double($0) / Double(documents)) }
    }

    /// Records per `d/<n>.json`: the power of two (1 to 64) nearest to `target` bytes per chunk.
    static func chunkSize(documents: Int, recordBytes: Int, target: Int) -> Int {
        guard documents > 0, recordBytes > 0 else { return 1 }
        let k = Int(log2(Double(target) * Double(documents) / Double(recordBytes)).rounded())
        return 1 << max(0, min(6, k))
    }

    /// A term's 64-bit hash (FNV-1a of its UTF-8, then mixed): shard cuts and page footprints.
    static func termHash(_ term: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in term.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return mix(h)
    }

    /// A posting's hash: what a footprint records of it.
    static func postingHash(term: UInt64, impact: UInt16, block: UInt16) -> UInt64 {
        mix(term ^ ((UInt64(impact) << 32 | UInt64(block)) &* 0x9E37_79B9_7F4A_7C15))
    }

    /// The splitmix64 finaliser.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
