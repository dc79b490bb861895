import CGEOS

extension Geometry {
    /// The geometry snapped to a grid of `gridSize`, kept valid: parts narrower than the grid
    /// collapse and are dropped. What a format that rounds coordinates needs first, so that the
    /// rounded geometry is still a valid one.
    public func snapped(toGrid gridSize: Double) throws -> Geometry {
        let context = GEOSContext.current.handle
        if let snapped = GEOSGeom_setPrecision_r(context, handle, gridSize, Int32(GEOS_PREC_VALID_OUTPUT.rawValue)) {
            return Geometry(taking: snapped)
        }
        // GEOS 3.11's topology-preserving reducer gives up on some inputs; round vertex by vertex
        // and repair instead.
        return try Geometry.make("precision reduction") {
            GEOSGeom_setPrecision_r($0, handle, gridSize, Int32(GEOS_PREC_NO_TOPO.rawValue))
        }.makeValid()
    }
}
