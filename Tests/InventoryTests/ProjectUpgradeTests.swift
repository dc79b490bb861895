import Foundation
import Testing
import TestSupport
@testable import Inventory

/// A project made before `parks` had `approximate`, `point_x` and `point_y`: reading it changes
/// nothing, and the first import upgrades it in place, every value in its own column. Checked with
/// GDAL's own tools.
@Suite struct ProjectUpgradeTests {
    static func square(_ x: Double, _ y: Double, _ side: Double) -> String {
        #"{"type": "Polygon", "coordinates": [[[\#(x), \#(y)], [\#(x + side), \#(y)], [\#(x + side), \#(y + side)], [\#(x), \#(y + side)], [\#(x), \#(y)]]]}"#
    }

    static func park(_ code: String, _ name: String, _ parkClass: String, _ opened: String, _ geometry: String,
                     area: Double? = nil) -> String {
        #"{"type": "Feature", "properties": {"code": "\#(code)", "name": "\#(name)", "class": "\#(parkClass)", "opened": "\#(opened)"\#(area.map { #", "area_m2": \#($0)"# } ?? "")}, "geometry": \#(geometry)}"#
    }

    static func collection(_ features: [String]) -> String {
        #"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ",\n"))]}"#
    }

    /// Runs a GDAL tool, expecting it to succeed.
    @discardableResult
    func gdal(_ tool: String, _ arguments: [String]) throws -> String {
        let run = try TestSupport.run(tool, arguments)
        try #require(run.status == 0, "\(tool) \(arguments.joined(separator: " ")): \(run.stderr)")
        return run.stdout
    }

    /// The rows of an SQL query on the file, by ogr2ogr: one dictionary per row, NULL as "".
    func rows(_ path: String, _ sql: String) throws -> [[String: String]] {
        let lines = try gdal("ogr2ogr", ["-f", "CSV", "/vsistdout/", path, "-sql", sql, "-lco", "STRING_QUOTING=IF_NEEDED"])
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test func anOlderProjectIsReadAsItIsAndUpgradedByTheFirstImport() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try ProjectFileTests().newProject(in: folder, .geoPackage)
        let first = try TestSupport.write(Self.collection([
            Self.park("P1", "麒麟公园", "G11", "2015-06-01", Self.square(103.79, 25.50, 0.004)),
            Self.park("P2", "寥廓游园", "G14", "2016-01-01", Self.square(103.80, 25.50, 0.001)),
            Self.park("P3", "南湖公园", "G11", "2010-10-01", Self.square(103.81, 25.49, 0.003)),
        ]), to: "parks-2017.geojson", in: folder)
        #expect(try Importer(layer: "parks", source: first).run(into: path).inserted == 3)

        // What a project made before the three fields existed looks like.
        for table in ["parks", "parks_history"] {
            for column in ["approximate", "point_x", "point_y"] {
                try gdal("ogrinfo", ["-q", path, "-sql", "ALTER TABLE \(table) DROP COLUMN \(column)"])
            }
            #expect(!(try gdal("ogrinfo", ["-so", path, table])).contains("point_x"))
        }
        let firstImport = try #require(try rows(path, "SELECT at FROM import_log WHERE batch = 1").first?["at"])

        // Reading commands work on it and leave it byte for byte as it was.
        let older = try Data(contentsOf: URL(fileURLWithPath: path))
        let asOfFirst = folder.appendingPathComponent("as-of-first.geojson").path
        for arguments in [["layers", path], ["history", path, "parks", "P2"],
                          ["export", path, "parks", folder.appendingPathComponent("now.geojson").path],
                          ["export", path, "parks", asOfFirst, "--as-of", firstImport]] {
            let run = try TestSupport.run(TestSupport.habitat, arguments)
            #expect(run.status == 0, "habitat \(arguments[0]): \(run.stderr)")
        }
        for arguments in [["coverage", path], ["indicators", path]] { _ = try TestSupport.run(TestSupport.habitat, arguments) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == older, "a reading command changed the older file")
        // A change that fails takes its upgrade back with it.
        struct Failed: Error {}
        #expect(throws: Failed.self) { try ProjectFile.change(path, lock: "parks", waiting: {}) { _ in throw Failed() } }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == older, "a failed change left the older file changed")

        // One park unchanged, one renamed and reclassed, one new, one surveyed as a point with its area.
        let second = try TestSupport.write(Self.collection([
            Self.park("P1", "麒麟公园", "G11", "2015-06-01", Self.square(103.79, 25.50, 0.004)),
            Self.park("P2", "寥廓公园", "G11", "2016-01-01", Self.square(103.80, 25.50, 0.001)),
            Self.park("P4", "东湖游园", "G14", "2018-03-01", Self.square(103.82, 25.50, 0.002)),
            Self.park("P5", "龙潭公园", "G11", "2018-05-01", #"{"type": "Point", "coordinates": [103.80, 25.51]}"#, area: 6000),
        ]), to: "parks-2018.geojson", in: folder)
        let imported = try TestSupport.run(TestSupport.habitat, ["import", path, "parks", second])
        #expect(imported.status == 0 && imported.stdout.contains("2 inserted, 1 updated, 1 unchanged"), "\(imported.stdout)\(imported.stderr)")
        try ProjectFileTests().expectValid(path)
        for table in ["parks", "parks_history"] {
            let columns = try gdal("ogrinfo", ["-so", path, table])
            #expect(["approximate: Integer64", "point_x: Real", "point_y: Real"].allSatisfy(columns.contains), "\(table): \(columns)")
        }
        let secondImport = try #require(try rows(path, "SELECT at FROM import_log WHERE batch = 2").first?["at"])
        #expect(secondImport > firstImport)

        // Every value in its own column: the older versions with the new fields empty.
        let history = try rows(path, "SELECT code, name, class, opened, approximate, valid_from, valid_to, change, batch FROM parks_history ORDER BY fid")
        let expected: [[String]] = [
            ["P1", "麒麟公园", "G11", "2015-06-01", "", firstImport, "", "insert", "1"],
            ["P2", "寥廓游园", "G14", "2016-01-01", "", firstImport, secondImport, "insert", "1"],
            ["P3", "南湖公园", "G11", "2010-10-01", "", firstImport, "", "insert", "1"],
            ["P2", "寥廓公园", "G11", "2016-01-01", "0", secondImport, "", "update", "2"],
            ["P4", "东湖游园", "G14", "2018-03-01", "0", secondImport, "", "insert", "2"],
            ["P5", "龙潭公园", "G11", "2018-05-01", "1", secondImport, "", "insert", "2"],
        ]
        let names = ["code", "name", "class", "opened", "approximate", "valid_from", "valid_to", "change", "batch"]
        #expect(history.map { row in names.map { row[$0] ?? "?" } } == expected)
        let current = try rows(path, "SELECT code, name, class, opened, approximate, area_m2, point_x, point_y FROM parks ORDER BY code")
        #expect(current.map { [$0["code"], $0["name"], $0["class"], $0["opened"], $0["approximate"]] }
                == [["P1", "麒麟公园", "G11", "2015-06-01", ""], ["P2", "寥廓公园", "G11", "2016-01-01", "0"],
                    ["P3", "南湖公园", "G11", "2010-10-01", ""], ["P4", "东湖游园", "G14", "2018-03-01", "0"],
                    ["P5", "龙潭公园", "G11", "2018-05-01", "1"]])
        #expect(current.prefix(4).allSatisfy { $0["point_x"] == "" && $0["point_y"] == "" })
        let point = try #require(current.last)
        #expect(abs(try #require(Double(point["area_m2"] ?? "")) - 6000) < 1e-6)
        let (longitude, latitude) = try TestSupport.gdalTransform(try #require(Double(point["point_x"] ?? "")),
                                                                  try #require(Double(point["point_y"] ?? "")),
                                                                  from: "EPSG:4544", to: "EPSG:4326")
        #expect(abs(longitude - 103.80) < 1e-8 && abs(latitude - 25.51) < 1e-8)
        let p5History = try #require(try rows(path, "SELECT point_x, point_y FROM parks_history WHERE code = 'P5'").first)
        #expect(p5History["point_x"] == point["point_x"] && p5History["point_y"] == point["point_y"])

        // The history and a read as of the first import still say what the inventory said then.
        let p2 = try TestSupport.run(TestSupport.habitat, ["history", path, "parks", "P2"]).stdout
        #expect(p2.contains("寥廓游园") && p2.contains("寥廓公园") && p2.contains("update"), "\(p2)")
        let then = try TestSupport.json(String(decoding: try Data(contentsOf: URL(fileURLWithPath: asOfFirst)), as: UTF8.self))
        let again = folder.appendingPathComponent("as-of-first-again.geojson").path
        #expect(try TestSupport.run(TestSupport.habitat, ["export", path, "parks", again, "--as-of", firstImport]).status == 0)
        for export in [then, try TestSupport.json(String(decoding: try Data(contentsOf: URL(fileURLWithPath: again)), as: UTF8.self))] {
            let properties = (export["features"] as? [[String: Any]] ?? []).compactMap { $0["properties"] as? [String: Any] }
            #expect(properties.map { "\($0["code"] ?? "") \($0["name"] ?? "") \($0["class"] ?? "")" }.sorted()
                    == ["P1 麒麟公园 G11", "P2 寥廓游园 G14", "P3 南湖公园 G11"])
        }
    }
}
