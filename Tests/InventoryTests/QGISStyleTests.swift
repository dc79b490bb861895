import Foundation
import Testing
import TestSupport
@testable import Inventory

/// QGIS (headless, Debian's python3-qgis) opens the sample project and finds each layer's default
/// style in `layer_styles`: parks green by the radius their area earns, old factories by class,
/// the fields' Chinese aliases; its render shows those colours. Exports and upgraded projects carry
/// the styles too, and GDAL's GeoPackage validator has nothing to say of any of them.
@Suite struct QGISStyleTests {
    static let helper = TestSupport.root.appendingPathComponent("Tests/InventoryTests/Helpers/qgis_styles.py").path
    static let validator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"
    static let sample = [("built_up_areas", "built_up"), ("parks", "parks"), ("residential", "residential"),
                         ("old_factories", "old_factories"), ("urban_villages", "urban_villages"),
                         ("old_residential", "old_residential")]

    /// What QGIS made of the named layers' styles (and, with `render`, the pixels of each colour).
    func qgis(_ path: String, _ layers: [String], render: String? = nil) throws -> [String: Any] {
        let run = try TestSupport.run("/usr/bin/python3", [Self.helper, path] + layers + (render.map { ["--render", $0] } ?? []))
        try #require(run.status == 0, "QGIS (apt-get install python3-qgis): \(run.stderr)")
        return try TestSupport.json(run.stdout)
    }

    func expectValid(_ path: String) throws {
        let run = try TestSupport.run("/usr/bin/python3", [Self.validator, path])
        #expect(run.status == 0 && run.stdout.isEmpty && run.stderr.isEmpty, "validate_gpkg \(path): \(run.stdout)\(run.stderr)")
    }

    func classes(_ layer: Any?) -> [[String: Any]] { (layer as? [String: Any])?["classes"] as? [[String: Any]] ?? [] }

    func color(_ entry: [String: Any]) -> String { (entry["color"] as? [Int] ?? []).map(String.init).joined(separator: ",") }

    @Test func qgisDrawsTheSampleProjectInItsStyles() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try TestSupport.sampleProject(in: folder, layers: Self.sample)
        try expectValid(project)
        let png = folder.appendingPathComponent("render.png").path
        let names = ["old_factories", "urban_villages", "old_residential", "parks", "built_up_areas", "residential"]
        let report = try qgis(project, names, render: png)
        try? FileManager.default.removeItem(atPath: "/tmp/qgis-render.png")
        try? FileManager.default.copyItem(atPath: png, toPath: "/tmp/qgis-render.png")

        for name in names {
            let layer = try #require(report[name] as? [String: Any], "\(name) not opened")
            var aliases = try #require(layer["aliases"] as? [String: String])
            aliases["fid"] = nil
            #expect(aliases == (try LayerSchema.named(name)).aliases, "\(name)")
        }
        let parks = try #require(report["parks"] as? [String: Any])
        #expect(parks["renderer"] as? String == "RuleRenderer")
        #expect(classes(parks).map { $0["filter"] as? String } == [
            "area($geometry) >= 5000", "area($geometry) >= 2000 AND area($geometry) < 5000", "area($geometry) < 2000"])
        #expect(classes(parks).map(color) == ["0,109,44", "116,196,118", "229,245,224"])
        let factories = try #require(report["old_factories"] as? [String: Any])
        #expect(factories["renderer"] as? String == "categorizedSymbol" && factories["field"] as? String == "category")
        #expect(classes(factories).map { $0["value"] as? String } == ["用地变更类", "拆旧建新类", "改造提升类"])
        #expect(classes(factories).map(color) == ["49,130,189", "230,171,2", "117,107,177"])
        let old = try #require(report["old_residential"] as? [String: Any])
        #expect(old["renderer"] as? String == "categorizedSymbol" && old["field"] as? String == "renovation_type")
        #expect(classes(old).map { $0["value"] as? String } == ["棚户区改造", "综合提升改造"])
        let builtUp = classes(report["built_up_areas"])
        #expect(builtUp.count == 1 && builtUp.first?["fill"] as? Bool == false, "built-up areas are outlined, not filled")

        // The render shows the styles' colours: 500 m parks, factories of the first class, villages,
        // old residential areas, residential land, built-up outlines.
        let pixels = try #require(report["pixels"] as? [String: Int])
        for (what, rgb) in [("500 m parks", "0,109,44"), ("用地变更类 factories", "49,130,189"), ("villages", "158,154,200"),
                            ("综合提升改造 old residential", "253,141,60"),
                            ("residential", "254,232,200"), ("built-up outline", "230,85,13")] {
            #expect(pixels[rgb, default: 0] > 0, "\(what) (\(rgb)) not drawn: \(pixels[rgb, default: 0]) pixels")
        }
    }

    @Test func anExportedGeoPackageCarriesItsLayersStyle() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try TestSupport.sampleProject(in: folder, layers: [("parks", "parks")])
        let exported = folder.appendingPathComponent("parks-export.gpkg").path
        let run = try TestSupport.run(TestSupport.habitat, ["export", project, "parks", exported])
        try #require(run.status == 0, "\(run.stderr)")
        try expectValid(exported)
        let parks = try #require(try qgis(exported, ["parks"])["parks"] as? [String: Any])
        #expect(parks["renderer"] as? String == "RuleRenderer" && classes(parks).count == 3)

        // Imported back, the styles beside the layer are no layer of data to warn of.
        let again = try emptyProject(in: folder)
        let back = try TestSupport.run(TestSupport.habitat, ["import", again, "parks", exported])
        #expect(back.status == 0 && !back.stderr.contains("layer_styles"), "\(back.stderr)")
    }

    @Test func anOlderProjectGetsTheStylesWithItsFirstChange() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try emptyProject(in: folder)
        // What a project made before the styles looks like.
        let drop = try TestSupport.run("ogrinfo", ["-q", project, "-sql", "DROP TABLE layer_styles"])
        try #require(drop.status == 0, "\(drop.stderr)")
        #expect(try qgis(project, ["parks"])["parks"].map { ($0 as? [String: Any])?["renderer"] as? String } != "RuleRenderer")

        _ = try Importer(layer: "parks", source: TestSupport.root.appendingPathComponent("geodata/parks.geojson").path).run(into: project)
        try expectValid(project)
        let parks = try #require(try qgis(project, ["parks"])["parks"] as? [String: Any])
        #expect(parks["renderer"] as? String == "RuleRenderer" && classes(parks).count == 3)
    }
}
