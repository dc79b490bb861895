import CGEOS

extension Geometry {
    /// Reads Well-Known Binary (ISO or extended, any byte order).
    public convenience init(wkb: UnsafeRawBufferPointer) throws {
        self.init(taking: try Self.readWKB(wkb))
    }

    public convenience init(wkb: [UInt8]) throws {
        self.init(taking: try wkb.withUnsafeBytes(Self.readWKB))
    }

    private static func readWKB(_ wkb: UnsafeRawBufferPointer) throws -> OpaquePointer {
        let context = GEOSContext.current
        context.clearError()
        let reader = GEOSWKBReader_create_r(context.handle)
        defer { GEOSWKBReader_destroy_r(context.handle, reader) }
        let bytes = wkb.bindMemory(to: UInt8.self)
        guard let handle = GEOSWKBReader_read_r(context.handle, reader, bytes.baseAddress, bytes.count) else {
            throw GeometryError.invalidWKB(context.lastError ?? "unreadable")
        }
        return handle
    }

    /// Two-dimensional little-endian WKB.
    public var wkb: [UInt8] {
        let context = GEOSContext.current.handle
        let writer = GEOSWKBWriter_create_r(context)
        defer { GEOSWKBWriter_destroy_r(context, writer) }
        GEOSWKBWriter_setOutputDimension_r(context, writer, 2)
        GEOSWKBWriter_setByteOrder_r(context, writer, Int32(GEOS_WKB_NDR.rawValue))
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(context, writer, handle, &size) else { return [] }
        defer { GEOSFree_r(context, bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }

    /// Well-Known Text, for messages and tests.
    public var wkt: String {
        let context = GEOSContext.current.handle
        let writer = GEOSWKTWriter_create_r(context)
        defer { GEOSWKTWriter_destroy_r(context, writer) }
        GEOSWKTWriter_setTrim_r(context, writer, 1)
        guard let text = GEOSWKTWriter_write_r(context, writer, handle) else { return "" }
        defer { GEOSFree_r(context, text) }
        return String(cString: text)
    }

    public convenience init(wkt: String) throws {
        let context = GEOSContext.current
        context.clearError()
        let reader = GEOSWKTReader_create_r(context.handle)
        defer { GEOSWKTReader_destroy_r(context.handle, reader) }
        guard let handle = GEOSWKTReader_read_r(context.handle, reader, wkt) else {
            throw context.error("WKT reading")
        }
        self.init(taking: handle)
    }
}
