import Foundation

/// Work begun on a thread of its own and waited for where its result is needed: for a step that
/// leaves a core idle part of the time (the last merges of a union run on one thread), so that
/// the rest of a run can use that core meanwhile.
public final class Pending<Value: Sendable>: @unchecked Sendable {
    private let finished = NSCondition()
    private var outcome: Result<Value, any Error>?

    public init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let result = Result { try work() }
            finished.lock()
            outcome = result
            finished.broadcast()
            finished.unlock()
        }
        // As much stack as the main thread has: GEOS recurses on large geometries.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The result, once the work is done; what it threw, if it failed.
    public func value() throws -> Value {
        finished.lock()
        defer { finished.unlock() }
        while outcome == nil { finished.wait() }
        return try outcome!.get()
    }
}
