import CGEOS

extension Geometry {
    /// Whether the interiors of the two geometries share area (or length, for lines), not only
    /// boundary points.
    public func interiorsIntersect(_ other: Geometry) -> Bool {
        GEOSRelatePattern_r(GEOSContext.current.handle, handle, other.handle, "T********") == 1
    }
}
