import Foundation
import Testing
import CPROJ
@testable import GeoCore

@Suite struct CoordinateTests {
    @Test func epsgCodesDescribeThemselves() throws {
        let gk = try CRS("EPSG:4544")
        #expect(gk.identifier == "EPSG:4544")
        #expect(gk.name.contains("CGCS2000"))
        #expect(!gk.isGeographic)
        #expect(gk.metresPerUnit == 1)
        let area = try #require(gk.areaOfUse)
        #expect(area.minX == 103.5 && area.maxX == 106.51)  // EPSG: "between 103°30'E and 106°30'E"
        #expect(try CRS("EPSG:4490").isGeographic)
        #expect(try CRS("+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs").metresPerUnit == 1)
    }

    @Test func unknownCRSIsAClearError() {
        #expect { try CRS("EPSG:999999") } throws: { "\($0)".contains("EPSG:999999") }
        #expect { try CoordinateSystem(parsing: "gcj03") } throws: { "\($0)".contains("unknown coordinate reference system") }
    }

    /// UTM's central meridian at the equator is exactly (500000, 0) by definition.
    @Test func utmOriginIsExact() throws {
        let point = try Transformer(from: .crs(CRS("EPSG:4326")), to: CRS("EPSG:32648")).transform(x: 105, y: 0)
        #expect(abs(point.x - 500_000) < 1e-6 && abs(point.y) < 1e-6)
    }

    /// EPSG lists latitude first for EPSG:4490 and northing first for EPSG:4544; we always put
    /// longitude and easting in x.
    @Test func axisOrderIsNormalisedToEastFirst() throws {
        let transformer = try Transformer(from: .crs(CRS("EPSG:4490")), to: CRS("EPSG:4544"))
        let point = try transformer.transform(x: 105, y: 25.5)
        #expect(abs(point.x - 500_000) < 1e-6)   // on the central meridian
        #expect(point.y > 2_800_000 && point.y < 2_830_000)  // about 25.5° × 110.6 km
        let back = try Transformer(from: .crs(CRS("EPSG:4544")), to: CRS("EPSG:4490")).transform(x: point.x, y: point.y)
        #expect(abs(back.x - 105) < 1e-9 && abs(back.y - 25.5) < 1e-9)
    }

    /// Points across Europe, where ED50 ↔ WGS 84 has 36 operations, one per country or sea
    /// (Spain, Norway, Italy, Greece, the North Sea…), chosen among by area of use.
    static let acrossEurope = [(-4.0, 40.0), (10.0, 60.0), (12.0, 42.0), (23.0, 38.0), (5.0, 52.0), (3.0, 56.0)]

    /// The points moved by PROJ's own choice from `source` to `target`, axes east first as ours.
    static func movedByPROJsOwnChoice(_ points: [(Double, Double)], from source: String, to target: String) throws -> [[Double]] {
        let context = proj_context_create()
        defer { proj_context_destroy(context) }
        let raw = try #require(proj_create_crs_to_crs(context, source, target, nil))
        defer { proj_destroy(raw) }
        let chosen = try #require(proj_normalize_for_visualization(context, raw))
        defer { proj_destroy(chosen) }
        return points.map { x, y in
            let moved = proj_trans(chosen, PJ_FWD, proj_coord(x, y, 0, 0))
            return [moved.xy.x, moved.xy.y]
        }
    }

    /// PROJ chooses an operation once per process and every thread's transformer is a copy of it:
    /// a copy transforms exactly as PROJ's own choice, its alternatives by area of use included.
    @Test func transformersCopiedForWorkerThreadsTransformExactlyAsPROJChooses() throws {
        let expected = try Self.movedByPROJsOwnChoice(Self.acrossEurope, from: "EPSG:4230", to: "EPSG:4326")
        let source = CoordinateSystem.crs(try CRS("EPSG:4230")), target = try CRS("EPSG:4326")
        for _ in 0..<3 {
            let copied = try Self.acrossEurope.parallelMap { x, y in
                let moved = try Transformer.forThisThread(from: source, to: target).transform(x: x, y: y)
                return [moved.x, moved.y]
            }
            #expect(copied == expected)
        }
    }

    /// A transformer moves points exactly as PROJ's own choice for its way, whatever the process
    /// chose the other way round before: the inverse of that agrees only to 1e-9°, and an import
    /// by the server (which may have written WGS 84 before) must store what one by the command
    /// line stores. (EPSG:4545, the Gauss-Krüger zone east of Qujing's, is used nowhere else in
    /// the tests, so here the other way round is always chosen first.)
    @Test func aTransformerMovesPointsAsPROJsOwnChoiceWhateverWasChosenTheOtherWayBefore() throws {
        // A hundred points over the zone: the inverse lands on other last bits for about a fifth.
        let points: [(Double, Double)] = (0..<100).map { index in
            let (column, row) = (Double(index % 10), Double(index / 10))
            return (400_000 + 20_173 * column, 2_600_000 + 30_119 * row)
        }
        let expected = try Self.movedByPROJsOwnChoice(points, from: "EPSG:4545", to: "EPSG:4326")
        _ = try Transformer(from: .crs(CRS("EPSG:4326")), to: CRS("EPSG:4545"))  // the other way round, chosen first
        let back = try Transformer(from: .crs(CRS("EPSG:4545")), to: CRS("EPSG:4326"))
        let moved = try points.map { x, y in try back.transform(x: x, y: y) }
        #expect(moved.map { [$0.x, $0.y] } == expected)
    }

    @Test func aPointThatCannotBeTransformedIsAnError() throws {
        let transformer = try Transformer(from: .crs(CRS("EPSG:4326")), to: CRS("EPSG:4544"))
        #expect(throws: TransformError.self) { try transformer.transform(x: 25.5, y: 103.8) }
    }

    @Test func geometryTransformMovesEveryVertex() throws {
        let transformer = try Transformer(from: .crs(CRS("EPSG:4326")), to: CRS("EPSG:32648"))
        let line = try Geometry(wkt: "LINESTRING(105 0, 105 1)")
        let projected = try transformer.transform(line)
        let xy = projected.coordinates
        #expect(abs(xy[0] - 500_000) < 1e-6 && abs(xy[2] - 500_000) < 1e-6)
        #expect(xy[3] > 110_000 && xy[3] < 111_000)
    }

    @Test func latitudeAndLongitudeSwappedIsNamed() throws {
        let check = try AreaOfUseCheck(source: .crs(CRS("EPSG:4326")), target: CRS("EPSG:4544"))
        #expect(check.problem(with: Envelope(minX: 103.7, minY: 25.4, maxX: 103.9, maxY: 25.6)) == nil)
        let swapped = try #require(check.problem(with: Envelope(minX: 25.4, minY: 103.7, maxX: 25.6, maxY: 103.9)))
        #expect(swapped.contains("swapped"))
    }

    @Test func dataFarFromTheAnalysisCRSIsNamed() throws {
        let check = try AreaOfUseCheck(source: .crs(CRS("EPSG:4326")), target: CRS("EPSG:4544"))
        let problem = try #require(check.problem(with: Envelope(minX: 9.5, minY: 47.1, maxX: 9.6, maxY: 47.2)))
        #expect(problem.contains("EPSG:4544"))
        // Qujing's western edge, 0.5° outside EPSG:4544's strip, is routine and accepted.
        #expect(check.problem(with: Envelope(minX: 103.0, minY: 25.0, maxX: 103.2, maxY: 25.2)) == nil)
    }

    /// Web Mercator reaches x = ±20 037 508 m (π × 6 378 137); PROJ's inverse wraps x = 1e16 to
    /// some longitude rather than failing, so the wrap itself must be caught.
    @Test(arguments: ["EPSG:3857", "EPSG:4544", "EPSG:32648"])
    func projectedCoordinatesBeyondTheProjectionAreNamed(code: String) throws {
        let crs = try CRS(code)
        let check = try AreaOfUseCheck(source: .crs(crs), target: crs)
        for (x, y) in [(1e16, 2_900_000.0), (-1e16, 2_900_000), (500_000, 1e16)] {
            let problem = try #require(check.problem(with: Envelope(minX: x, minY: y, maxX: x, maxY: y)), "\(code) (\(x), \(y))")
            #expect(problem.contains("(\(x), \(y))") && problem.contains(code), "\(problem)")
        }
        // Qujing's centre, about 103.8°E 25.5°N, in each (gdaltransform, rounded), is accepted.
        let centre = ["EPSG:3857": (11_555_000.0, 2_937_000.0), "EPSG:4544": (379_350.0, 2_822_000.0),
                      "EPSG:32648": (379_400.0, 2_820_860.0)][code]!
        #expect(check.problem(with: Envelope(minX: centre.0, minY: centre.1, maxX: centre.0, maxY: centre.1)) == nil)
    }
}
