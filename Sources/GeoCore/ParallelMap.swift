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
        // Results go straight into the array, in any order; which slots hold one is noted, so
        // that after a failure exactly those are undone. (Optionals staged and then copied out
        // would hold the results twice at the peak: tens of megabytes at province scale.)
        let filled = UnsafeMutableBufferPointer<Bool>.allocate(capacity: count)
        filled.initialize(repeating: false)
        defer { filled.deallocate() }
        return try [T](unsafeUninitializedCapacity: count) { results, initializedCount in
            // Each worker starts on a stretch of its own, taking chunks from it in order, then helps
            // with the others' rest, so a slow chunk does not hold up the others, and neighbours in the
            // array stay with one worker where they can (land in spatial order shares its buffers).
            let chunkSize = Swift.max(1, count / (workers * 16))
            let stretches = (0..<workers).map { Stretch(from: $0 * count / workers, to: ($0 + 1) * count / workers) }
            let failure = FirstFailure()
            // The workers write disjoint slots and only read the collection; the caller vouches for
            // `transform`. That is what these unchecked captures rely on.
            nonisolated(unsafe) let (elements, makeState, transform, slots, filled) = (self, makeState, transform, results.baseAddress!, filled)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let state: State
                do { state = try makeState() } catch { return failure.record(error, at: 0) }
                for stretch in stretches[worker...] + stretches[..<worker] {
                    // After a failure only lower indices are worth finishing: the one reported is then
                    // the lowest that fails, whichever worker got there first.
                    while case let start = stretch.next.wrappingAdd(chunkSize, ordering: .relaxed).oldValue,
                          start < Swift.min(stretch.end, failure.lowestIndex) {
                        for index in start..<Swift.min(start + chunkSize, stretch.end) {
                            do {
                                (slots + index).initialize(to: try transform(state, elements[index]))
                                filled[index] = true
                            } catch {
                                failure.record(error, at: index)
                                break
                            }
                        }
                    }
                }
            }
            if let error = failure.error {
                for index in 0..<count where filled[index] { (slots + index).deinitialize(count: 1) }
                throw error
            }
            initializedCount = count
        }
    }
}

/// A run of indices handed out a chunk at a time.
private final class Stretch: Sendable {
    let next: Atomic<Int>
    let end: Int

    init(from start: Int, to end: Int) {
        next = Atomic(start)
        self.end = end
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

    /// The index of the first failure so far, or past every index when none.
    var lowestIndex: Int {
        lock.lock()
        defer { lock.unlock() }
        return first?.index ?? .max
    }

    var error: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return first?.error
    }
}
