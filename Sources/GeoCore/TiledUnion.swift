import CGEOS

extension Geometry {
    /// The union of all polygonal `geometries`, made tile by tile on a square grid of `tileSide`:
    /// each geometry is cut at the grid lines, each tile's pieces are dissolved on their own, on
    /// every core, and the polygons that meet across a grid line are joined along the edges they
    /// share, with no overlay (`SeamJoin`). The work grows with the number of geometries, where a
    /// dissolve by merges overlays a city's largest polygons again at every level. The result
    /// keeps a vertex where its boundary crosses a grid line.
    ///
    /// Joining along an edge needs both sides of a grid line to carry the same vertices there.
    /// Every geometry therefore gets a vertex wherever it crosses a grid line, computed the same
    /// way whichever tile asks, before it is cut. Should an overlay still move one (GEOS snaps
    /// where floating point fails it), the edges no longer match, and the union is made by
    /// `partitionedUnion` instead.
    public static func tiledUnion(of geometries: [Geometry], tileSide: Double) throws -> Geometry {
        try joinedTiles(of: geometries, tileSide: tileSide) ?? partitionedUnion(of: geometries)
    }

    /// The tiled union, or nil where the tiles' edges on a grid line do not match.
    static func joinedTiles(of geometries: [Geometry], tileSide: Double) throws -> Geometry? {
        let envelopes = geometries.map(\.envelope)
        guard tileSide > 0, let extent = Envelope.union(of: envelopes.compactMap { $0 }) else { return try union(of: geometries) }
        let grid = Grid(covering: extent, side: tileSide)
        let crossed = try geometries.parallelMap { try $0.withVertices(where: grid) }
        let index = STRtree(crossed)
        // Each tile with the geometries whose boxes meet its own, found once.
        let occupied = grid.tiles.map { (tile: $0, members: index.query($0.box)) }.filter { !$0.members.isEmpty }
        let tiles = occupied.map(\.tile)
        let dissolved = try occupied.parallelMap { tile, members in
            let pieces = try members.compactMap { member -> Geometry? in
                guard let envelope = envelopes[member], envelope.intersects(tile.box) else { return nil }
                if tile.box.contains(envelope) { return crossed[member] }
                let piece = try crossed[member].clipped(to: tile.box)
                return piece.isEmpty ? nil : piece
            }
            return try union(of: pieces).polygons
        }
        guard let joined = try SeamJoin(tiles: tiles, polygons: dissolved, grid: grid)?.joined() else { return nil }
        return try multiPolygon(joined)
    }

    /// The same geometry with a vertex wherever an edge crosses a grid line. The crossing is
    /// computed from the edge's lower-left end, so that an edge gets the same vertex whichever
    /// way its ring runs.
    private func withVertices(where grid: Grid) throws -> Geometry {
        guard let envelope, grid.hasLine(within: envelope) else { return self }
        let flat = coordinates
        var rings: [(isExterior: Bool, xy: [Double])] = []
        var offset = 0
        visitRings { isExterior, size in
            rings.append((isExterior, grid.crossings(of: flat[offset..<(offset + 2 * size)])))
            offset += 2 * size
        }
        return try Geometry.polygonal(rings, multi: kind == .multiPolygon)
    }
}

/// Square tiles of `side`, the same grid for every geometry, so that a grid line's coordinate is
/// always computed alike (`line(_:side:)`).
struct Grid: Sendable {
    let side: Double
    let columns: ClosedRange<Int>
    let rows: ClosedRange<Int>

    struct Tile: Sendable {
        let column: Int, row: Int
        let box: Envelope
    }

    init(covering extent: Envelope, side: Double) {
        self.side = side
        func number(ofLineAtOrBelow value: Double) -> Int {
            var k = Int(((value - Grid.line(0, side: side)) / side).rounded(.down))
            while Grid.line(k, side: side) > value { k -= 1 }
            while Grid.line(k + 1, side: side) <= value { k += 1 }
            return k
        }
        columns = number(ofLineAtOrBelow: extent.minX)...number(ofLineAtOrBelow: extent.maxX)
        rows = number(ofLineAtOrBelow: extent.minY)...number(ofLineAtOrBelow: extent.maxY)
    }

    /// The `k`th line, across or up. The lines are shifted off whole multiples of the side by an
    /// irrational fraction of it, so that round coordinates (a drawing's whole metres) seldom lie
    /// on one: an edge along a line has no twin to be joined with.
    static func line(_ k: Int, side: Double) -> Double {
        side * 0.381966011250105 + Double(k) * side
    }

    func line(_ k: Int) -> Double { Grid.line(k, side: side) }

    var tiles: [Tile] {
        columns.flatMap { column in
            rows.map { row in
                Tile(column: column, row: row,
                     box: Envelope(minX: line(column), minY: line(row), maxX: line(column + 1), maxY: line(row + 1)))
            }
        }
    }

    /// Whether a grid line passes strictly inside `envelope`, across or up.
    func hasLine(within envelope: Envelope) -> Bool {
        !lines(strictlyBetween: envelope.minX, envelope.maxX).isEmpty
            || !lines(strictlyBetween: envelope.minY, envelope.maxY).isEmpty
    }

    /// The grid lines strictly between `low` and `high`, by number.
    func lines(strictlyBetween low: Double, _ high: Double) -> [Int] {
        var k = Int(((low - line(0)) / side).rounded(.down))
        while line(k) > low { k -= 1 }
        while line(k) <= low { k += 1 }
        var found: [Int] = []
        while line(k) < high {
            found.append(k)
            k += 1
        }
        return found
    }

    /// A closed ring, x and y interleaved, with a vertex added where each edge crosses a line.
    func crossings(of ring: ArraySlice<Double>) -> [Double] {
        let xy = Array(ring)
        var result: [Double] = []
        result.reserveCapacity(xy.count + 8)
        var cuts: [(t: Double, x: Double, y: Double)] = []
        for start in stride(from: 0, to: xy.count - 2, by: 2) {
            let (ax, ay, bx, by) = (xy[start], xy[start + 1], xy[start + 2], xy[start + 3])
            result.append(ax)
            result.append(ay)
            // The same end whichever way the ring runs, so both tiles compute the same vertex.
            let (px, py, qx, qy) = (ax, ay) < (bx, by) ? (ax, ay, bx, by) : (bx, by, ax, ay)
            cuts.removeAll(keepingCapacity: true)
            for k in lines(strictlyBetween: Swift.min(ax, bx), Swift.max(ax, bx)) {
                let x = line(k)
                cuts.append(((x - ax) / (bx - ax), x, py + (x - px) * (qy - py) / (qx - px)))
            }
            for k in lines(strictlyBetween: Swift.min(ay, by), Swift.max(ay, by)) {
                let y = line(k)
                cuts.append(((y - ay) / (by - ay), px + (y - py) * (qx - px) / (qy - py), y))
            }
            for cut in cuts.sorted(by: { $0.t < $1.t }) {
                result.append(cut.x)
                result.append(cut.y)
            }
        }
        result.append(xy[xy.count - 2])
        result.append(xy[xy.count - 1])
        return result
    }
}
