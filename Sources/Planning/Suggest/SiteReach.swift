import GeoCore

/// What each candidate site, as a park, would bring within reach of uncovered residential land,
/// and how much of that is still new once other sites are chosen.
///
/// Each site's buffer is clipped against the uncovered land once; a marginal gain then only
/// subtracts the buffers of chosen sites that reach the same land, so re-evaluating a site after
/// a pick touches a handful of small polygons.
struct SiteReach: Sendable {
    struct Piece {
        let area: Int
        let geometry: Geometry
        let density: Double
        let size: Double
    }

    let buffers: [Geometry]
    private let envelopes: [Envelope]
    /// Per site, the uncovered land inside its buffer.
    let pieces: [[Piece]]
    let areaCount: Int

    init(buffers: [Geometry], demand: UncoveredDemand, areaCount: Int) throws {
        self.buffers = buffers
        self.areaCount = areaCount
        envelopes = buffers.map { $0.envelope! }
        let units = demand.units
        let index = STRtree(units.map(\.geometry))
        pieces = try buffers.parallelMap { buffer in
            let prepared = try PreparedGeometry(buffer)
            return try index.query(buffer).compactMap { u -> Piece? in
                let unit = units[u]
                guard prepared.intersects(unit.geometry) else { return nil }
                let inside = prepared.contains(unit.geometry)
                    ? unit.geometry : try Geometry.multiPolygon([unit.geometry.intersection(buffer)])
                let size = inside.area
                return size > 0 ? Piece(area: unit.area, geometry: inside, density: unit.density, size: size) : nil
            }
        }
    }

    /// The sites whose buffers' envelopes meet each site's: the only ones whose choice can change
    /// its gain. `index` holds the same buffers, in order.
    func neighbours(using index: STRtree) -> [[Int]] {
        buffers.indices.map { site in index.query(envelopes[site]).filter { $0 != site } }
    }

    /// The worth `site` newly brings within reach when `chosen` are parks already, per built-up area.
    func gain(of site: Int, after chosen: [Int]) throws -> [Double] {
        var gains = [Double](repeating: 0, count: areaCount)
        let near = chosen.filter { $0 != site && envelopes[$0].intersects(envelopes[site]) }
        let mask = near.isEmpty ? nil : try PreparedGeometry(Geometry.union(of: near.map { buffers[$0] }))
        for piece in pieces[site] {
            var size = piece.size
            if let mask, mask.intersects(piece.geometry) {
                size = mask.contains(piece.geometry) ? 0 : try piece.geometry.difference(mask.geometry).area
            }
            gains[piece.area] += piece.density * size
        }
        return gains
    }

    func totalGain(of site: Int, after chosen: [Int]) throws -> Double {
        try gain(of: site, after: chosen).reduce(0, +)
    }
}
