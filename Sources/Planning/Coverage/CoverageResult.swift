import GeoCore

/// Residential land and the part of it within a park's reach, for one built-up area or in total.
public struct AreaCoverage: Sendable, Equatable, Codable {
    public var name: String
    public var residentialArea: Double
    public var coveredArea: Double

    /// Nil where there is no residential land to cover.
    public var coveragePercent: Double? { residentialArea > 0 ? 100 * coveredArea / residentialArea : nil }

    enum CodingKeys: String, CodingKey {
        case name, residentialArea = "residential_m2", coveredArea = "covered_m2", coveragePercent = "coverage_pct"
    }

    public init(name: String, residentialArea: Double, coveredArea: Double) {
        self.name = name
        self.residentialArea = residentialArea
        self.coveredArea = coveredArea
    }

    /// The areas taken together.
    public static func total(of areas: [AreaCoverage]) -> AreaCoverage {
        AreaCoverage(name: "total", residentialArea: areas.map(\.residentialArea).reduce(0, +),
                     coveredArea: areas.map(\.coveredArea).reduce(0, +))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        residentialArea = try container.decode(Double.self, forKey: .residentialArea)
        coveredArea = try container.decode(Double.self, forKey: .coveredArea)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(residentialArea, forKey: .residentialArea)
        try container.encode(coveredArea, forKey: .coveredArea)
        try container.encode(coveragePercent, forKey: .coveragePercent)
    }
}

/// One residential polygon's own area and the part of it within reach.
public struct PolygonCoverage: Sendable, Equatable {
    public var area: Double
    public var coveredArea: Double
    public var coveredShare: Double { area > 0 ? coveredArea / area : 0 }
}

/// Residential land out of every park's reach, in one built-up area.
public struct UncoveredLand: Sendable {
    public var area: String
    public var geometry: Geometry
}

public struct CoverageResult: Sendable {
    /// One entry per built-up area, in input order.
    public var areas: [AreaCoverage]
    public var eligibleParks: Int
    public var parks: Int
    /// One entry per residential polygon, in input order.
    public var residentialShares: [PolygonCoverage]
    /// The union of every counted park's buffer (when layers were asked for).
    public var serviceArea: Geometry?
    public var uncovered: [UncoveredLand]

    public var total: AreaCoverage { AreaCoverage.total(of: areas) }
}
