import Foundation
import Testing
@testable import GeoCore
import TestSupport

/// The union made tile by tile, its pieces joined along the grid lines without an overlay, is the
/// union shapely makes in one go; shapely also judges it valid.
@Suite struct TiledUnionTests {
    /// Near Qujing in EPSG:4544.
    let x0 = 530_000.0, y0 = 2_820_000.0

    /// Where the `k`th grid line of 1 km tiles lies east of `x0` or north of `y0`, exactly once
    /// added back.
    func line(_ k: Int, from origin: Double) -> Double { Grid.line(Int((origin / 1000).rounded(.down)) + k, side: 1000) - origin }

    func polygon(_ corners: [(Double, Double)]) throws -> Geometry {
        let ring = (corners + [corners[0]]).map { "\(x0 + $0.0) \(y0 + $0.1)" }.joined(separator: ", ")
        return try Geometry(wkt: "POLYGON((\(ring)))")
    }

    /// shapely's union of `geometries` against `ours`: their areas, the area of their symmetric
    /// difference, whether ours is valid, and both counts of polygons and of holes.
    func compare(_ ours: Geometry, _ geometries: [Geometry]) throws -> (theirs: Double, ours: Double, apart: Double, valid: Bool, counts: [Int]) {
        let lines = try TestSupport.shapely("""
            ours, theirs = geometries[0], shapely.union_all(geometries[1:])
            print(theirs.area, ours.area, ours.symmetric_difference(theirs).area, ours.is_valid)
            for g in (ours, theirs):
                parts = shapely.get_parts(g)
                print(len(parts), int(shapely.get_num_interior_rings(parts).sum()))
            """, wkb: ([ours] + geometries).map(\.wkb))
        let first = lines[0].split(separator: " ")
        return (Double(first[0])!, Double(first[1])!, Double(first[2])!, first[3] == "True",
                lines[1...].flatMap { $0.split(separator: " ").map { Int($0)! } })
    }

    /// Buffers of parks scattered over 12 km, alone and in clusters; a ring of discs around a
    /// grid corner, whose union holds a hole across four tiles; a polygon that crosses a grid
    /// line at two of its vertices, and one that touches a grid line at a single vertex.
    @Test func theTiledUnionIsShapelysUnion() throws {
        var random = SeededRandom(seed: 15)
        var geometries = try (0..<250).map { _ in
            let x = 6_000 + Double(random.next() % 12_000) + 0.37, y = Double(random.next() % 12_000) + 0.61
            let side = 20 + Double(random.next() % 200)
            return try polygon([(x, y), (x + side, y + 7), (x + side - 11, y + side), (x + 3, y + side - 5)]).buffer(random.next() % 2 == 0 ? 300 : 500)
        }
        let corner = (line(3, from: x0), line(6, from: y0))
        for step in 0..<24 {
            let angle = Double(step) * .pi / 12
            let (x, y) = (corner.0 + 2_000 * cos(angle), corner.1 + 2_000 * sin(angle))
            geometries.append(try polygon([(x, y), (x + 10, y), (x + 10, y + 10), (x, y + 10)]).buffer(300))
        }
        let onLine = line(21, from: x0)
        geometries.append(try polygon([(20_400, 500.5), (onLine, 250.25), (21_700, 800.75), (onLine, 1_300.5)]))
        geometries.append(try polygon([(20_500, 3_300.5), (onLine, 3_600.25), (20_600, 3_900.75)]))
        let joined = try #require(try Geometry.joinedTiles(of: geometries, tileSide: 1000), "the tiles' edges should match")
        let result = try compare(joined, geometries)
        #expect(TestSupport.close(result.ours, result.theirs, relative: 1e-9), "ours \(result.ours), shapely's \(result.theirs)")
        // The vertices added where edges cross grid lines lie off the edges by rounding only.
        #expect(result.apart < 1e-3, "symmetric difference \(result.apart) m²")
        #expect(result.valid)
        #expect(result.counts[0...1] == result.counts[2...3], "polygons and holes: ours \(result.counts[0...1]), shapely's \(result.counts[2...3])")
        #expect(result.counts[1] >= 1, "the ring of discs should leave a hole")
        #expect(joined.polygons.count > 1)
    }

    /// An edge lying on a grid line has no twin on the other side, and a polygon stopping half a
    /// millimetre short of one looks like an overlay that moved it: both are left to the dissolve
    /// by merges, which still gives shapely's union.
    @Test func whereTheEdgesCannotMatchTheUnionIsStillShapelys() throws {
        let crossing = try polygon([(600.3, 200.3), (1_900.6, 250.1), (1_850.2, 900.7), (550.9, 850.4)])
        let onLine = line(1, from: x0)
        let alongALine = [crossing, try polygon([(onLine, 1_000), (1_700, 1_000), (1_700, 1_300), (onLine, 1_300)])]
        let shortOfALine = [crossing, try polygon([(400.2, 1_000.1), (onLine - 0.0005, 1_000.1), (onLine - 0.0005, 1_200.4), (400.2, 1_200.4)])]
        for geometries in [alongALine, shortOfALine] {
            #expect(try Geometry.joinedTiles(of: geometries, tileSide: 1000) == nil)
            let result = try compare(try Geometry.tiledUnion(of: geometries, tileSide: 1000), geometries)
            #expect(TestSupport.close(result.ours, result.theirs, relative: 1e-12))
            #expect(result.valid)
            #expect(result.counts[0...1] == result.counts[2...3])
        }
    }

    /// Real parks and gardens, many of them multi-polygons, some rings round a hole: the green
    /// areas of the OSM extracts buffered by shapely, joined at three tile sizes, are shapely's
    /// union, with as many polygons and holes.
    @Test(.enabled(if: TestSupport.shared != nil, "../shared/data/osm is not beside the project"))
    func realGreenAreasJoinAsShapelyUnitesThem() throws {
        for place in ["liechtenstein", "north-bayreuth", "monaco"] {
            let path = TestSupport.shared!.appendingPathComponent("data/osm/\(place)/green.geojson").path
            let lines = try TestSupport.shapely("""
                import geopandas
                buffers = shapely.buffer(geopandas.read_file(sys.argv[2]).to_crs(32632).geometry.values, 300)
                union = shapely.union_all(buffers)
                parts = shapely.get_parts(union)
                print(union.area, len(parts), int(shapely.get_num_interior_rings(parts).sum()))
                print("\\n".join(shapely.to_wkb(buffers, hex=True)))
                """, wkb: [], arguments: [path])
            let expected = lines[0].split(separator: " ")
            let buffers = try lines.dropFirst().map { hex in
                try Geometry(wkb: TestSupport.bytes(hex: hex))
            }
            for side in [250.0, 1_000, 4_000] {
                let joined = try #require(try Geometry.joinedTiles(of: buffers, tileSide: side), "\(place), tiles of \(side) m")
                #expect(TestSupport.close(joined.area, Double(expected[0])!, relative: 1e-12), "\(place), tiles of \(side) m")
                #expect(joined.polygons.count == Int(expected[1])!, "\(place), tiles of \(side) m")
                var holes = 0
                joined.visitRings { isExterior, _ in holes += isExterior ? 0 : 1 }
                #expect(holes == Int(expected[2])!, "\(place), tiles of \(side) m")
                #expect(joined.isValid, "\(place), tiles of \(side) m")
            }
        }
    }
}
