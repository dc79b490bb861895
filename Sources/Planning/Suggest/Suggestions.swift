import GeoCore

/// The sites suggested, ranked, with what each brings within reach, and the candidates left out.
public struct Suggestions: Sendable {
    public struct Pick: Sendable {
        /// Index into `candidates`.
        public let candidate: Int
        public let siteArea: Double
        public let radius: Double
        /// Residential m² newly within reach, after the picks ranked before it.
        public let newlyCovered: Double
        /// The same per built-up area.
        public let newlyCoveredByArea: [Double]
        /// People newly within reach, where the residential land's population is known.
        public let people: Double?
        /// Covered residential m² per built-up area once this and every earlier pick are parks.
        public let coveredAfter: [Double]
        /// The part of its buffer no park or earlier pick reaches.
        public let newServiceArea: Geometry
    }

    public struct Excluded: Sendable {
        public let candidate: Int
        public let reason: Exclusion
    }

    public let candidates: [Candidate]
    /// Coverage per built-up area today.
    public let today: [AreaCoverage]
    public let picks: [Pick]
    /// The candidates the greedy step chose, before exchange.
    public let greedy: [Int]
    /// Whether exchange changed the greedy answer.
    public let exchangeChanged: Bool
    /// Fewer picks than asked for, because no other site adds anything.
    public let stoppedAtZero: Bool
    /// How many candidates could become parks that count.
    public let eligible: Int
    public let excluded: [Excluded]
    public let weight: SuggestAnalysis.Weight
    public let limit: SuggestAnalysis.Limit
    public let rules: CoverageRules

    /// Coverage per built-up area once every pick up to `rank` (0-based) is a park.
    public func coverage(after rank: Int) -> [AreaCoverage] {
        zip(today, picks[rank].coveredAfter).map { AreaCoverage(name: $0.name, residentialArea: $0.residentialArea, coveredArea: $1) }
    }

    /// Residential m² (or people) the picks bring within reach together.
    public var totalNewlyCovered: Double { picks.map(\.newlyCovered).reduce(0, +) }
    public var totalPeople: Double? {
        picks.allSatisfy { $0.people != nil } ? picks.compactMap(\.people).reduce(0, +) : nil
    }
}
