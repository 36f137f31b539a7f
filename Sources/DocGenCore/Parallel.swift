import Dispatch

/// Runs independent work on every core and collects the results in input order.
public enum Parallel {
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        // Each result is written straight into the array's storage: index i by exactly one
        // thread, and the storage does not move until every iteration is done.
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                (slots.base + i).initialize(to: body(i))
            }
            initialized = count
        }
    }

    /// The array's storage, shared with the threads that fill it.
    private struct Slots<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T>
    }
}
