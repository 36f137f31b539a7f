import Dispatch

/// Runs independent work on every core and collects the results in input order.
public enum Parallel {
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let results = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            results.set(i, body(i))
        }
        return results.values
    }

    /// Results written by index from many threads; each index is written once.
    private final class Slots<T>: @unchecked Sendable {
        private var storage: [T?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: T) {
            storage.withUnsafeMutableBufferPointer { $0[i] = value }
        }
        var values: [T] { storage.map { $0! } }
    }
}
