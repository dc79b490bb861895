import CGEOS

extension Geometry {
    /// Whether the interiors of the two geometries share area (or length, for lines), not only
    /// boundary points.
    public func interiorsIntersect(_ other: Geometry) -> Bool {
        GEOSRelatePattern_r(GEOSContext.current.handle, handle, other.handle, "T********") == 1
    }
}

extension Geometry {
    /// A point guaranteed to lie inside the geometry (GEOS's point on surface), for telling which
    /// area a feature belongs to.
    public func pointOnSurface() throws -> Geometry {
        try Geometry.make("point on surface") { GEOSPointOnSurface_r($0, handle) }
    }
}
