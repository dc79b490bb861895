import CGEOS

extension Geometry {
    /// The geometry snapped to a grid of `gridSize`, kept valid: parts narrower than the grid
    /// collapse and are dropped. What a format that rounds coordinates needs first, so that the
    /// rounded geometry is still a valid one.
    public func snapped(toGrid gridSize: Double) throws -> Geometry {
        let valid = try validOnGrid(gridSize)
        guard valid.kind.isPolygonal else { return valid }
        // A sliver rounded flat is still "valid" to GEOS, with no area and no orientation: drop
        // the polygons narrower than the grid (twice the area over the perimeter).
        let kept = valid.polygons.filter { 2 * $0.area / max($0.length, .leastNonzeroMagnitude) >= gridSize }
        return kept.count == valid.polygons.count ? valid : try Geometry.multiPolygon(kept)
    }

    private func validOnGrid(_ gridSize: Double) throws -> Geometry {
        // Rounding vertex by vertex is cheap and almost always stays valid; only where it does
        // not is the topology-preserving reduction (an overlay) worth its cost.
        let rounded = try rounded(toGrid: gridSize)
        if rounded.isValid { return rounded }
        let context = GEOSContext.current.handle
        if let snapped = GEOSGeom_setPrecision_r(context, handle, gridSize, Int32(GEOS_PREC_VALID_OUTPUT.rawValue)) {
            return Geometry(taking: snapped)
        }
        // GEOS 3.11's topology-preserving reducer gives up on some inputs. Repair and round again
        // until the rounded geometry is valid: a repair adds vertices off the grid, so one round
        // is not always enough.
        var candidate = rounded
        for _ in 0..<8 {
            let repaired = try candidate.makeValid()
            candidate = try (kind.isPolygonal ? Geometry.multiPolygon([repaired]) : repaired).rounded(toGrid: gridSize)
            if candidate.isValid { return candidate }
        }
        throw GeometryError.geos(operation: "precision reduction", message: "no valid form on a grid of \(gridSize)")
    }

    private func rounded(toGrid gridSize: Double) throws -> Geometry {
        try Geometry.make("precision reduction") {
            GEOSGeom_setPrecision_r($0, handle, gridSize, Int32(GEOS_PREC_NO_TOPO.rawValue))
        }
    }
}
