import Foundation
import Testing
import TestSupport

/// `habitat export` for each target program: what it prints (the field map, the web map, how the
/// file imports back, which the printed command then does), and the usage it refuses with exit 2
/// and nothing written; bad input (a shapefile of mixed geometry) exit 1.
@Suite struct ExportCommandTests {
    func project(in folder: URL) throws -> String {
        try TestSupport.sampleProject(in: folder, layers: [("parks", "parks"), ("urban_villages", "urban_villages")])
    }

    @Test func eachTargetIsWrittenAndSaysHowItImportsBack() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        func export(_ arguments: [String]) throws -> String {
            let run = try TestSupport.run(TestSupport.habitat, ["export", path] + arguments, in: folder)
            #expect(run.status == 0 && run.stderr.isEmpty, "\(arguments): \(run.stderr)")
            return run.stdout
        }
        let shapefile = try export(["parks", "parks.shp", "--encoding", "gbk"])
        #expect(shapefile.contains("parks.fields.csv: each short field name's full name and Chinese name"))
        for file in ["parks.cpg", "parks.fields.csv", "parks.dbf"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file)")
        }
        let amap = try export(["urban_villages", "amap.csv", "--to-crs", "gcj02"])
        #expect(amap.contains("positions in GCJ-02, for Amap and Tencent base maps only"))
        let command = try #require(amap.split(separator: "\n").first { $0.hasPrefix("imports back with: ") })
        #expect(command.hasSuffix("--crs gcj02"))
        // The command printed does import it back.
        let words = command.dropFirst("imports back with: habitat ".count).split(separator: " ").map(String.init)
        let again = try TestSupport.run(TestSupport.habitat, words, in: folder)
        #expect(again.status == 0 && again.stdout.contains("urban_villages: 0 inserted") && again.stdout.contains("0 rejected"),
                "\(again.stdout)\(again.stderr)")
        _ = try export(["parks", "parks.kmz"])
        let kml = try TestSupport.run("ogrinfo", ["-so", "-al", folder.appendingPathComponent("parks.kmz").path])
        #expect(kml.status == 0 && kml.stdout.contains("Feature Count: 390"), "\(kml.stdout)")
    }

    @Test(arguments: [
        (["parks", "out.gpkg", "--to-crs", "gcj02"], "go only to .geojson, .kml, .kmz or .csv"),
        (["parks", "out.shp", "--to-crs", "bd09"], "go only to .geojson, .kml, .kmz or .csv"),
        (["parks", "out.geojson", "--to-crs", "EPSG:4326"], "use gcj02 (Amap, Tencent) or bd09 (Baidu)"),
        (["parks", "out.geojson", "--encoding", "gbk"], "--encoding: for a shapefile (.shp) only"),
        (["parks", "out.shp", "--encoding", "latin1"], "--encoding"),
        (["parks", "out.kml", "--xy"], "--xy: for a .csv or .xlsx only"),
        (["parks", "out.csv", "--xy", "--to-crs", "gcj02"], "--xy and --to-crs"),
    ]) func badUsageIsRefusedWithNothingWritten(_ arguments: [String], _ says: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let run = try TestSupport.run(TestSupport.habitat, ["export", path] + arguments, in: folder)
        #expect(run.status == 2 && run.stderr.contains(says), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(arguments[1]).path))
    }

    @Test func aShapefileOfMixedGeometryIsRefusedNamingTheFeature() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let run = try TestSupport.run(TestSupport.habitat, ["export", path, "urban_villages", "villages.shp"], in: folder)
        #expect(run.status == 1, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("villages.shp") && lines[0].contains("polygons and points")
                && lines[0].contains("(\"瓦窑村\")") && !lines[0].contains(".habitat-partial"), "\(run.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("villages") || $0.hasPrefix(".habitat") }
        #expect(left.isEmpty, "\(left)")
    }
}
