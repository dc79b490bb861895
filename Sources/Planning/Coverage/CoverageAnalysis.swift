import GeoCore

/// Park service-radius coverage ("300米见绿，500米见园"), as DESIGN.md defines it, on geometries
/// already in one metric CRS.
///
/// For each built-up area b: R_b = (union of residential polygons) ∩ b, and
/// coverage(b) = area(R_b ∩ service area) / area(R_b), the service area being the union of every
/// counted park buffered by its radius. Overlapping residential polygons are dissolved first, so no
/// land counts twice; areas are summed per built-up area, and the total is their sum.
public struct CoverageAnalysis {
    public struct BuiltUpArea: Sendable {
        public var name: String
        public var geometry: Geometry

        public init(name: String, geometry: Geometry) {
            self.name = name
            self.geometry = geometry
        }
    }

    public var parks: [Geometry]
    public var residential: [Geometry]
    /// Empty: all residential land is one area.
    public var builtUpAreas: [BuiltUpArea]
    public var rules: CoverageRules
    public var bufferStyle: BufferStyle

    /// The name of the single area used when no built-up areas are given.
    public static let allResidentialLand = "all residential land"

    public init(parks: [Geometry], residential: [Geometry], builtUpAreas: [BuiltUpArea] = [],
                rules: CoverageRules = .gbt50563, bufferStyle: BufferStyle = BufferStyle()) {
        self.parks = parks
        self.residential = residential
        self.builtUpAreas = builtUpAreas
        self.rules = rules
        self.bufferStyle = bufferStyle
    }

    /// The built-up areas' names, or the one name all residential land goes by without them.
    var areaNames: [String] { builtUpAreas.isEmpty ? [Self.allResidentialLand] : builtUpAreas.map(\.name) }

    /// Residential and covered m² per area, summed over the pieces of land and their reaches.
    static func figures(names: [String], pieces: [ResidentialLand.Piece], reaches: [ServiceArea.Reach]) -> [AreaCoverage] {
        var figures = names.map { AreaCoverage(name: $0, residentialArea: 0, coveredArea: 0) }
        for (piece, reach) in zip(pieces, reaches) {
            figures[piece.area].residentialArea += reach.area
            figures[piece.area].coveredArea += reach.covered
        }
        return figures
    }

    /// `reach` of each of `geometries` (by index), in input order, measured in spatial order on
    /// every core: each worker then keeps only the prepared buffers near the land it works through.
    static func inSpatialOrder(_ geometries: [Geometry],
                               _ reach: (ServiceArea.PreparedBuffers, Int) throws -> ServiceArea.Reach) throws -> [ServiceArea.Reach] {
        let order = SpatialOrder.of(geometries)
        let measured = try order.parallelMap(state: { ServiceArea.PreparedBuffers() }, reach)
        var reaches = measured
        for (position, index) in order.enumerated() { reaches[index] = measured[position] }
        return reaches
    }

    /// Computes the figures, and with `layers` also the service area and the uncovered land.
    public func run(layers: Bool) throws -> CoverageResult {
        try run(service: ServiceArea(parks: parks, rules: rules, style: bufferStyle), layers: layers)
    }

    /// The analysis with the parks' buffers already made (by a caller that made them while it was
    /// still reading the residential land).
    func run(service: ServiceArea, layers: Bool) throws -> CoverageResult {
        let land = try ResidentialLand(residential: residential, builtUpAreas: builtUpAreas.map(\.geometry))
        let (groups, pieces) = (land.groups, land.pieces)

        let reaches = try Self.inSpatialOrder(pieces.map(\.geometry)) { prepared, index in
            try service.reach(of: pieces[index].geometry, keepingUncovered: layers, using: prepared)
        }

        let names = areaNames
        let figures = Self.figures(names: names, pieces: pieces, reaches: reaches)

        // Per residential polygon, its own covered share. A polygon that is a group of its own and
        // lies wholly in one area was measured above already.
        var measured: [Int: ServiceArea.Reach] = [:]
        for (piece, reach) in zip(pieces, reaches) where piece.whole && groups[piece.group].count == 1 {
            measured[groups[piece.group][0]] = reach
        }
        let shares = try Self.inSpatialOrder(residential) { prepared, index in
            try measured[index] ?? service.reach(of: residential[index], keepingUncovered: false, using: prepared)
        }.map { PolygonCoverage(area: $0.area, coveredArea: $0.covered) }

        return CoverageResult(
            areas: figures,
            eligibleParks: service.buffers.count,
            parks: parks.count,
            residentialShares: shares,
            serviceArea: layers ? try service.dissolved() : nil,
            uncovered: layers ? try zip(pieces, reaches).compactMap { piece, reach in
                try reach.uncovered.map(ServiceArea.land).flatMap { $0.isEmpty ? nil : UncoveredLand(area: names[piece.area], geometry: $0) }
            } : []
        )
    }
}
