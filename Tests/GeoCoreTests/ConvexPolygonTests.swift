import Foundation
import Testing
@testable import GeoCore
import TestSupport

/// Convex blocks are measured against buffers without an overlay; shapely, reading the same
/// geometries as WKB, is the judge of both what is valid and how much area lies inside.
@Suite struct ConvexPolygonTests {
    /// Near Qujing in EPSG:4544, where products of coordinates run to 1e12.
    let x0 = 530_000.0, y0 = 2_820_000.0

    func polygon(_ corners: [(Double, Double)], holes: [[(Double, Double)]] = []) throws -> Geometry {
        func ring(_ points: [(Double, Double)]) -> String {
            "(" + (points + [points[0]]).map { "\(x0 + $0.0) \(y0 + $0.1)" }.joined(separator: ", ") + ")"
        }
        return try Geometry(wkt: "POLYGON(" + ([ring(corners)] + holes.map(ring)).joined(separator: ", ") + ")")
    }

    @Test func onlyConvexOutlinesWithoutHolesAreTaken() throws {
        let square = [(0.0, 0.0), (100.0, 0.0), (100.0, 80.0), (0.0, 80.0)]
        let taken = [
            try polygon(square),
            try polygon(square.reversed()),                                   // clockwise
            try polygon([(0, 0), (100, 0), (100, 0), (100, 80), (0, 80)]),    // a repeated corner
            try polygon([(0, 0), (50, 0), (100, 0), (100, 80), (0, 80)]),     // a corner on a straight side: left to GEOS
            try polygon([(0, 0), (100, 3), (97, 83), (-4, 78)]),              // a turned, skewed block
        ]
        let refused = [
            try polygon([(0, 0), (100, 0), (100, 80), (50, 80), (50, 40), (0, 40)]),          // an L
            try polygon([(0, 0), (60, 190), (120, 0), (-35, 118), (155, 118)]),             // a pentagram
            try polygon(square, holes: [[(10, 10), (20, 10), (20, 20), (10, 20)]]),          // a courtyard
            try polygon([(0, 0), (100, 80), (100, 0), (0, 80)]),                             // a bow-tie
            try polygon([(0, 0), (50, 0), (100, 0)]),                                         // no area
            try Geometry(wkt: "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))"),
        ]
        #expect(taken.map { ConvexPolygon($0) != nil } == [true, true, true, false, true])
        #expect(refused.allSatisfy { ConvexPolygon($0) == nil })
        // What is taken is valid by construction: shapely agrees.
        let valid = try shapely("[print(g.is_valid) for g in geometries]", taken.filter { ConvexPolygon($0) != nil })
        #expect(valid == ["True", "True", "True", "True"])
    }

    /// Blocks against buffers of irregular parks (one with a hole where a park rings a lake), at
    /// every overlap from a corner clipped to wholly inside: the area inside is shapely's
    /// intersection area.
    @Test func theAreaInsideIsShapelysIntersectionArea() throws {
        var random = SeededRandom(seed: 15)
        func uniform(_ range: ClosedRange<Double>) -> Double {
            range.lowerBound + Double(random.next() % 1_000_000) / 1_000_000 * (range.upperBound - range.lowerBound)
        }
        let lake = try polygon([(0, 0), (400, 0), (400, 300), (0, 300)], holes: [[(100, 100), (300, 100), (300, 200), (100, 200)]])
        let parks = [
            try polygon([(0, 0), (220, 30), (260, 190), (120, 110), (10, 230)]),
            lake,
            try polygon([(0, 0), (60, 0), (60, 60), (0, 60)]),
        ]
        let buffers = [try parks[0].buffer(300), try lake.buffer(40), try parks[2].buffer(500)]
        #expect(buffers[1].polygons.count == 1 && PolygonRings(buffers[1]).rings.count == 2)  // the hole stays
        var blocks: [Geometry] = [], pairs: [(block: Int, buffer: Int)] = []
        for buffer in buffers.indices {
            let box = buffers[buffer].envelope!
            for _ in 0..<60 {
                let (cx, cy) = (uniform(box.minX...box.maxX) - x0, uniform(box.minY...box.maxY) - y0)
                let (w, h, turn) = (uniform(20...160), uniform(20...160), uniform(0...Double.pi))
                let corners = [(-w, -h), (w, -h), (w, h), (-w, h)].map { x, y in
                    (cx + x * cos(turn) - y * sin(turn), cy + x * sin(turn) + y * cos(turn))
                }
                pairs.append((blocks.count, buffer))
                blocks.append(try polygon(corners))
            }
        }
        let ours = pairs.map { pair in ConvexPolygon(blocks[pair.block])!.areaInside(PolygonRings(buffers[pair.buffer])) }
        let theirs = try shapely("""
            blocks, buffers = geometries[:\(blocks.count)], geometries[\(blocks.count):]
            for block, buffer in \(pairs.map { [$0.block, $0.buffer] }):
                print(repr(blocks[block].intersection(buffers[buffer]).area))
            """, blocks + buffers).map { Double($0)! }
        #expect(ours.count == theirs.count)
        for (index, (a, b)) in zip(ours, theirs).enumerated() {
            #expect(abs(a - b) <= 1e-9 * blocks[pairs[index].block].area, "block \(index): \(a) against shapely's \(b)")
        }
        // Every kind of overlap took part: none, partial and whole.
        let shares = zip(ours, pairs).map { $0 / blocks[$1.block].area }
        #expect(shares.contains { $0 == 0 } && shares.contains { $0 > 0.01 && $0 < 0.99 } && shares.contains { $0 > 1 - 1e-12 })
    }

    /// Runs `script` in the project's Python with `geometries` read by shapely from WKB; its
    /// printed lines.
    func shapely(_ script: String, _ geometries: [Geometry]) throws -> [String] {
        try TestSupport.shapely(script, wkb: geometries.map(\.wkb))
    }
}
