import CGEOS

/// A GEOS geometry, owned by this object and freed when it goes.
///
/// Geometries are immutable once made: every operation returns a new one. GEOS reads a geometry
/// from several threads at once safely, each through its own context, once its envelope is
/// cached (done on creation), so a `Geometry` may be shared across threads (as shapely does).
public final class Geometry: @unchecked Sendable {
    let handle: OpaquePointer

    init(taking handle: OpaquePointer) {
        self.handle = handle
        // GEOS computes a collection's envelope on first use and caches it, unguarded: were two
        // threads to ask at once, one could read it half-written. Computed here, before the
        // geometry can be shared, it is only ever read.
        var unused = 0.0
        GEOSGeom_getXMin_r(GEOSContext.current.handle, handle, &unused)
    }

    deinit { GEOSGeom_destroy_r(GEOSContext.current.handle, handle) }

    /// Runs a GEOS call that returns a new geometry, turning a null result into GEOS's error.
    static func make(_ operation: String, _ call: (GEOSContextHandle_t) -> OpaquePointer?) throws -> Geometry {
        let context = GEOSContext.current
        context.clearError()
        guard let result = call(context.handle) else { throw context.error(operation) }
        return Geometry(taking: result)
    }

    public enum Kind: Int32, Sendable, CustomStringConvertible {
        case point = 0, lineString, linearRing, polygon, multiPoint, multiLineString, multiPolygon, collection

        public var description: String {
            switch self {
            case .point: "Point"
            case .lineString: "LineString"
            case .linearRing: "LinearRing"
            case .polygon: "Polygon"
            case .multiPoint: "MultiPoint"
            case .multiLineString: "MultiLineString"
            case .multiPolygon: "MultiPolygon"
            case .collection: "GeometryCollection"
            }
        }

        public var isPolygonal: Bool { self == .polygon || self == .multiPolygon }
    }

    public var kind: Kind {
        Kind(rawValue: GEOSGeomTypeId_r(GEOSContext.current.handle, handle)) ?? .collection
    }

    public var isEmpty: Bool { GEOSisEmpty_r(GEOSContext.current.handle, handle) == 1 }

    /// Planar area in the units of the coordinates, squared.
    public var area: Double {
        var value = 0.0
        GEOSArea_r(GEOSContext.current.handle, handle, &value)
        return value
    }

    /// Length of lines, or perimeter of polygons, in the units of the coordinates.
    public var length: Double {
        var value = 0.0
        GEOSLength_r(GEOSContext.current.handle, handle, &value)
        return value
    }

    /// The bounding box, or nil for an empty geometry.
    public var envelope: Envelope? {
        if isEmpty { return nil }
        let context = GEOSContext.current.handle
        var box = Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)
        GEOSGeom_getXMin_r(context, handle, &box.minX)
        GEOSGeom_getYMin_r(context, handle, &box.minY)
        GEOSGeom_getXMax_r(context, handle, &box.maxX)
        GEOSGeom_getYMax_r(context, handle, &box.maxY)
        return box
    }

    /// The members of a multi-geometry or collection, or the geometry itself when it is single.
    public var parts: [Geometry] {
        let context = GEOSContext.current.handle
        switch kind {
        case .multiPoint, .multiLineString, .multiPolygon, .collection:
            return (0..<GEOSGetNumGeometries_r(context, handle)).map { index in
                Geometry(taking: GEOSGeom_clone_r(context, GEOSGetGeometryN_r(context, handle, index)))
            }
        default:
            return [self]
        }
    }

    /// A multi-polygon made of the polygonal members of `geometries` (nested collections flattened).
    public static func multiPolygon(_ geometries: [Geometry]) throws -> Geometry {
        let polygons = geometries.flatMap { $0.polygons }
        return try collect(polygons, as: Kind.multiPolygon, "multi-polygon")
    }

    /// A geometry collection of `geometries` (copied).
    public static func collection(_ geometries: [Geometry]) throws -> Geometry {
        try collect(geometries, as: Kind.collection, "collection")
    }

    private static func collect(_ members: [Geometry], as kind: Kind, _ name: String) throws -> Geometry {
        try make(name) { context in
            var clones: [OpaquePointer?] = members.map { GEOSGeom_clone_r(context, $0.handle) }
            return GEOSGeom_createCollection_r(context, kind.rawValue, &clones, UInt32(clones.count))
        }
    }

    /// The single polygons this geometry is made of, at any depth; lines and points are left out.
    public var polygons: [Geometry] {
        switch kind {
        case .polygon: [self]
        case .multiPolygon, .collection: parts.flatMap { $0.polygons }
        default: []
        }
    }
}

