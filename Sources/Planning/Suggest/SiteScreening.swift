import GeoCore

/// Which candidates could become a park that counts, and why the others cannot: each site's
/// footprint, its radius by the coverage rules, and its buffer.
struct SiteScreening {
    struct Site {
        /// Index into the candidates.
        let candidate: Int
        let footprint: Geometry
        let area: Double
        let radius: Double
        let buffer: Geometry
    }

    let sites: [Site]
    /// Candidate index and reason, in candidate order.
    let exclusions: [(candidate: Int, reason: Exclusion)]

    /// `parks` are the counted parks only, with `parkLabels` naming each; `classes` empty: every class.
    init(candidates: [Candidate], parks: [Geometry], parkLabels: [String], builtUpAreas: [Geometry],
         rules: CoverageRules, style: BufferStyle, minimumArea: Double, classes: Set<String>) throws {
        let smallest = rules.rules.map(\.minimumArea).min() ?? 0
        let parkIndex = STRtree(parks)
        let results = try Array(candidates.indices).parallelMap(
            state: { try builtUpAreas.map { try PreparedGeometry($0) } }
        ) { areas, index -> Result<Site, Exclusion> in
            let candidate = candidates[index]
            guard let footprint = candidate.geometry, footprint.kind.isPolygonal, !footprint.isEmpty else {
                return .failure(.pointWithoutFootprint)
            }
            // A class filter leaves alone the candidates whose layer has no classes (urban villages).
            if !classes.isEmpty, !candidate.siteClass.isEmpty, !classes.contains(candidate.siteClass) {
                return .failure(.classNotAsked(candidate.siteClass))
            }
            let area = footprint.area
            if area < minimumArea { return .failure(.belowMinimumArea(area: area, minimum: minimumArea)) }
            guard let radius = rules.radius(forParkArea: area) else { return .failure(.tooSmall(area: area, smallest: smallest)) }
            if let park = parkIndex.query(footprint).first(where: { footprint.interiorsIntersect(parks[$0]) }) {
                return .failure(.alreadyAPark(parkLabels[park]))
            }
            if !areas.isEmpty, !areas.contains(where: { $0.intersects(footprint) }) {
                return .failure(.outsideBuiltUpAreas)
            }
            return .success(Site(candidate: index, footprint: footprint, area: area, radius: radius,
                                 buffer: try footprint.buffer(radius, style: style)))
        }
        sites = results.compactMap { try? $0.get() }
        exclusions = results.enumerated().compactMap { index, result in
            if case let .failure(reason) = result { return (index, reason) }
            return nil
        }
    }

    /// For each site, the other sites whose footprints overlap it: only one of them can be chosen.
    func conflicts() throws -> [[Int]] {
        let footprints = sites.map(\.footprint)
        let index = STRtree(footprints)
        return try Array(sites.indices).parallelMap { site in
            index.query(footprints[site]).filter { $0 != site && footprints[site].interiorsIntersect(footprints[$0]) }
        }
    }
}
