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

    /// Two-dimensional little-endian WKB, byte for byte as GEOS's writer makes it (an empty point
    /// as NaN coordinates). Written here from the coordinate sequences: GEOS's writer goes through
    /// a C++ stream and took two thirds of the time of writing a GeoJSON feature.
    public var wkb: [UInt8] {
        var bytes: [UInt8] = []
        let context = GEOSContext.current.handle
        bytes.reserveCapacity(64 + 16 * Int(GEOSGetNumCoordinates_r(context, handle)))
        Self.appendWKB(of: handle, to: &bytes, context)
        return bytes
    }

    private static func appendWKB(of geometry: OpaquePointer, to bytes: inout [UInt8], _ context: GEOSContextHandle_t) {
        func append(_ value: UInt32) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        // A sequence's size, where asked, and its x, y pairs.
        func append(_ line: OpaquePointer?, counted: Bool) {
            var size: UInt32 = 0
            if let sequence = line.flatMap({ GEOSGeom_getCoordSeq_r(context, $0) }) {
                GEOSCoordSeq_getSize_r(context, sequence, &size)
                if counted { append(size) }
                guard size > 0 else { return }
                withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * Int(size)) { xy in
                    _ = GEOSCoordSeq_copyToBuffer_r(context, sequence, xy.baseAddress!, 0, 0)
                    #if _endian(big)
                    for index in xy.indices { xy[index] = Double(bitPattern: xy[index].bitPattern.littleEndian) }
                    #endif
                    bytes.append(contentsOf: UnsafeRawBufferPointer(xy))
                }
            } else if counted {
                append(size)
            }
        }
        bytes.append(1)  // little-endian
        let type = GEOSGeomTypeId_r(context, geometry)
        switch type {
        case Int32(GEOS_POINT.rawValue):
            append(1)
            if GEOSisEmpty_r(context, geometry) == 1 {
                for _ in 0..<2 { withUnsafeBytes(of: Double.nan.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
            } else {
                append(geometry, counted: false)
            }
        case Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            append(2)
            append(geometry, counted: true)
        case Int32(GEOS_POLYGON.rawValue):
            append(3)
            guard GEOSisEmpty_r(context, geometry) == 0 else { return append(0) }
            let holes = GEOSGetNumInteriorRings_r(context, geometry)
            append(UInt32(holes + 1))
            append(GEOSGetExteriorRing_r(context, geometry), counted: true)
            for hole in 0..<holes { append(GEOSGetInteriorRingN_r(context, geometry, hole), counted: true) }
        default:
            // The collections, numbered 4 to 7 alike in GEOS and in WKB.
            append(UInt32(type))
            let count = GEOSGetNumGeometries_r(context, geometry)
            append(UInt32(count))
            for member in 0..<count { appendWKB(of: GEOSGetGeometryN_r(context, geometry, member)!, to: &bytes, context) }
        }
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
