/// Joins polygons cut apart by the lines of a `Grid` back into whole ones: the polygons that share
/// an edge on a line between two tiles make one polygon, found by dropping those edges and
/// linking what is left of the rings end to start. No overlay, and no more work than reading the
/// rings once.
///
/// Fails (nil) where the cut edges do not match, which an overlay that moved a vertex would cause:
/// an edge on a line between tiles without its twin on the other side, or a polygon that comes
/// within a millimetre of such a line without lying on it.
struct SeamJoin {
    /// Every polygon, and its rings as plain coordinates where it lies on a line between tiles.
    private let polygons: [Geometry]
    private let cut: [Int: CutPolygon]
    private let groups: OverlapGroups

    /// A polygon's rings, each exterior ring counter-clockwise and each hole clockwise, so that
    /// the two sides of a line between tiles run it in opposite directions; and that line's edges.
    private struct CutPolygon {
        var xy: [Double]
        var rings: [(range: Range<Int>, isExterior: Bool)]
        /// Where each of the polygon's tile's sides lies, where it is a line between tiles.
        let seams: (left: Double?, right: Double?, bottom: Double?, top: Double?)

        func isSeam(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Bool {
            (ax == bx && (ax == seams.left || ax == seams.right)) || (ay == by && (ay == seams.bottom || ay == seams.top))
        }
    }

    /// An edge, its ends in order, so that both directions compare alike.
    private struct Edge: Hashable {
        let x0, y0, x1, y1: Double
        init(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) {
            (x0, y0, x1, y1) = (ax, ay) < (bx, by) ? (ax, ay, bx, by) : (bx, by, ax, ay)
        }
    }

    private struct Point: Hashable {
        let x, y: Double
    }

    /// `polygons[i]` are the dissolved pieces of `tiles[i]`.
    init?(tiles: [Grid.Tile], polygons perTile: [[Geometry]], grid: Grid) {
        let tolerance = 1e-3
        var polygons: [Geometry] = []
        var cut: [Int: CutPolygon] = [:]
        var unpaired: [Edge: Int] = [:]
        var pairs: [(Int, Int)] = []
        for (tile, tilePolygons) in zip(tiles, perTile) {
            let box = tile.box
            // Only lines between two tiles are seams; the grid's outer edge joins nothing.
            let seams = (left: tile.column > grid.columns.lowerBound ? box.minX : nil,
                         right: tile.column < grid.columns.upperBound ? box.maxX : nil,
                         bottom: tile.row > grid.rows.lowerBound ? box.minY : nil,
                         top: tile.row < grid.rows.upperBound ? box.maxY : nil)
            for polygon in tilePolygons {
                let id = polygons.count
                polygons.append(polygon)
                guard let envelope = polygon.envelope else { continue }
                var atSeam = false
                for case let (seam?, side) in [(seams.left, envelope.minX), (seams.right, envelope.maxX),
                                               (seams.bottom, envelope.minY), (seams.top, envelope.maxY)]
                where abs(seam - side) <= tolerance {
                    guard seam == side else { return nil }
                    atSeam = true
                }
                guard atSeam else { continue }
                var piece = CutPolygon(xy: polygon.coordinates, rings: [], seams: seams)
                var offset = 0
                polygon.visitRings { isExterior, size in
                    let ring = offset..<(offset + 2 * size)
                    Geometry.orient(&piece.xy, ring, counterClockwise: isExterior)
                    piece.rings.append((ring, isExterior))
                    for start in stride(from: ring.lowerBound, to: ring.upperBound - 2, by: 2) {
                        let (ax, ay, bx, by) = (piece.xy[start], piece.xy[start + 1], piece.xy[start + 2], piece.xy[start + 3])
                        guard piece.isSeam(ax, ay, bx, by) else { continue }
                        let edge = Edge(ax, ay, bx, by)
                        if let twin = unpaired.removeValue(forKey: edge) { pairs.append((twin, id)) } else { unpaired[edge] = id }
                    }
                    offset += 2 * size
                }
                cut[id] = piece
            }
        }
        guard unpaired.isEmpty else { return nil }
        self.polygons = polygons
        self.cut = cut
        groups = OverlapGroups(count: polygons.count, joining: pairs)
    }

    /// Every polygon of the union, each group joined on every core; nil where the rings of a
    /// group touch where they meet, which linking end to start cannot settle.
    func joined() throws -> [Geometry]? {
        let joined = try Array(groups.indices).parallelMap { group -> Geometry? in
            let members = groups[group]
            guard members.count > 1 else { return polygons[members.first!] }
            return try stitched(members.map { cut[$0]! })
        }
        return joined.contains { $0 == nil } ? nil : joined.map { $0! }
    }

    /// One polygon from pieces that share edges on lines between tiles: those edges dropped, and
    /// the stretches of ring left between them linked, each to the one that starts where it ends.
    private func stitched(_ pieces: [CutPolygon]) throws -> Geometry? {
        var whole: [[Double]] = []
        var stretches: [[Double]] = []
        var startingAt: [Point: Int] = [:]
        for piece in pieces {
            for ring in piece.rings {
                let xy = piece.xy[ring.range]
                let base = xy.startIndex, edges = xy.count / 2 - 1
                func isSeam(_ edge: Int) -> Bool {
                    piece.isSeam(xy[base + 2 * edge], xy[base + 2 * edge + 1], xy[base + 2 * edge + 2], xy[base + 2 * edge + 3])
                }
                guard let firstSeam = (0..<edges).first(where: isSeam) else {
                    whole.append(Array(xy))
                    continue
                }
                // Walk the ring once from just after a seam edge, cutting it at every seam edge.
                var stretch: [Double] = []
                for step in 1...edges {
                    let edge = (firstSeam + step) % edges
                    if stretch.isEmpty { stretch = [xy[base + 2 * edge], xy[base + 2 * edge + 1]] }
                    if isSeam(edge) {
                        if stretch.count >= 4 {
                            let start = Point(x: stretch[0], y: stretch[1])
                            guard startingAt.updateValue(stretches.count, forKey: start) == nil else { return nil }
                            stretches.append(stretch)
                        }
                        stretch = []
                    } else {
                        stretch.append(xy[base + 2 * edge + 2])
                        stretch.append(xy[base + 2 * edge + 3])
                    }
                }
            }
        }
        var used = [Bool](repeating: false, count: stretches.count)
        for first in stretches.indices where !used[first] {
            var ring = stretches[first]
            used[first] = true
            while true {
                guard let next = startingAt[Point(x: ring[ring.count - 2], y: ring[ring.count - 1])] else { return nil }
                if next == first { break }
                guard !used[next] else { return nil }
                used[next] = true
                ring.append(contentsOf: stretches[next].dropFirst(2))
            }
            whole.append(ring)
        }
        // Joined pieces make one polygon: one counter-clockwise ring, the rest its holes.
        let exteriors = whole.indices.filter { Geometry.signedArea(whole[$0][...]) > 0 }
        guard exteriors.count == 1 else { return nil }
        let shell = exteriors[0]
        return try Geometry.polygonal([(true, whole[shell])] + whole.indices.filter { $0 != shell }.map { (false, whole[$0]) })
    }
}
