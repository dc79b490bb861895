import CGEOS
import Foundation

/// The GEOS context of the calling thread.
///
/// GEOS's reentrant API wants a context per thread. Each thread gets one on its first GEOS call and
/// keeps it until the thread ends, so no operation ever pays for creating one. The context records
/// the last error GEOS reported so that failures surface as Swift errors with GEOS's own text.
final class GEOSContext {
    let handle: GEOSContextHandle_t
    private(set) var lastError: String?

    private init() {
        handle = GEOS_init_r()
        GEOSContext_setErrorMessageHandler_r(handle, { message, userData in
            guard let message, let userData else { return }
            let context = Unmanaged<GEOSContext>.fromOpaque(userData).takeUnretainedValue()
            context.lastError = String(cString: message)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit { GEOS_finish_r(handle) }

    /// The calling thread's context.
    static var current: GEOSContext { perThread.value }

    private static let perThread = ThreadLocal { GEOSContext() }

    /// Clears the recorded error before a call whose failure is to be reported.
    func clearError() { lastError = nil }

    /// The error for a failed `operation`, with GEOS's message where it gave one.
    func error(_ operation: String) -> GeometryError {
        .geos(operation: operation, message: lastError ?? "GEOS reported a failure without a message")
    }
}
