import Foundation
import Testing
import TestSupport

/// Bad input: one clear line on stderr naming the file and the feature, exit 1 (2 for bad usage),
/// and nothing written to --out.
@Suite struct BadInputTests {
    static let square = "[[103.80, 25.50], [103.81, 25.50], [103.81, 25.51], [103.80, 25.51], [103.80, 25.50]]"
    static let goodPolygons = """
        {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "A"}, "geometry": {"type": "Polygon", "coordinates": [\(square)]}}]}
        """

    enum Case: String, CaseIterable {
        case missingFile, unreadableFile, noCRS, points, emptyLayer, swappedLatitudeLongitude, nullGeometry
    }

    /// The parks file for each case, and what the message must say.
    func parks(_ bad: Case, in folder: URL) throws -> (path: String, says: String) {
        switch bad {
        case .missingFile:
            return (folder.appendingPathComponent("nowhere.geojson").path, "no such file")
        case .unreadableFile:
            return (try TestSupport.write("{\"type\": \"FeatureCollection\", \"features\": [", to: "broken.geojson", in: folder),
                    "not valid GeoJSON")
        case .noCRS:
            return (try TestSupport.write("name,WKT\nA,\"POLYGON ((500000 2820000, 500100 2820000, 500100 2820100, 500000 2820000))\"\n",
                                          to: "parks.csv", in: folder), "--parks-crs")
        case .points:
            return (try TestSupport.write("""
                {"type": "FeatureCollection", "features": [
                {"type": "Feature", "properties": {"name": "A"}, "geometry": {"type": "Polygon", "coordinates": [\(Self.square)]}},
                {"type": "Feature", "properties": {"name": "东门"}, "geometry": {"type": "Point", "coordinates": [103.8, 25.5]}}]}
                """, to: "points.geojson", in: folder), "feature 2 (\"东门\"): is a Point where a polygon is expected")
        case .emptyLayer:
            return (try TestSupport.write("{\"type\": \"FeatureCollection\", \"features\": []}", to: "empty.geojson", in: folder),
                    "no features")
        case .swappedLatitudeLongitude:
            let swapped = "[[25.50, 103.80], [25.50, 103.81], [25.51, 103.81], [25.51, 103.80], [25.50, 103.80]]"
            return (try TestSupport.write("""
                {"type": "FeatureCollection", "features": [
                {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [\(swapped)]}}]}
                """, to: "swapped.geojson", in: folder), "feature 1: latitude 103.81 is beyond ±90°: latitude and longitude look swapped")
        case .nullGeometry:
            return (try TestSupport.write("""
                {"type": "FeatureCollection", "features": [
                {"type": "Feature", "properties": {"name": "无图形"}, "geometry": null}]}
                """, to: "null.geojson", in: folder), "feature 1 (\"无图形\"): has no geometry")
        }
    }

    @Test(arguments: Case.allCases)
    func badParksFileFailsCleanly(bad: Case) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let residential = try TestSupport.write(Self.goodPolygons, to: "residential.geojson", in: folder)
        let (parks, says) = try parks(bad, in: folder)
        let out = folder.appendingPathComponent("out")
        let run = try TestSupport.run(TestSupport.habitat, ["coverage", "--parks", parks, "--residential", residential,
                                                            "--out", out.path])
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains((parks as NSString).lastPathComponent), "\(run.stderr)")
        #expect(run.stderr.contains(says), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains("partial") })
    }

    @Test func aFailedRunLeavesAnEarlierOutputAsItWas() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try TestSupport.write(Self.goodPolygons, to: "good.geojson", in: folder)
        let out = folder.appendingPathComponent("out").path
        #expect(try TestSupport.run(TestSupport.habitat, ["coverage", "--parks", good, "--residential", good, "--out", out]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: "\(out)/coverage.json"))
        let (points, _) = try parks(.points, in: folder)
        #expect(try TestSupport.run(TestSupport.habitat, ["coverage", "--parks", points, "--residential", good, "--out", out]).status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(out)/coverage.json")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
                == ["coverage.csv", "coverage.json", "residential_coverage.geojson", "service_area.geojson", "uncovered_residential.geojson"])
    }

    /// A bow-tie is repaired into its two triangles — counted, reported, never dropped.
    @Test func selfIntersectingPolygonIsRepairedCountedAndReported() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let residential = try TestSupport.write("""
            name,WKT
            蝴蝶,"POLYGON ((500000 2820000, 500100 2820100, 500100 2820000, 500000 2820100, 500000 2820000))"
            正常,"POLYGON ((500200 2820000, 500300 2820000, 500300 2820100, 500200 2820100, 500200 2820000))"
            """, to: "residential.csv", in: folder)
        let parks = try TestSupport.write("""
            name,WKT
            大公园,"POLYGON ((499000 2819000, 499100 2819000, 499100 2819100, 499000 2819100, 499000 2819000))"
            """, to: "parks.csv", in: folder)
        let out = folder.appendingPathComponent("out").path
        let run = try TestSupport.run(TestSupport.habitat, ["coverage", "--parks", parks, "--parks-crs", "EPSG:4544",
                                                            "--residential", residential, "--residential-crs", "EPSG:4544",
                                                            "--out", out, "--format", "json"])
        try #require(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("residential.csv: feature 1 (\"蝴蝶\"): Self-intersection"))
        let summary = try TestSupport.json(run.stdout)
        #expect((summary["repaired"] as? [String])?.count == 1)
        let total = try #require(summary["total"] as? [String: Any])
        // Two triangles of 2 500 m² plus the 10 000 m² square.
        #expect(abs((total["residential_m2"] as? Double ?? 0) - 15_000) < 1e-6)
    }

    @Test(arguments: [
        (["--rule", "big:500"], "--rule"),
        (["--crs", "EPSG:999999"], "EPSG:999999"),
        (["--crs", "EPSG:4326"], "not projected in metres"),
        (["--parks-crs", "gcj03"], "--parks-crs"),
        (["--format", "xml"], "--format"),
        (["--segments", "0"], "--segments"),
    ])
    func badUsageExitsWithTwo(arguments: [String], says: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try TestSupport.write(Self.goodPolygons, to: "good.geojson", in: folder)
        let run = try TestSupport.run(TestSupport.habitat, ["coverage", "--parks", good, "--residential", good] + arguments)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains(says), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }

    @Test func missingRequiredOptionIsBadUsage() throws {
        let run = try TestSupport.run(TestSupport.habitat, ["coverage", "--parks", "x.geojson"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--residential"))
    }
}
