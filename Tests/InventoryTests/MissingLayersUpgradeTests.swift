import Foundation
import Testing
import TestSupport
@testable import Inventory

/// A project made before the 治乱治脏 layers existed: reading commands work on it as it is, and its
/// next change creates the layers, their histories and their styles. Checked with GDAL's own tools.
@Suite struct MissingLayersUpgradeTests {
    static let newLayers = ["key_areas", "incidents", "inspections", "grid_cells"]

    @Test func theNextChangeCreatesTheLayersAProjectLacks() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try ProjectFileTests().newProject(in: folder, .geoPackage)
        let upgrade = ProjectUpgradeTests()
        // What a project made before them looks like.
        for layer in Self.newLayers {
            for table in [layer, "\(layer)_history"] { try upgrade.gdal("ogrinfo", ["-q", path, "-sql", "DROP TABLE \(table)"]) }
            try upgrade.gdal("ogrinfo", ["-q", path, "-sql", "DELETE FROM layer_styles WHERE f_table_name = '\(layer)'"])
        }
        let listing = try upgrade.gdal("ogrinfo", ["-q", path])
        #expect(!listing.contains("incidents") && !listing.contains("grid_cells") && listing.contains("parks"))

        // Reading commands work on it and leave it byte for byte as it was.
        let older = try Data(contentsOf: URL(fileURLWithPath: path))
        for arguments in [["layers", path], ["incidents", path, "--month", "2018-03"],
                          ["export", path, "incidents", folder.appendingPathComponent("none.geojson").path]] {
            let run = try TestSupport.run(TestSupport.habitat, arguments)
            #expect(run.status == 0, "habitat \(arguments[0]): \(run.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == older, "a reading command changed the older file")

        // The first import (of another layer) creates them, with history and styles.
        let parks = try TestSupport.write(ProjectUpgradeTests.collection([
            ProjectUpgradeTests.park("P1", "麒麟公园", "G11", "2015-06-01", ProjectUpgradeTests.square(103.79, 25.50, 0.004)),
        ]), to: "parks.geojson", in: folder)
        #expect(try Importer(layer: "parks", source: parks).run(into: path).inserted == 1)
        for layer in Self.newLayers {
            let schema = try LayerSchema.named(layer)
            for table in [layer, "\(layer)_history"] {
                let info = try upgrade.gdal("ogrinfo", ["-so", path, table])
                for field in schema.fieldNames { #expect(info.contains("\(field): "), "\(table) lacks \(field)") }
                #expect(info.contains("valid_from: ") == table.hasSuffix("_history"))
            }
            #expect(try upgrade.rows(path, "SELECT styleName FROM layer_styles WHERE f_table_name = '\(layer)'").map { $0["styleName"] } == ["habitat \(layer)"])
        }
        let run = try TestSupport.run(TestSupport.habitat, ["layers", path])
        #expect(run.status == 0 && run.stdout.contains("grid_cells") && run.stdout.contains("单元网格"))
    }
}
