import CGEOS
import Foundation
import Testing
@testable import GeoCore
import TestSupport

@Suite struct GeometryTests {
    @Test func areaAndEnvelopeOfASquareWithAHole() throws {
        let square = try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))")
        #expect(square.area == 96)
        #expect(square.envelope == Envelope(minX: 0, minY: 0, maxX: 10, maxY: 10))
        #expect(square.kind == .polygon)
    }

    @Test func wkbRoundTripKeepsEveryVertex() throws {
        let original = try Geometry(wkt: "MULTIPOLYGON(((0 0, 3 0, 3 3, 0 0)), ((10 10, 12 10, 12 12, 10 12, 10 10)))")
        let copy = try Geometry(wkb: original.wkb)
        #expect(copy.coordinates == original.coordinates)
        #expect(copy.kind == .multiPolygon)
    }

    /// Our WKB is GEOS's own writer's, byte for byte: every kind, the empty ones among them (an
    /// empty point as NaN), holes, collections within collections, a third dimension left out.
    @Test(arguments: [
        "POINT (1.5 -2)", "POINT EMPTY", "POINT Z (1 2 3)", "LINESTRING (0 0, 1 1, 2 0)", "LINESTRING EMPTY",
        "LINEARRING (0 0, 1 0, 1 1, 0 0)", "POLYGON EMPTY",
        "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2), (6 6, 6 8, 8 8, 6 6))",
        "MULTIPOINT ((1 2), (3 4))", "MULTIPOINT EMPTY", "MULTILINESTRING ((0 0, 1 1), EMPTY, (2 2, 3 3))",
        "MULTIPOLYGON (((0 0, 3 0, 3 3, 0 0)), ((10 10, 12 10, 12 12, 10 12, 10 10), (11 11, 11.5 11, 11 11.5, 11 11)))",
        "MULTIPOLYGON EMPTY", "GEOMETRYCOLLECTION EMPTY",
        "GEOMETRYCOLLECTION (POINT EMPTY, LINESTRING (0 0, 1 1), GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 0 1, 0 0)), POINT Z (5 6 7)))",
    ])
    func wkbIsGEOSsOwnByteForByte(_ wkt: String) throws {
        let geometry = try Geometry(wkt: wkt)
        let context = GEOSContext.current.handle
        let writer = GEOSWKBWriter_create_r(context)
        defer { GEOSWKBWriter_destroy_r(context, writer) }
        GEOSWKBWriter_setOutputDimension_r(context, writer, 2)
        GEOSWKBWriter_setByteOrder_r(context, writer, Int32(GEOS_WKB_NDR.rawValue))
        var size = 0
        let bytes = try #require(GEOSWKBWriter_write_r(context, writer, geometry.handle, &size))
        defer { GEOSFree_r(context, bytes) }
        #expect(geometry.wkb == Array(UnsafeBufferPointer(start: bytes, count: size)), "\(wkt)")
    }

    /// And shapely's (GEOS 3.14), on every geometry of the OSM extracts: parks, buildings, land use
    /// and boundaries, multi-polygons and holes among them.
    @Test(.enabled(if: TestSupport.shared != nil, "../shared/data/osm is not beside the project"))
    func wkbOfRealGeometriesIsShapelys() throws {
        let osm = TestSupport.shared!.appendingPathComponent("data/osm")
        let files = try ["liechtenstein", "north-bayreuth", "monaco"].flatMap { place in
            try FileManager.default.contentsOfDirectory(atPath: osm.appendingPathComponent(place).path)
                .filter { $0.hasSuffix(".geojson") }.map { osm.appendingPathComponent("\(place)/\($0)").path }
        }
        let lines = try TestSupport.shapely("""
            import geopandas
            for path in sys.argv[2:]:
                for hex in shapely.to_wkb(geopandas.read_file(path).geometry.values, hex=True, output_dimension=2):
                    print(path, hex)
            """, wkb: [], arguments: files)
        #expect(lines.count > 1_000)
        for line in lines {
            let (file, hex) = (line.prefix { $0 != " " }, line.drop { $0 != " " }.dropFirst())
            let bytes = TestSupport.bytes(hex: hex)
            #expect(try Geometry(wkb: bytes).wkb == bytes, "\(file): \(hex.prefix(40))…")
        }
    }

    @Test func geosErrorTextBecomesTheSwiftError() throws {
        #expect {
            try Geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 1))")
        } throws: { error in
            "\(error)".contains("LinearRing")
        }
        #expect(throws: GeometryError.self) { try Geometry(wkb: [1, 2, 3]) }
    }

    /// A buffer of a point is a regular polygon with 4 × segments sides inscribed in the circle;
    /// its area is n/2 · r² · sin(2π/n).
    @Test(arguments: [1, 2, 8, 16])
    func bufferOfAPointIsTheInscribedPolygon(segments: Int) throws {
        let circle = try Geometry(wkt: "POINT(100 200)").buffer(10, style: BufferStyle(quadrantSegments: segments))
        let sides = Double(4 * segments)
        #expect(abs(circle.area - sides / 2 * 100 * sin(2 * .pi / sides)) < 1e-9)
    }

    @Test func bowTieIsInvalidWithAReasonAndRepairsToBothLoops() throws {
        let bowTie = try Geometry(wkt: "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))")
        #expect(!bowTie.isValid)
        #expect(bowTie.validityReason.contains("Self-intersection"))
        let repaired = try bowTie.makeValid()
        #expect(repaired.isValid)
        #expect(repaired.polygons.count == 2)
        #expect(abs(repaired.area - 50) < 1e-9)  // two triangles of 25 m² each
    }

    @Test func overlayAreas() throws {
        let a = try Geometry(wkt: "POLYGON((0 0, 4 0, 4 4, 0 4, 0 0))")
        let b = try Geometry(wkt: "POLYGON((2 2, 6 2, 6 6, 2 6, 2 2))")
        #expect(try a.intersection(b).area == 4)
        #expect(try a.difference(b).area == 12)
        #expect(try a.union(b).area == 28)
        #expect(try Geometry.union(of: [a, b]).area == 28)
    }

    @Test func coverageUnionDissolvesEdgeSharingPolygons() throws {
        let tiles = try Geometry.multiPolygon([
            Geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))"),
            Geometry(wkt: "POLYGON((1 0, 2 0, 2 1, 1 1, 1 0))"),
        ])
        let merged = try tiles.coverageUnion()
        #expect(merged.kind == .polygon)
        #expect(merged.area == 2)
    }

    @Test func preparedPredicates() throws {
        let big = try PreparedGeometry(Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"))
        let inside = try Geometry(wkt: "POLYGON((1 1, 2 1, 2 2, 1 1))")
        let across = try Geometry(wkt: "POLYGON((9 9, 12 9, 12 12, 9 9))")
        let outside = try Geometry(wkt: "POINT(20 20)")
        #expect(big.contains(inside) && big.covers(inside) && big.intersects(inside))
        #expect(!big.contains(across) && big.intersects(across))
        #expect(!big.intersects(outside))
        #expect(try PreparedGeometry(inside).within(big.geometry))
    }

    @Test func interiorsIntersectIgnoresSharedEdges() throws {
        let a = try Geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))")
        let touching = try Geometry(wkt: "POLYGON((1 0, 2 0, 2 1, 1 1, 1 0))")
        let overlapping = try Geometry(wkt: "POLYGON((0.5 0, 2 0, 2 1, 0.5 1, 0.5 0))")
        #expect(!a.interiorsIntersect(touching))
        #expect(a.interiorsIntersect(overlapping))
    }

    @Test func strtreeFindsExactlyTheEnvelopesThatIntersect() throws {
        var generator = SystemRandomNumberGenerator()
        let boxes = try (0..<500).map { _ -> Geometry in
            let x = Double.random(in: 0..<1000, using: &generator), y = Double.random(in: 0..<1000, using: &generator)
            return try Geometry(wkt: "POLYGON((\(x) \(y), \(x + 20) \(y), \(x + 20) \(y + 20), \(x) \(y + 20), \(x) \(y)))")
        }
        let tree = STRtree(boxes)
        for query in [Envelope(minX: 100, minY: 100, maxX: 300, maxY: 250), Envelope(minX: -5, minY: -5, maxX: 1, maxY: 1)] {
            let expected = boxes.indices.filter { boxes[$0].envelope!.intersects(query) }
            #expect(tree.query(query) == expected)
        }
    }

    @Test func coordinatesReplaceInBulkKeepingStructure() throws {
        let shape = try Geometry(wkt: "MULTIPOLYGON(((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1)), ((10 10, 11 10, 11 11, 10 10)))")
        let doubled = try shape.coordinates.map { $0 * 2 }.withUnsafeBufferPointer { try shape.replacingCoordinates($0) }
        #expect(doubled.area == shape.area * 4)
        #expect(doubled.wkt == "MULTIPOLYGON (((0 0, 8 0, 8 8, 0 8, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2)), ((20 20, 22 20, 22 22, 20 20)))")
    }

    @Test func parallelMapKeepsOrderAndReportsTheFirstFailure() throws {
        struct Failure: Error, Equatable { let index: Int }
        let numbers = Array(0..<10_000)
        #expect(try numbers.parallelMap { $0 * 2 } == numbers.map { $0 * 2 })
        #expect(throws: Failure(index: 1234)) {
            try numbers.parallelMap { value in
                if value >= 1234 && value % 2 == 0 { throw Failure(index: value) }
                return value
            }
        }
    }

    @Test func geometriesAreUsableFromManyThreads() throws {
        let park = try Geometry(wkt: "POLYGON((0 0, 100 0, 100 100, 0 100, 0 0))")
        let areas = try Array(0..<200).parallelMap { _ in try park.buffer(50).area }
        #expect(Set(areas).count == 1)
    }
}

@Suite struct OutputGeometryTests {
    @Test func orientationFollowsTheRightHandRule() throws {
        // Exterior clockwise, hole counter-clockwise: both the wrong way round.
        let polygon = try Geometry(wkt: "POLYGON((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))")
        let oriented = try polygon.orientedCounterClockwise()
        let xy = oriented.coordinates
        #expect(Geometry.signedArea(xy[0..<10]) == 100)
        #expect(Geometry.signedArea(xy[10..<20]) == -4)
        #expect(oriented.area == polygon.area)
        #expect(try oriented.orientedCounterClockwise().coordinates == xy)
    }

    @Test func snappingToAGridDropsWhatCollapsesAndStaysValid() throws {
        let sliver = try Geometry(wkt: "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 5, 6 5, 6 5.00000001, 5 5)))")
        let snapped = try sliver.snapped(toGrid: 1e-7)
        #expect(snapped.isValid)
        #expect(snapped.area == 1)
        #expect(snapped.polygons.count == 1)
    }

    /// A spike thinner than the grid rounds to there and back along one line, and two vertices
    /// closer than the grid round to one: rounding drops both, wherever the ring starts, and
    /// drops a hole that collapses, so the rounded polygon is valid without GEOS's repair. So
    /// too for the spike an overlay leaves along an edge, already touching itself.
    @Test func roundingDropsTheRepeatsAndSpikesItMakes() throws {
        let square = "(0 0, 1 0, 1 0.5, 3 0.50000002, 1 0.50000004, 1 1, 0.50000003 1, 0.50000001 1, 0 1, 0 0)"
        let startingAtTheSpike = "(3 0.50000002, 1 0.50000004, 1 1, 0 1, 0 0, 1 0, 1 0.5, 3 0.50000002)"
        let collapsingHole = "(0.2 0.2, 0.20000001 0.2, 0.20000001 0.20000002, 0.2 0.2)"
        let corners: Set = ["0.0 0.0", "1.0 0.0", "1.0 0.5", "1.0 1.0", "0.0 1.0"]
        for (wkt, expected) in [("POLYGON(\(square))", corners.union(["0.5 1.0"])),
                                ("POLYGON(\(startingAtTheSpike))", corners),
                                ("POLYGON(\(square), \(collapsingHole))", corners.union(["0.5 1.0"]))] {
            let polygon = try Geometry(wkt: wkt)
            #expect(polygon.isValid, "\(wkt)")
            let rounded = try polygon.roundedRings(polygon.coordinates, toGrid: 1e-7)
            #expect(rounded.isValid, "\(wkt)")
            #expect(rounded.area == 1, "\(wkt)")
            let xy = rounded.coordinates
            #expect(xy.count == 2 * (expected.count + 1), "\(wkt): one ring, closed")
            #expect(Set(stride(from: 0, to: xy.count, by: 2).map { "\(xy[$0]) \(xy[$0 + 1])" }) == expected, "\(wkt)")
            #expect(try polygon.snapped(toGrid: 1e-7).area == 1)
        }
        let alongAnEdge = try Geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0.3 1.00000006, 0.6 1.00000004, 0 1, 0 0))")
        #expect(!alongAnEdge.isValid)
        let rounded = try alongAnEdge.roundedRings(alongAnEdge.coordinates, toGrid: 1e-7)
        #expect(rounded.isValid)
        #expect(rounded.coordinates == [0, 0, 1, 0, 1, 1, 0.6, 1, 0, 1, 0, 0])
    }
}
