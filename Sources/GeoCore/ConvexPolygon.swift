import Foundation

/// A polygon without holes whose every corner turns the same way and whose outline goes round
/// once: a city block, mostly. Such a polygon is valid by construction, and how much of another
/// polygon lies inside it is measured without an overlay: clipping the other's rings by its edges,
/// one half-plane at a time (Sutherland–Hodgman), leaves rings whose area is exactly the part
/// inside (the clipped ring may run back along the boundary, which adds no area).
public struct ConvexPolygon: Sendable {
    /// Corners counter-clockwise, relative to `origin`, x and y interleaved, not closed.
    private let corners: [Double]
    /// The first corner: coordinates are taken relative to it, so that products of projected
    /// coordinates in the millions do not cancel away the digits of a block's area.
    private let origin: (x: Double, y: Double)

    /// Nil unless `geometry` is one polygon without holes, of positive area, whose corners all
    /// turn clearly the same way (a corner flatter than one part in a billion leaves the
    /// judgement to GEOS) and whose outline goes round exactly once.
    public init?(_ geometry: Geometry) {
        guard geometry.kind == .polygon else { return nil }
        var rings = 0
        geometry.visitRings { _, _ in rings += 1 }
        guard rings == 1 else { return nil }
        let xy = geometry.coordinates
        guard xy.count >= 8, xy.allSatisfy(\.isFinite) else { return nil }
        let origin = (x: xy[0], y: xy[1])
        // The ring without its closing point and without repeated points.
        var corners: [Double] = []
        corners.reserveCapacity(xy.count - 2)
        for index in stride(from: 0, to: xy.count - 2, by: 2) {
            let (x, y) = (xy[index] - origin.x, xy[index + 1] - origin.y)
            if corners.count >= 2, corners[corners.count - 2] == x, corners[corners.count - 1] == y { continue }
            corners += [x, y]
        }
        let count = corners.count / 2
        guard count >= 3 else { return nil }
        var turning = 0.0, side = 0.0
        for index in 0..<count {
            let (ax, ay) = (corners[2 * index], corners[2 * index + 1])
            let (bx, by) = (corners[2 * ((index + 1) % count)], corners[2 * ((index + 1) % count) + 1])
            let (cx, cy) = (corners[2 * ((index + 2) % count)], corners[2 * ((index + 2) % count) + 1])
            let (ux, uy, vx, vy) = (bx - ax, by - ay, cx - bx, cy - by)
            let cross = ux * vy - uy * vx
            guard abs(cross) > 1e-9 * (ux * ux + uy * uy).squareRoot() * (vx * vx + vy * vy).squareRoot(),
                  side == 0 || (cross > 0) == (side > 0) else { return nil }
            side = cross
            turning += atan2(cross, ux * vx + uy * vy)
        }
        // Once round is 2π; a star whose points all turn one way goes round twice or more.
        guard abs(abs(turning) - 2 * Double.pi) < 1e-6 else { return nil }
        if side < 0 {
            // Clockwise: the same corners the other way round.
            corners = stride(from: corners.count - 2, through: 0, by: -2).flatMap { [corners[$0], corners[$0 + 1]] }
        }
        self.corners = corners
        self.origin = origin
    }

    /// The area of the part of `polygons` inside this polygon.
    public func areaInside(_ polygons: PolygonRings) -> Double {
        var area = 0.0
        for ring in polygons.rings {
            let clipped = clip(polygons.xy[ring.range])
            area += ring.isExterior ? abs(clipped) : -abs(clipped)
        }
        return area
    }

    /// The signed area of a closed ring (x, y interleaved, the last point repeating the first)
    /// clipped to this polygon.
    private func clip(_ ring: ArraySlice<Double>) -> Double {
        var points: [Double] = []
        points.reserveCapacity(ring.count)
        for index in stride(from: ring.startIndex, to: ring.endIndex - 2, by: 2) {
            points += [ring[index] - origin.x, ring[index + 1] - origin.y]
        }
        var clipped: [Double] = []
        let count = corners.count / 2
        for edge in 0..<count where !points.isEmpty {
            let (ax, ay) = (corners[2 * edge], corners[2 * edge + 1])
            let (dx, dy) = (corners[2 * ((edge + 1) % count)] - ax, corners[2 * ((edge + 1) % count) + 1] - ay)
            // Positive on the inner (left) side of the edge.
            func side(_ index: Int) -> Double { dx * (points[index + 1] - ay) - dy * (points[index] - ax) }
            clipped.removeAll(keepingCapacity: true)
            var previous = points.count - 2, previousSide = side(previous)
            for current in stride(from: 0, to: points.count, by: 2) {
                let currentSide = side(current)
                if (currentSide >= 0) != (previousSide >= 0) {
                    let t = previousSide / (previousSide - currentSide)
                    clipped += [points[previous] + t * (points[current] - points[previous]),
                                points[previous + 1] + t * (points[current + 1] - points[previous + 1])]
                }
                if currentSide >= 0 { clipped += [points[current], points[current + 1]] }
                (previous, previousSide) = (current, currentSide)
            }
            swap(&points, &clipped)
        }
        return Geometry.signedArea((points + points.prefix(2))[...])  // closed again
    }
}

/// A polygonal geometry's rings as plain coordinates, to be measured many times over.
public struct PolygonRings: Sendable {
    /// Every ring's vertices, x and y interleaved, each ring closed.
    let xy: [Double]
    let rings: [(range: Range<Int>, isExterior: Bool)]

    public init(_ geometry: Geometry) {
        xy = geometry.coordinates
        var rings: [(range: Range<Int>, isExterior: Bool)] = []
        var offset = 0
        geometry.visitRings { isExterior, size in
            rings.append((offset..<(offset + 2 * size), isExterior))
            offset += 2 * size
        }
        self.rings = rings
    }
}
