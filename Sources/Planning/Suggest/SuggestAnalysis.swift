import GeoCore

/// Which candidate sites, turned into parks, bring the most residential land (or people) within a
/// park's reach: the maximal covering location problem (Church & ReVelle 1974) on exact areas.
///
/// The gain of a site is area(R ∩ buffer(site) − R ∩ service area), R being the dissolved
/// residential land per built-up area as coverage measures it — with `.population`, each m²
/// weighted by its polygon's people per m². Sites are chosen greedily and then improved by
/// exchange (SiteSelection); the chosen ones are ranked in the order each adds most.
public struct SuggestAnalysis {
    public enum Weight: String, Sendable, CaseIterable, Codable {
        case area, population
    }

    public enum Limit: Sendable, Equatable {
        /// At most this many sites.
        case count(Int)
        /// Sites whose areas add up to at most this many m².
        case budget(Double)
    }

    public var candidates: [Candidate]
    /// The current state: parks, residential land, built-up areas, rules.
    public var coverage: CoverageAnalysis
    /// A label per park (its code), for the sites that already are one.
    public var parkLabels: [String]
    /// People per residential polygon, in `coverage.residential` order; nil where unknown.
    public var population: [Double]?
    public var weight: Weight
    public var limit: Limit
    public var minimumArea: Double
    /// Classes a candidate may have; empty for all.
    public var classes: Set<String>

    public init(candidates: [Candidate], coverage: CoverageAnalysis, parkLabels: [String]? = nil,
                population: [Double]? = nil, weight: Weight = .area, limit: Limit = .count(5),
                minimumArea: Double = 0, classes: Set<String> = []) {
        self.candidates = candidates
        self.coverage = coverage
        self.parkLabels = parkLabels ?? coverage.parks.indices.map { "park \($0 + 1)" }
        self.population = population
        self.weight = weight
        self.limit = limit
        self.minimumArea = minimumArea
        self.classes = classes
    }

    public func run() throws -> Suggestions {
        try prepare().solve()
    }

    /// Everything measured, nothing chosen yet.
    func prepare() throws -> Problem {
        if weight == .population, population == nil { throw SuggestError.noPopulation }
        let rules = coverage.rules, style = coverage.bufferStyle
        let service = try ServiceArea(parks: coverage.parks, rules: rules, style: style)
        let counted = coverage.parks.indices.filter { rules.radius(forParkArea: coverage.parks[$0].area) != nil }
        let screening = try SiteScreening(
            candidates: candidates, parks: counted.map { coverage.parks[$0] }, parkLabels: counted.map { parkLabels[$0] },
            builtUpAreas: coverage.builtUpAreas.map(\.geometry), rules: rules, style: style,
            minimumArea: minimumArea, classes: classes)
        let buffers = screening.sites.map(\.buffer)
        let near = STRtree(buffers)
        let areas = coverage.builtUpAreas.map(\.geometry)
        let areaCount = max(1, areas.count)

        // Today's figures per built-up area, as `habitat coverage` gives them, and the land still
        // out of reach near the sites.
        let land = try ResidentialLand(residential: coverage.residential, builtUpAreas: areas)
        let reaches = try CoverageAnalysis.inSpatialOrder(land.pieces.map(\.geometry)) { prepared, index in
            try service.reach(of: land.pieces[index].geometry, keepingUncovered: false, using: prepared)
        }
        let today = CoverageAnalysis.figures(names: coverage.areaNames, pieces: land.pieces, reaches: reaches)
        let landReach = try SiteReach(
            buffers: buffers, demand: UncoveredDemand(land.pieces, service: service, near: near) { _ in 1 },
            areaCount: areaCount)

        // People live in polygons, not in the dissolved land: each polygon's people over its own area.
        var peopleReach: SiteReach?
        if let population {
            let polygons = coverage.residential
            let nearby = polygons.indices.filter { !near.query(polygons[$0]).isEmpty }
            let pieces = try ResidentialLand.clip(nearby.map { polygons[$0] }, to: areas)
            let demand = try UncoveredDemand(pieces, service: service, near: near) { piece in
                let polygon = nearby[piece.group]
                return population[polygon] / polygons[polygon].area
            }
            peopleReach = try SiteReach(buffers: buffers, demand: demand, areaCount: areaCount)
        }
        let objective = weight == .population ? peopleReach! : landReach
        let initial = try Array(buffers.indices).parallelMap { try objective.totalGain(of: $0, after: []) }
        let selection = SiteSelection(
            initial: initial, costs: screening.sites.map(\.area), conflicts: try screening.conflicts(),
            neighbours: objective.neighbours(using: near), limit: limit,
            gain: { try objective.totalGain(of: $0, after: $1) })
        return Problem(analysis: self, screening: screening, service: service, today: today,
                       land: landReach, people: peopleReach, selection: selection)
    }

    /// The sites screened and measured, ready to choose from.
    struct Problem {
        let analysis: SuggestAnalysis
        let screening: SiteScreening
        let service: ServiceArea
        let today: [AreaCoverage]
        let land: SiteReach
        let people: SiteReach?
        let selection: SiteSelection

        func solve() throws -> Suggestions {
            let outcome = try selection.run()
            let ranked = try selection.ranked(outcome.chosen)
            var covered = today.map(\.coveredArea)
            var picks: [Suggestions.Pick] = []
            for (rank, site) in ranked.enumerated() {
                let before = Array(ranked[..<rank])
                let gained = try land.gain(of: site, after: before)
                for area in covered.indices { covered[area] += gained[area] }
                // What the buffer newly reaches: outside today's service area and the earlier picks'.
                let buffer = land.buffers[site]
                var fresh = try service.reach(of: buffer, keepingUncovered: true, using: .init()).uncovered
                let earlier = before.map { land.buffers[$0] }.filter { $0.envelope!.intersects(buffer.envelope!) }
                if let area = fresh, !earlier.isEmpty { fresh = try area.difference(Geometry.union(of: earlier)) }
                let details = screening.sites[site]
                picks.append(Suggestions.Pick(
                    candidate: details.candidate, siteArea: details.area, radius: details.radius,
                    newlyCovered: gained.reduce(0, +), newlyCoveredByArea: gained,
                    people: try people?.totalGain(of: site, after: before),
                    coveredAfter: covered, newServiceArea: try Geometry.multiPolygon(fresh.map { [$0] } ?? [])))
            }
            var exclusions = screening.exclusions
            for site in screening.sites.indices where !ranked.contains(site) {
                if let chosen = selection.conflicts[site].first(where: ranked.contains) {
                    let code = analysis.candidates[screening.sites[chosen].candidate].code
                    exclusions.append((screening.sites[site].candidate, .overlapsChosenSite(code)))
                }
            }
            exclusions.sort { $0.candidate < $1.candidate }
            return Suggestions(
                candidates: analysis.candidates, today: today, picks: picks,
                greedy: outcome.greedy.map { screening.sites[$0].candidate },
                exchangeChanged: Set(outcome.chosen) != Set(outcome.greedy),
                stoppedAtZero: outcome.stoppedAtZero, eligible: screening.sites.count,
                excluded: exclusions.map { Suggestions.Excluded(candidate: $0.candidate, reason: $0.reason) },
                weight: analysis.weight, limit: analysis.limit, rules: analysis.coverage.rules)
        }
    }
}

public enum SuggestError: Error, Equatable, CustomStringConvertible {
    case noPopulation
    public var description: String {
        switch self {
        case .noPopulation: "--weight population needs the residential polygons' population"
        }
    }
}
