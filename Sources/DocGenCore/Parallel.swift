import Dispatch
import Foundation

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

/// Work started on another thread, and its result (or error) once it is done.
public final class Background<Value: Sendable>: @unchecked Sendable {  // `result` is written before `done` leaves
    private let done = DispatchGroup()
    private var result: Result<Value, Error>?

    public init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async(group: done) { self.result = Result { try work() } }
    }

    /// Waits for the work (again, if it was waited for before) and gives its result.
    public func wait() throws -> Value {
        done.wait()
        return try result!.get()
    }
}
