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
    /// Told each step as it begins, for a person watching a long run.
    public var progress: (@Sendable (String) -> Void)?

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

    /// The analysis with the parks that count already found and indexed (by a caller that did so
    /// while it was still reading the residential land).
    func run(service: ServiceArea, layers: Bool) throws -> CoverageResult {
        if layers { progress?("buffering \(service.count) parks") }
        let service = layers ? try service.keepingBuffers() : service
        progress?("dissolving overlapping residential polygons, clipping to built-up areas")
        let land = try ResidentialLand(residential: residential, builtUpAreas: builtUpAreas.map(\.geometry))
        let (groups, pieces) = (land.groups, land.pieces)
        progress?("measuring \(pieces.count) pieces of residential land against \(service.count) parks' reach")

        let reaches = try Self.inSpatialOrder(pieces.map(\.geometry)) { prepared, index in
            try service.reach(of: pieces[index].geometry, keepingUncovered: layers, using: prepared)
        }

        let names = areaNames
        let figures = Self.figures(names: names, pieces: pieces, reaches: reaches)

        // Per residential polygon, its own covered share. A polygon that is a group of its own and
        // lies wholly in one area was measured above already; the few others are measured here.
        var shares = [PolygonCoverage?](repeating: nil, count: residential.count)
        for (piece, reach) in zip(pieces, reaches) where piece.whole && groups[piece.group].count == 1 {
            shares[groups[piece.group].first!] = PolygonCoverage(area: reach.area, coveredArea: reach.covered)
        }
        let unmeasured = shares.indices.filter { shares[$0] == nil }
        let measured = try Self.inSpatialOrder(unmeasured.map { residential[$0] }) { prepared, position in
            try service.reach(of: residential[unmeasured[position]], keepingUncovered: false, using: prepared)
        }
        for (index, reach) in zip(unmeasured, measured) {
            shares[index] = PolygonCoverage(area: reach.area, coveredArea: reach.covered)
        }
        if layers { progress?("dissolving the service area of \(service.count) parks") }
        return CoverageResult(
            areas: figures,
            eligibleParks: service.count,
            parks: parks.count,
            residentialShares: shares.map { $0! },
            serviceArea: layers ? try service.dissolved() : nil,
            uncovered: zip(pieces, reaches).compactMap { piece, reach in
                reach.uncovered.flatMap { $0.isEmpty ? nil : UncoveredLand(area: names[piece.area], geometry: $0) }
            }
        )
    }
}
