import CGEOS

extension Geometry {
    /// Every vertex, x and y interleaved, in traversal order (shells before holes, members in
    /// order). Copied in bulk, a sequence at a time; z and m are dropped.
    public var coordinates: [Double] {
        var flat: [Double] = []
        flat.reserveCapacity(2 * Int(GEOSGetNumCoordinates_r(GEOSContext.current.handle, handle)))
        Geometry.visitSequences(of: handle) { sequence, size in
            let start = flat.count
            flat.append(contentsOf: repeatElement(0, count: 2 * size))
            flat.withUnsafeMutableBufferPointer { buffer in
                _ = GEOSCoordSeq_copyToBuffer_r(GEOSContext.current.handle, sequence,
                                                buffer.baseAddress! + start, 0, 0)
            }
        }
        return flat
    }

    /// The same structure with its vertices taken, in `coordinates` order, from `flat`.
    public func replacingCoordinates(_ flat: UnsafeBufferPointer<Double>) throws -> Geometry {
        var offset = 0
        return try Geometry.make("rebuilding with new coordinates") { context in
            Geometry.rebuild(handle, from: flat, offset: &offset, context)
        }
    }

    /// Polygons from their rings, each exterior ring followed by its holes: a multi-polygon when
    /// asked for or when there is not exactly one.
    static func polygonal(_ rings: [(isExterior: Bool, xy: [Double])], multi: Bool = false) throws -> Geometry {
        try make("polygon from rings") { context in
            func ring(_ xy: [Double]) -> OpaquePointer? {
                xy.withUnsafeBufferPointer { buffer in
                    GEOSGeom_createLinearRing_r(context, GEOSCoordSeq_copyFromBuffer_r(context, buffer.baseAddress!, UInt32(xy.count / 2), 0, 0))
                }
            }
            var polygons: [OpaquePointer?] = []
            var start = 0
            while start < rings.count {
                var end = start + 1
                while end < rings.count, !rings[end].isExterior { end += 1 }
                var holes = rings[(start + 1)..<end].map { ring($0.xy) }
                polygons.append(GEOSGeom_createPolygon_r(context, ring(rings[start].xy), &holes, UInt32(holes.count)))
                start = end
            }
            if polygons.count == 1, !multi { return polygons[0] }
            return GEOSGeom_createCollection_r(context, Kind.multiPolygon.rawValue, &polygons, UInt32(polygons.count))
        }
    }

    /// The same geometry with x and y exchanged at every vertex: between a CRS's east-first order
    /// and its authority's north-first one.
    public func swappingXY() throws -> Geometry {
        var flat = coordinates
        for index in stride(from: 0, to: flat.count, by: 2) { flat.swapAt(index, index + 1) }
        return try flat.withUnsafeBufferPointer { try replacingCoordinates($0) }
    }

    /// Calls `visit` for every ring of a polygon or multi-polygon, in `coordinates` order, with
    /// whether it is an exterior ring and its number of vertices.
    func visitRings(_ visit: (_ isExterior: Bool, _ size: Int) -> Void) {
        let context = GEOSContext.current.handle
        func walk(_ geometry: OpaquePointer) {
            switch GEOSGeomTypeId_r(context, geometry) {
            case Int32(GEOS_POLYGON.rawValue):
                guard GEOSisEmpty_r(context, geometry) == 0 else { return }
                visit(true, Int(GEOSGeomGetNumPoints_r(context, GEOSGetExteriorRing_r(context, geometry))))
                for hole in 0..<GEOSGetNumInteriorRings_r(context, geometry) {
                    visit(false, Int(GEOSGeomGetNumPoints_r(context, GEOSGetInteriorRingN_r(context, geometry, hole))))
                }
            default:
                for member in 0..<GEOSGetNumGeometries_r(context, geometry) { walk(GEOSGetGeometryN_r(context, geometry, member)) }
            }
        }
        walk(handle)
    }

    private static func visitSequences(of geometry: OpaquePointer, _ visit: (OpaquePointer, Int) -> Void) {
        let context = GEOSContext.current.handle
        switch GEOSGeomTypeId_r(context, geometry) {
        case Int32(GEOS_POINT.rawValue), Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            guard let sequence = GEOSGeom_getCoordSeq_r(context, geometry) else { return }
            var size: UInt32 = 0
            GEOSCoordSeq_getSize_r(context, sequence, &size)
            visit(sequence, Int(size))
        case Int32(GEOS_POLYGON.rawValue):
            guard GEOSisEmpty_r(context, geometry) == 0 else { return }
            visitSequences(of: GEOSGetExteriorRing_r(context, geometry), visit)
            for hole in 0..<GEOSGetNumInteriorRings_r(context, geometry) {
                visitSequences(of: GEOSGetInteriorRingN_r(context, geometry, hole), visit)
            }
        default:
            for member in 0..<GEOSGetNumGeometries_r(context, geometry) {
                visitSequences(of: GEOSGetGeometryN_r(context, geometry, member), visit)
            }
        }
    }

    /// A new geometry shaped like `geometry`, its vertices read from `flat` starting at `offset`.
    private static func rebuild(_ geometry: OpaquePointer, from flat: UnsafeBufferPointer<Double>,
                                offset: inout Int, _ context: GEOSContextHandle_t) -> OpaquePointer? {
        let type = GEOSGeomTypeId_r(context, geometry)
        if GEOSisEmpty_r(context, geometry) == 1 { return GEOSGeom_clone_r(context, geometry) }
        func sequence(_ source: OpaquePointer) -> OpaquePointer? {
            var size: UInt32 = 0
            GEOSCoordSeq_getSize_r(context, GEOSGeom_getCoordSeq_r(context, source), &size)
            defer { offset += 2 * Int(size) }
            return GEOSCoordSeq_copyFromBuffer_r(context, flat.baseAddress! + offset, size, 0, 0)
        }
        switch type {
        case Int32(GEOS_POINT.rawValue): return GEOSGeom_createPoint_r(context, sequence(geometry))
        case Int32(GEOS_LINESTRING.rawValue): return GEOSGeom_createLineString_r(context, sequence(geometry))
        case Int32(GEOS_LINEARRING.rawValue): return GEOSGeom_createLinearRing_r(context, sequence(geometry))
        case Int32(GEOS_POLYGON.rawValue):
            let shell = GEOSGeom_createLinearRing_r(context, sequence(GEOSGetExteriorRing_r(context, geometry)))
            var holes: [OpaquePointer?] = (0..<GEOSGetNumInteriorRings_r(context, geometry)).map { index in
                GEOSGeom_createLinearRing_r(context, sequence(GEOSGetInteriorRingN_r(context, geometry, index)))
            }
            return GEOSGeom_createPolygon_r(context, shell, &holes, UInt32(holes.count))
        default:
            var members: [OpaquePointer?] = (0..<GEOSGetNumGeometries_r(context, geometry)).map { index in
                rebuild(GEOSGetGeometryN_r(context, geometry, index), from: flat, offset: &offset, context)
            }
            return GEOSGeom_createCollection_r(context, type, &members, UInt32(members.count))
        }
    }
}
