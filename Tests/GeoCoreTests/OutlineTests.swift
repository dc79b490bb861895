import Testing
@testable import GeoCore

/// Lines drawn round areas, as CAD polylines are: areas and gaps worked out by hand.
@Suite struct OutlineTests {
    /// A 200 × 150 rectangle is 30,000 square units, with or without its first vertex repeated.
    @Test(arguments: ["LINESTRING(0 0, 200 0, 200 150, 0 150, 0 0)", "LINESTRING(0 0, 200 0, 200 150, 0 150)"])
    func aLineRoundARectangleIsItsArea(wkt: String) throws {
        let line = try Geometry(wkt: wkt)
        let area = try #require(try line.outlinedArea(closingWithin: 200))
        #expect(area.kind == .polygon && area.area == 30_000)
    }

    /// Ends 0.005 apart, on the line x = 0: closed within 0.01, and the area still 200 × 150.
    @Test func endsWithinTheToleranceAreJoined() throws {
        let line = try Geometry(wkt: "LINESTRING(0 0, 200 0, 200 150, 0 150, 0 0.005)")
        #expect(line.gapBetweenEnds == 0.005)
        #expect(try line.outlinedArea(closingWithin: 0.01)?.area == 30_000)
    }

    /// Ends 0.5 apart (a 3-4-5 triangle: 0.3 across, 0.4 up) do not close within 0.01.
    @Test func endsFartherApartDoNotClose() throws {
        let line = try Geometry(wkt: "LINESTRING(0 0, 200 0, 200 150, 0.3 0.4)")
        #expect(abs((line.gapBetweenEnds ?? 0) - 0.5) < 1e-12)
        let outlined = try line.outlinedArea(closingWithin: 0.01)
        #expect(outlined == nil)
    }

    /// Back and forth along one segment encloses nothing; a polygon is no line.
    @Test func aLineWithoutThreeCornersAndAPolygonOutlineNothing() throws {
        let backAndForth = try Geometry(wkt: "LINESTRING(0 0, 10 0, 0 0)").outlinedArea(closingWithin: 0.01)
        #expect(backAndForth == nil)
        let polygon = try Geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 0))")
        let outlined = try polygon.outlinedArea(closingWithin: 1)
        #expect(polygon.gapBetweenEnds == nil && outlined == nil)
    }
}
