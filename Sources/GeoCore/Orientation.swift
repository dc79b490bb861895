import CGEOS

extension Geometry {
    /// Polygons with exterior rings counter-clockwise and holes clockwise (RFC 7946's right-hand
    /// rule); other geometries as they are (itself where every ring already turns its way).
    /// Orientation is taken from each ring's signed area.
    public func orientedCounterClockwise() throws -> Geometry {
        if kind == .collection { return try Geometry.collection(parts.map { try $0.orientedCounterClockwise() }) }
        guard kind.isPolygonal else { return self }
        var flat = coordinates
        var offset = 0
        var reversed = false
        visitRings { isExterior, size in
            reversed = Geometry.orient(&flat, offset..<(offset + 2 * size), counterClockwise: isExterior) || reversed
            offset += 2 * size
        }
        return reversed ? try flat.withUnsafeBufferPointer { try replacingCoordinates($0) } : self
    }

    /// Reverses the ring at `range` of `flat` unless it already turns the way asked; whether it did.
    @discardableResult
    static func orient(_ flat: inout [Double], _ range: Range<Int>, counterClockwise: Bool) -> Bool {
        guard (signedArea(flat[range]) > 0) != counterClockwise else { return false }
        reversePairs(&flat, range)
        return true
    }

    /// Shoelace formula over x, y pairs: positive when counter-clockwise.
    static func signedArea(_ xy: ArraySlice<Double>) -> Double {
        let start = xy.startIndex, count = xy.count / 2
        guard count > 2 else { return 0 }
        var sum = 0.0
        for index in 0..<(count - 1) {
            let (x0, y0) = (xy[start + 2 * index], xy[start + 2 * index + 1])
            let (x1, y1) = (xy[start + 2 * index + 2], xy[start + 2 * index + 3])
            sum += x0 * y1 - x1 * y0
        }
        return sum / 2
    }

    static func reversePairs(_ flat: inout [Double], _ range: Range<Int>) {
        var (low, high) = (range.lowerBound, range.upperBound - 2)
        while low < high {
            flat.swapAt(low, high)
            flat.swapAt(low + 1, high + 1)
            low += 2
            high -= 2
        }
    }
}

extension Geometry {
    /// The geometry in GEOS's canonical form (rings oriented and started alike, members sorted), so
    /// that two descriptions of the same shape compare vertex by vertex.
    public func normalized() throws -> Geometry {
        let copy = try Geometry.make("normalize") { GEOSGeom_clone_r($0, handle) }
        let context = GEOSContext.current
        guard GEOSNormalize_r(context.handle, copy.handle) == 0 else { throw context.error("normalize") }
        return copy
    }
}
