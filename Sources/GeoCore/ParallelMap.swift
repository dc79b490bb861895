import Foundation
import Synchronization

extension Array {
    /// `map` on every core. Elements are handed out in chunks; results come back in order. When
    /// calls throw, the error of the lowest index is rethrown, so failures are reported the same
    /// way run after run. `transform` must be safe to call from several threads at once.
    public func parallelMap<T>(_ transform: (Element) throws -> T) throws -> [T] {
        try parallelMap(state: {}, { _, element in try transform(element) })
    }

    /// `parallelMap` where each worker thread first makes a `State` of its own, for what may not
    /// be shared between threads or is costly to make (a PROJ transformer, prepared geometries).
    public func parallelMap<State, T>(state makeState: () throws -> State,
                                      _ transform: (State, Element) throws -> T) throws -> [T] {
        let count = self.count
        let workers = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount)
        guard workers > 1 else {
            let state = try makeState()
            return try map { try transform(state, $0) }
        }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        // Workers take chunks from a shared counter until none are left, so a slow chunk does not
        // hold up the others.
        let chunkSize = Swift.max(1, count / (workers * 16))
        let nextChunk = Atomic<Int>(0)
        let failure = FirstFailure()
        // The workers write disjoint slots and only read the collection; the caller vouches for
        // `transform`. That is what these unchecked captures rely on.
        nonisolated(unsafe) let (elements, makeState, transform, slots) = (self, makeState, transform, results)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let state: State
            do { state = try makeState() } catch { return failure.record(error, at: 0) }
            while !failure.occurred {
                let start = nextChunk.wrappingAdd(chunkSize, ordering: .relaxed).oldValue
                guard start < count else { return }
                for index in start..<Swift.min(start + chunkSize, count) {
                    do {
                        slots[index] = try transform(state, elements[index])
                    } catch {
                        return failure.record(error, at: index)
                    }
                }
            }
        }
        if let error = failure.error { throw error }
        return results.map { $0! }
    }
}

/// The error with the lowest index among those raised by concurrent workers.
private final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var first: (index: Int, error: any Error)?

    func record(_ error: any Error, at index: Int) {
        lock.lock()
        defer { lock.unlock() }
        if first == nil || index < first!.index { first = (index, error) }
    }

    var occurred: Bool { error != nil }

    var error: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return first?.error
    }
}
