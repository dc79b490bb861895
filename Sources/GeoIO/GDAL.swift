import CGDAL

/// GDAL set up once per process: every driver registered, and errors kept for our own messages
/// instead of printed to stderr.
enum GDAL {
    static let ready: Void = {
        GDALAllRegister()
        CPLSetErrorHandler(CPLQuietErrorHandler)
    }()

    /// GDAL's message for the last failure on this thread.
    static var lastError: String {
        let message = String(cString: CPLGetLastErrorMsg())
        return message.isEmpty ? "no further detail from GDAL" : message
    }

    /// A NULL-terminated C string list (`char **`) for the duration of `body`.
    static func withStringList<T>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> T) rethrows -> T {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        for string in strings { list = CSLAddString(list, string) }
        defer { CSLDestroy(list) }
        return try body(list)
    }
}
