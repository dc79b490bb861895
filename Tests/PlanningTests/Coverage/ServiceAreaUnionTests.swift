import Foundation
import Testing
import GeoCore
@testable import Planning
import TestSupport

/// The dissolved service area, made per spatial partition on every core, is the union shapely
/// makes of the same buffers in one go.
@Suite struct ServiceAreaUnionTests {
    /// Parks scattered over a 60 km square, close enough that many buffers overlap, in clusters
    /// and alone, and enough of them that the union is cut into several runs.
    func parks(count: Int) throws -> [Geometry] {
        var random = SeededRandom(seed: 15)
        return try (0..<count).map { _ in
            let x = Double(random.next() % 60_000), y = Double(random.next() % 60_000)
            let side = 20 + Double(random.next() % 200)
            return try Geometry(wkt: "POLYGON((\(x) \(y), \(x + side) \(y), \(x + side) \(y + side), \(x) \(y + side), \(x) \(y)))")
        }
    }

    @Test func theDissolvedServiceAreaIsShapelysUnaryUnion() throws {
        let service = try ServiceArea(parks: try parks(count: 3000), rules: CoverageRules([.init(minimumArea: 0, radius: 300)]),
                                      style: BufferStyle())
        let buffers = try service.allBuffers()
        #expect(buffers.count == 3000)
        let dissolved = try service.dissolved()
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let buffersFile = try TestSupport.write(buffers.map(\.wkt).joined(separator: "\n"), to: "buffers.wkt", in: folder)
        let ours = try TestSupport.write(dissolved.wkt, to: "dissolved.wkt", in: folder)
        let script = """
            import sys, shapely
            from shapely import wkt
            buffers = [wkt.loads(line) for line in open(sys.argv[1])]
            ours = wkt.loads(open(sys.argv[2]).read())
            theirs = shapely.unary_union(buffers)
            print(theirs.area, ours.area, ours.symmetric_difference(theirs).area, ours.is_valid, len(getattr(theirs, "geoms", [theirs])))
            """
        let run = try TestSupport.run(TestSupport.python, ["-c", script, buffersFile, ours])
        #expect(run.status == 0, "\(run.stderr)")
        let numbers = run.stdout.split(separator: " ").map(String.init)
        let theirArea = try #require(Double(numbers[0])), ourArea = try #require(Double(numbers[1]))
        let difference = try #require(Double(numbers[2].trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(TestSupport.close(ourArea, theirArea, relative: 1e-9), "ours \(ourArea), shapely's \(theirArea)")
        #expect(difference < 1e-6 * theirArea, "symmetric difference \(difference) m²")
        #expect(numbers[3] == "True")
        #expect(dissolved.polygons.count == Int(numbers[4].trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(dissolved.polygons.count > 1)
    }
}
