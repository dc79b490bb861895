import GeoCore

/// The green-space indicators of every built-up area and county, from geometries in one metric CRS.
///
/// Every area is clipped to the built-up area it is reported for and dissolved first, so land
/// covered by two layers (a park and a green space that overlap, two tree crowns) counts once.
public struct GreenIndicators: Sendable {
    public struct BuiltUpArea: Sendable {
        public var name: String
        public var district: String?
        public var geometry: Geometry
        public var population: Double?
        public var centralCity: Bool
        public var historicShare: Double

        public init(name: String, district: String?, geometry: Geometry, population: Double?,
                    centralCity: Bool = false, historicShare: Double = 0) {
            self.name = name
            self.district = district
            self.geometry = geometry
            self.population = population
            self.centralCity = centralCity
            self.historicShare = historicShare
        }
    }

    public struct Park: Sendable {
        public var geometry: Geometry
        /// G11 综合公园, G12 社区公园, G13 专类公园, G14 游园.
        public var parkClass: String?
        /// The real-world date it opened ("2017-05-01"); nil when unknown (taken as always open).
        public var opened: String?

        public init(geometry: Geometry, parkClass: String?, opened: String? = nil) {
            self.geometry = geometry
            self.parkClass = parkClass
            self.opened = opened
        }
    }

    public struct GreenSpace: Sendable {
        public var geometry: Geometry
        /// The real-world date it was built ("2018-03-01"); nil when unknown (taken as always there).
        public var opened: String?

        public init(geometry: Geometry, opened: String? = nil) {
            self.geometry = geometry
            self.opened = opened
        }
    }

    public var areas: [BuiltUpArea]
    public var parks: [Park]
    /// Green spaces that count toward the green-space ratio (G2, G3, XG; not EG).
    public var countedGreenSpaces: [GreenSpace]
    /// Vegetation cover; empty when the layer holds nothing, and green coverage cannot be computed.
    public var canopy: [Geometry]
    public var residential: [Geometry]
    /// County names by administrative code, where known.
    public var districtNames: [String: String]

    public init(areas: [BuiltUpArea], parks: [Park], countedGreenSpaces: [GreenSpace], canopy: [Geometry],
                residential: [Geometry], districtNames: [String: String] = [:]) {
        self.areas = areas
        self.parks = parks
        self.countedGreenSpaces = countedGreenSpaces
        self.canopy = canopy
        self.residential = residential
        self.districtNames = districtNames
    }

    /// The parks and green spaces open on `date` (YYYY-MM-DD): opened then or before, or undated.
    public func open(on date: String) -> GreenIndicators {
        func isOpen(_ opened: String?) -> Bool { opened.map { $0 <= date } ?? true }
        var copy = self
        copy.parks = parks.filter { isOpen($0.opened) }
        copy.countedGreenSpaces = countedGreenSpaces.filter { isOpen($0.opened) }
        return copy
    }

    /// The parks and green spaces open at the end of `year`.
    public func asAtEndOf(_ year: Int) -> GreenIndicators { open(on: "\(year)-12-31") }

    /// The measured areas of each built-up area, then of each county (the built-up areas with its code).
    /// Without coverage rules park coverage is not measured: the greening form needs only the land.
    public func measure(coverageRules: CoverageRules?) throws -> [AreaMeasures] {
        let parkGeometries = parks.map(\.geometry)
        let coverage = try coverageRules.map { rules in
            try CoverageAnalysis(parks: parkGeometries, residential: residential,
                                 builtUpAreas: areas.map { .init(name: $0.name, geometry: $0.geometry) },
                                 rules: rules).run(layers: false)
        }
        // A park is counted (公园个数) in the built-up area its point-on-surface lies in: once, however
        // its land is shared out.
        let parkPoints = try parkGeometries.map { try $0.pointOnSurface() }
        let green = parkGeometries + countedGreenSpaces.map(\.geometry)
        let greenIndex = STRtree(green), canopyIndex = STRtree(canopy), parkIndex = STRtree(parkGeometries)
        let measured = try Array(areas.indices).parallelMap { index in
            let area = areas[index]
            let boundary = try PreparedGeometry(area.geometry)
            /// The members of `geometries` near the area, each clipped to it, by their index.
            func clipped(_ geometries: [Geometry], _ index: STRtree) throws -> [(Int, Geometry)] {
                try index.query(area.geometry).compactMap { candidate -> (Int, Geometry)? in
                    let geometry = geometries[candidate]
                    if boundary.contains(geometry) { return (candidate, geometry) }
                    return boundary.intersects(geometry) ? (candidate, try geometry.intersection(area.geometry)) : nil
                }
            }
            func dissolvedArea(_ pieces: [(Int, Geometry)]) throws -> Double {
                pieces.isEmpty ? 0 : try Geometry.union(of: pieces.map(\.1)).area
            }
            // The parks are clipped once and dissolved three times: all of them, G11 and G12.
            let parkPieces = try clipped(parkGeometries, parkIndex)
            func parksOfClass(_ parkClass: String) -> [(Int, Geometry)] { parkPieces.filter { parks[$0.0].parkClass == parkClass } }
            return AreaMeasures(
                name: area.name, district: area.district, isCounty: false, centralCity: area.centralCity,
                historicShare: area.historicShare, landArea: area.geometry.area, population: area.population,
                greenArea: try dissolvedArea(clipped(green, greenIndex)),
                canopyArea: canopy.isEmpty ? nil : try dissolvedArea(clipped(canopy, canopyIndex)),
                parkArea: try dissolvedArea(parkPieces),
                comprehensiveParkArea: try dissolvedArea(parksOfClass("G11")),
                communityParkArea: try dissolvedArea(parksOfClass("G12")),
                parkCount: parkPieces.filter { boundary.contains(parkPoints[$0.0]) }.count,
                residentialArea: coverage?.areas[index].residentialArea ?? 0, coveredArea: coverage?.areas[index].coveredArea ?? 0)
        }
        return measured + counties(measured)
    }

    /// Each county's sums over its built-up areas.
    private func counties(_ measured: [AreaMeasures]) -> [AreaMeasures] {
        let codes = Array(Set(measured.compactMap(\.district))).sorted()
        return codes.map { code in
            let members = measured.filter { $0.district == code }
            func sum(_ value: (AreaMeasures) -> Double?) -> Double? {
                let values = members.map(value)
                return values.contains { $0 == nil } ? nil : values.reduce(0) { $0 + $1! }
            }
            let land = sum(\.landArea)!
            return AreaMeasures(
                name: districtNames[code] ?? code, district: code, isCounty: true,
                centralCity: members.allSatisfy(\.centralCity),
                historicShare: members.map { $0.historicShare * $0.landArea }.reduce(0, +) / land,
                landArea: land, population: sum(\.population), greenArea: sum(\.greenArea)!, canopyArea: sum(\.canopyArea),
                parkArea: sum(\.parkArea)!, comprehensiveParkArea: sum(\.comprehensiveParkArea)!,
                communityParkArea: sum(\.communityParkArea)!, parkCount: members.map(\.parkCount).reduce(0, +),
                residentialArea: sum(\.residentialArea)!,
                coveredArea: sum(\.coveredArea)!)
        }
    }
}

/// What was measured in one built-up area or county, in m² and people, and the indicators that follow.
public struct AreaMeasures: Sendable, Equatable {
    public var name: String
    public var district: String?
    public var isCounty: Bool
    public var centralCity: Bool
    public var historicShare: Double
    public var landArea: Double
    public var population: Double?
    public var greenArea: Double
    public var canopyArea: Double?
    public var parkArea: Double
    public var comprehensiveParkArea: Double
    public var communityParkArea: Double
    /// The parks whose point-on-surface lies in it (公园个数).
    public var parkCount: Int
    public var residentialArea: Double
    public var coveredArea: Double

    /// The indicator's value, or why it cannot be computed.
    public func value(_ indicator: Indicator) -> Result<Double, Unavailable> {
        func perPerson(_ area: Double) -> Result<Double, Unavailable> {
            guard let population, population > 0 else { return .failure(Unavailable(reason: "no population (城区人口) for this area")) }
            return .success(area / population)
        }
        switch indicator {
        case .greenSpaceRatio: return .success(100 * greenArea / landArea)
        case .greenCoverage:
            guard let canopyArea else { return .failure(Unavailable(reason: "the canopy layer is empty: green coverage cannot be computed")) }
            return .success(100 * canopyArea / landArea)
        case .parkAreaPerPerson: return perPerson(parkArea)
        case .comprehensiveParkPerPerson: return perPerson(comprehensiveParkArea)
        case .communityParkPerPerson: return perPerson(communityParkArea)
        case .parkCoverage:
            guard residentialArea > 0 else { return .failure(Unavailable(reason: "no residential land in this area")) }
            return .success(100 * coveredArea / residentialArea)
        }
    }

    public struct Unavailable: Error, Sendable, Equatable {
        public let reason: String
    }
}
