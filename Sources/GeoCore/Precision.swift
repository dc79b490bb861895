import CGEOS

extension Geometry {
    /// The geometry snapped to a grid of `gridSize`, kept valid: parts narrower than the grid
    /// collapse and are dropped. What a format that rounds coordinates needs first, so that the
    /// rounded geometry is still a valid one.
    public func snapped(toGrid gridSize: Double) throws -> Geometry {
        try snapped(toGrid: gridSize, coordinates: nil)
    }

    /// The geometry moved by `transformer`, then snapped: the same as `transform` and then
    /// `snapped(toGrid:)`, but a polygon's vertices are rounded while they are out of GEOS for the
    /// move, saving a GEOS build of the moved geometry wherever rounding keeps it valid.
    public func snapped(toGrid gridSize: Double, movedBy transformer: Transformer) throws -> Geometry {
        guard kind.isPolygonal else { return try transformer.transform(self).snapped(toGrid: gridSize) }
        return try snapped(toGrid: gridSize, coordinates: transformer.transformedCoordinates(of: self))
    }

    /// Snapped, from `moved` (this geometry's coordinates moved elsewhere) where given.
    private func snapped(toGrid gridSize: Double, coordinates moved: [Double]?) throws -> Geometry {
        let valid = try validOnGrid(gridSize, coordinates: moved)
        guard valid.kind.isPolygonal else { return valid }
        // A sliver rounded flat is still "valid" to GEOS, with no area and no orientation: drop
        // the polygons narrower than the grid (twice the area over the perimeter).
        let kept = valid.polygons.filter { 2 * $0.area / max($0.length, .leastNonzeroMagnitude) >= gridSize }
        return kept.count == valid.polygons.count ? valid : try Geometry.multiPolygon(kept)
    }

    private func validOnGrid(_ gridSize: Double, coordinates moved: [Double]? = nil) throws -> Geometry {
        // Rounding vertex by vertex is cheap and almost always stays valid; only where it does
        // not is the topology-preserving reduction (an overlay) worth its cost.
        let rounded = try kind.isPolygonal ? roundedRings(moved ?? coordinates, toGrid: gridSize) : rounded(toGrid: gridSize)
        // A convex outline is valid by construction, and far cheaper to recognise (most blocks).
        if ConvexPolygon(rounded) != nil || rounded.isValid { return rounded }
        // The reduction works on the moved geometry, which is built for it.
        if let moved { return try moved.withUnsafeBufferPointer { try replacingCoordinates($0) }.validOnGrid(gridSize) }
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

    /// A polygonal geometry rounded vertex by vertex, as `rounded` does, straight from its
    /// coordinates `flat` (or those moved elsewhere); the vertices rounding makes repeat are
    /// dropped, and so is the tip of every spike narrower than the grid (an overlay leaves some
    /// where two edges nearly coincide). A ring with fewer than three vertices left is dropped,
    /// with its holes if it is an exterior. Exterior rings come out counter-clockwise, holes
    /// clockwise.
    func roundedRings(_ flat: [Double], toGrid gridSize: Double) throws -> Geometry {
        let scale = 1 / gridSize
        // GEOS's rounding (half up), so that both ways round a vertex alike.
        func round(_ value: Double) -> Double {
            let nearest = (value * scale).rounded()
            return (nearest - value * scale == -0.5 ? nearest + 1 : nearest) / scale
        }
        var rings: [(isExterior: Bool, xy: [Double])] = []
        var offset = 0
        var dropHoles = false
        visitRings { isExterior, size in
            defer { offset += 2 * size }
            var kept: [Double] = []
            kept.reserveCapacity(2 * size)
            func same(_ a: Int, _ b: Int) -> Bool { kept[2 * a] == kept[2 * b] && kept[2 * a + 1] == kept[2 * b + 1] }
            // Whether the ring turns back at `b` to within the grid of the line it came along.
            func isTip(_ a: Int, _ b: Int, _ c: Int) -> Bool {
                if same(a, c) { return true }
                let (ux, uy) = (kept[2 * b] - kept[2 * a], kept[2 * b + 1] - kept[2 * a + 1])
                let (vx, vy) = (kept[2 * c] - kept[2 * b], kept[2 * c + 1] - kept[2 * b + 1])
                guard ux * vx + uy * vy < 0 else { return false }
                return abs(ux * vy - uy * vx) <= gridSize * Swift.max((ux * ux + uy * uy).squareRoot(), (vx * vx + vy * vy).squareRoot())
            }
            for vertex in 0..<(size - 1) {
                kept.append(round(flat[offset + 2 * vertex]))
                kept.append(round(flat[offset + 2 * vertex + 1]))
                while true {
                    let last = kept.count / 2 - 1
                    if last >= 1, same(last, last - 1) {
                        kept.removeLast(2)
                    } else if last >= 2, isTip(last - 2, last - 1, last) {
                        kept.removeSubrange((2 * last - 2)..<(2 * last))
                    } else {
                        break
                    }
                }
            }
            // The same where the ring closes: a repeat, or a spike whose tip is its last or first vertex.
            while kept.count >= 6 {
                let last = kept.count / 2 - 1
                if same(0, last) || isTip(last - 1, last, 0) {
                    kept.removeLast(2)
                } else if isTip(last, 0, 1) {
                    kept.removeFirst(2)
                } else {
                    break
                }
            }
            guard kept.count >= 6, !(isExterior == false && dropHoles) else {
                if isExterior { dropHoles = true }
                return
            }
            if isExterior { dropHoles = false }
            kept.append(kept[0])
            kept.append(kept[1])
            // Turned as output wants them (`orientedCounterClockwise`), while they are at hand.
            Geometry.orient(&kept, kept.indices, counterClockwise: isExterior)
            rings.append((isExterior, kept))
        }
        // A multi-polygon of one comes out a polygon, as from GEOS's rounding.
        return try Geometry.polygonal(rings)
    }

    private func rounded(toGrid gridSize: Double) throws -> Geometry {
        try Geometry.make("precision reduction") {
            GEOSGeom_setPrecision_r($0, handle, gridSize, Int32(GEOS_PREC_NO_TOPO.rawValue))
        }
    }
}
