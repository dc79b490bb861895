import Foundation
import Testing
import GeoCore
@testable import Planning

/// Hand-made layers whose answers follow from geometry alone. The park is a 1000 m square, so its
/// 500 m buffer has straight sides exactly 500 m out (x = 1500 along 0 ≤ y ≤ 1000).
@Suite struct CoverageAnalysisTests {
    func box(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) throws -> Geometry {
        try Geometry(wkt: "POLYGON((\(minX) \(minY), \(maxX) \(minY), \(maxX) \(maxY), \(minX) \(maxY), \(minX) \(minY)))")
    }

    var park: Geometry { get throws { try box(0, 0, 1000, 1000) } }

    @Test func insideOutsideAndAcrossTheServiceRadius() throws {
        let result = try CoverageAnalysis(parks: [park], residential: [
            try box(1100, 100, 1300, 300),   // 40 000 m², wholly within 500 m
            try box(1400, 400, 1600, 600),   // 40 000 m², the half left of x = 1500 covered
            try box(3000, 0, 3100, 100),     // 10 000 m², far away
        ]).run(layers: true)
        let total = result.total
        #expect(total.residentialArea == 90_000)
        #expect(abs(total.coveredArea - 60_000) < 1e-6)
        #expect(result.areas.map(\.name) == [CoverageAnalysis.allResidentialLand])
        #expect(result.residentialShares.map { ($0.coveredShare * 1e9).rounded() / 1e9 } == [1, 0.5, 0])
        #expect(result.eligibleParks == 1)
        let uncovered = result.uncovered.map(\.geometry.area).reduce(0, +)
        #expect(abs(uncovered - 30_000) < 1e-6)
        // The square, four 1000 × 500 strips, and four quarter circles of 8 segments: a 32-gon.
        let expected = 1000.0 * 1000 + 4 * 1000 * 500 + 16 * 500 * 500 * sin(2 * Double.pi / 32)
        #expect(abs(try #require(result.serviceArea).area - expected) < 1e-6)
    }

    @Test func overlappingResidentialLandCountsOnce() throws {
        // Two 200 m squares overlapping by 100 × 200 m: 60 000 m² of land, not 80 000.
        let result = try CoverageAnalysis(parks: [park], residential: [
            try box(1100, 100, 1300, 300), try box(1200, 100, 1400, 300),
        ]).run(layers: false)
        #expect(abs(result.total.residentialArea - 60_000) < 1e-6)
        #expect(abs(result.total.coveredArea - 60_000) < 1e-6)
        #expect(result.residentialShares.map(\.area) == [40_000, 40_000])
    }

    @Test func builtUpAreasClipTheLandThatCrossesThem() throws {
        let result = try CoverageAnalysis(
            parks: [park],
            residential: [try box(1400, 400, 1600, 600)],
            builtUpAreas: [.init(name: "西城", geometry: try box(0, 0, 1450, 1000)),
                           .init(name: "东城", geometry: try box(1450, 0, 3000, 1000))]
        ).run(layers: false)
        #expect(result.areas.map(\.name) == ["西城", "东城"])
        #expect(abs(result.areas[0].residentialArea - 10_000) < 1e-6)
        #expect(abs(result.areas[0].coveredArea - 10_000) < 1e-6)
        #expect(abs(result.areas[1].residentialArea - 30_000) < 1e-6)
        #expect(abs(result.areas[1].coveredArea - 10_000) < 1e-6)
        #expect(abs(try #require(result.areas[1].coveragePercent) - 100.0 / 3) < 1e-9)
    }

    /// A mitred buffer reaches past its radius at a sharp corner: the land there is found although
    /// it lies far outside the park's box grown by the radius.
    @Test func aMitredBufferReachesPastTheRadiusAtASharpCorner() throws {
        // A 50 000 m² sliver whose tip at (1000, 0) is 5.7° sharp; mitred up to 5 radii (2500 m).
        let sliver = try Geometry(wkt: "POLYGON((0 0, 1000 0, 0 100, 0 0))")
        let style = BufferStyle(join: .mitre, mitreLimit: 5)
        let block = try box(2900, -110, 2950, -90)
        #expect(try PreparedGeometry(sliver.buffer(500, style: style)).contains(block))
        let result = try CoverageAnalysis(parks: [sliver], residential: [block], bufferStyle: style).run(layers: false)
        #expect(result.total.residentialArea == 1000)
        #expect(abs(result.total.coveredArea - 1000) < 1e-9)
    }

    @Test func residentialLandOutsideEveryBuiltUpAreaIsNotCounted() throws {
        let result = try CoverageAnalysis(parks: [park], residential: [try box(1100, 100, 1300, 300)],
                                          builtUpAreas: [.init(name: "远郊", geometry: try box(5000, 5000, 6000, 6000))])
            .run(layers: false)
        #expect(result.areas[0].residentialArea == 0)
        #expect(result.areas[0].coveragePercent == nil)
    }

    @Test func parkSizeDecidesRadiusAndSmallParksDoNotCount() throws {
        let home = try box(0, 0, 10, 10)
        func covered(byParkOfSide side: Double, at distance: Double) throws -> Double {
            let park = try box(-distance - side, 0, -distance, side)
            return try CoverageAnalysis(parks: [park], residential: [home]).run(layers: false).total.coveredArea
        }
        #expect(try covered(byParkOfSide: 40, at: 100) == 0)        // 1600 m²: not a park that counts
        #expect(try covered(byParkOfSide: 50, at: 250) == 100)      // 2500 m²: 300 m
        #expect(try covered(byParkOfSide: 50, at: 350) == 0)
        #expect(try covered(byParkOfSide: 80, at: 450) == 100)      // 6400 m²: 500 m
        #expect(try covered(byParkOfSide: 80, at: 550) == 0)
    }
}

@Suite struct CoverageRulesTests {
    @Test func largestThresholdReachedWins() throws {
        let rules = CoverageRules(try ["1000:300", "5000:500", "20000:800"].map { try CoverageRules.Rule(parsing: $0) })
        #expect(rules.radius(forParkArea: 999) == nil)
        #expect(rules.radius(forParkArea: 1000) == 300)
        #expect(rules.radius(forParkArea: 19_999) == 500)
        #expect(rules.radius(forParkArea: 20_000) == 800)
    }

    @Test func defaultIsGBT50563() {
        #expect(CoverageRules.gbt50563.radius(forParkArea: 1999.9) == nil)
        #expect(CoverageRules.gbt50563.radius(forParkArea: 2000) == 300)
        #expect(CoverageRules.gbt50563.radius(forParkArea: 5000) == 500)
    }

    @Test(arguments: ["5000", "5000:", ":500", "a:b", "5000:0", "-1:300", "5000:500:1"])
    func malformedRulesAreRefused(text: String) {
        #expect(throws: RuleError(text: text)) { try CoverageRules.Rule(parsing: text) }
    }
}
