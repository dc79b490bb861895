import CPROJ

/// The PROJ context of the calling thread, made on its first use and kept until the thread ends.
/// PROJ objects belong to the context they were made in and must stay on its thread.
final class PROJContext {
    let handle: OpaquePointer

    /// A context of its own, for an object shared under a lock; threads use `current`.
    init() {
        handle = proj_context_create()
        // Errors are reported through exceptions of ours, not PROJ's log on stderr.
        proj_log_level(handle, PJ_LOG_NONE)
    }

    deinit { proj_context_destroy(handle) }

    static var current: PROJContext { perThread.value }

    private static let perThread = ThreadLocal { PROJContext() }

    /// PROJ's text for the last error on this context.
    var lastError: String {
        let code = proj_context_errno(handle)
        guard code != 0, let text = proj_context_errno_string(handle, code) else { return "no further detail" }
        return String(cString: text)
    }
}
