import CGEOS

/// A geometry indexed for repeated predicate tests against many others.
///
/// GEOS builds the index lazily and not thread-safely: prepare a geometry on the thread that
/// tests it.
public final class PreparedGeometry {
    public let geometry: Geometry
    private let handle: OpaquePointer

    public init(_ geometry: Geometry) throws {
        let context = GEOSContext.current
        context.clearError()
        guard let handle = GEOSPrepare_r(context.handle, geometry.handle) else { throw context.error("prepare") }
        self.geometry = geometry
        self.handle = handle
    }

    deinit { GEOSPreparedGeom_destroy_r(GEOSContext.current.handle, handle) }

    public func contains(_ other: Geometry) -> Bool { test(other, GEOSPreparedContains_r) }
    public func covers(_ other: Geometry) -> Bool { test(other, GEOSPreparedCovers_r) }
    public func intersects(_ other: Geometry) -> Bool { test(other, GEOSPreparedIntersects_r) }
    public func within(_ other: Geometry) -> Bool { test(other, GEOSPreparedWithin_r) }

    private typealias Predicate = (GEOSContextHandle_t?, OpaquePointer?, OpaquePointer?) -> CChar

    private func test(_ other: Geometry, _ predicate: Predicate) -> Bool {
        predicate(GEOSContext.current.handle, handle, other.handle) == 1
    }
}
