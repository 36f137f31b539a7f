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

    /// Results written by index from many threads. The buffer is allocated once and never moves,
    /// and each index is written by exactly one thread, so no lock is needed.
    private final class Slots<T>: @unchecked Sendable {
        private let storage: UnsafeMutablePointer<T?>
        private let count: Int
        init(count: Int) {
            self.count = count
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil, count: count)
        }
        deinit {
            storage.deinitialize(count: count)
            storage.deallocate()
        }
        func set(_ i: Int, _ value: T) { storage[i] = value }
        var values: [T] { (0..<count).map { storage[$0]! } }
    }
}
