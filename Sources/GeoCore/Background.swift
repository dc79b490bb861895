import Foundation

/// A value computed on a thread of its own while the caller goes on with other work: for one long
/// call that cannot be split (a GEOS union), run beside work that is spread over every core.
public final class Background<Value: Sendable>: @unchecked Sendable {
    private var result: Result<Value, any Error>?
    private let done = DispatchSemaphore(value: 0)

    public init(_ compute: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            result = Result { try compute() }
            done.signal()
        }
        thread.stackSize = 16 << 20  // as much as the main thread's: GEOS recurses deep in big overlays
        thread.start()
    }

    /// Waits for the value, or rethrows what computing it threw.
    public func value() throws -> Value {
        done.wait()
        defer { done.signal() }  // for whoever asks next
        return try result!.get()
    }
}
