import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// The fields' Chinese names in a GeoPackage, for every reader: QGIS (headless, Debian's
/// python3-qgis) reads them from the layer's QML; GDAL from 3.7 (the one pyogrio bundles) from
/// `gpkg_data_columns`, which habitat writes in SQL since the system's GDAL 3.6 cannot. In new
/// projects, in exports and, with their first change, in projects made before; GDAL's validator
/// has nothing to say and ogrinfo reads every file.
@Suite struct GeoPackageAliasTests {
    static let aliasesHelper = TestSupport.root.appendingPathComponent("Tests/InventoryTests/Helpers/gdal_aliases.py").path

    /// Each named layer's field → alias, as GDAL ≥ 3.7 reads them.
    func newerGDAL(_ path: String, _ layers: [String]) throws -> [String: [String: String]] {
        let run = try TestSupport.run(TestSupport.python, [Self.aliasesHelper, path] + layers)
        try #require(run.status == 0, "pyogrio's GDAL: \(run.stderr)")
        let report = try TestSupport.json(run.stdout)
        let version = try #require(report["gdal"] as? String)
        try #require(version.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes([3, 7]) == false,
                     "GDAL \(version) reads no aliases from gpkg_data_columns")
        return report.compactMapValues { $0 as? [String: String] }
    }

    /// The aliases a layer's schema gives, for the fields that have one.
    func expectAliases(_ path: String, _ table: String, of schema: LayerSchema, _ read: [String: [String: String]]) {
        let found = (read[table] ?? [:]).filter { !$0.value.isEmpty }
        #expect(found == schema.aliases, "\(path) \(table)")
    }

    func expectReadable(_ path: String) throws {
        let validate = try TestSupport.run("/usr/bin/python3", [QGISStyleTests.validator, path])
        #expect(validate.status == 0 && validate.stdout.isEmpty && validate.stderr.isEmpty, "validate_gpkg \(path): \(validate.stdout)\(validate.stderr)")
        let info = try TestSupport.run("ogrinfo", ["-q", path])
        #expect(info.status == 0 && info.stderr.isEmpty, "ogrinfo \(path): \(info.stderr)")
    }

    /// gpkg_data_columns holds a table's names unique (GeoPackage's gdc_tn constraint).
    @Test func everyLayersChineseNamesAreUnique() {
        for schema in LayerSchema.all {
            for (alias, fields) in Dictionary(grouping: schema.fields, by: \.alias) where fields.count > 1 {
                Issue.record("\(schema.name): \(fields.map(\.field.name).joined(separator: ", ")) are all called \(alias)")
            }
        }
    }

    @Test func aNewProjectNamesEveryLayersFieldsInChinese() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try LayerExportTests.sample(in: folder)
        try expectReadable(path)
        let tables = LayerSchema.all.flatMap { [$0.name, ProjectFile.historyTable($0.name)] }
        let read = try newerGDAL(path, tables)
        for schema in LayerSchema.all {
            expectAliases(path, schema.name, of: schema, read)
            expectAliases(path, ProjectFile.historyTable(schema.name), of: schema, read)
        }
    }

    @Test func anExportedGeoPackageNamesItsFieldsForQGISAndOtherReaders() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try ProjectFile.open(try LayerExportTests.sample(in: folder))
        let out = folder.appendingPathComponent("factories.gpkg").path
        _ = try project.export("old_factories", to: out)
        try expectReadable(out)
        let schema = try LayerSchema.named("old_factories")
        expectAliases(out, "old_factories", of: schema, try newerGDAL(out, ["old_factories"]))
        let qgis = try QGISStyleTests().qgis(out, ["old_factories"])
        var aliases = try #require((qgis["old_factories"] as? [String: Any])?["aliases"] as? [String: String])
        aliases["fid"] = nil
        #expect(aliases == schema.aliases)
    }

    @Test func anOlderProjectGetsThemWithItsFirstChange() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.gpkg").path
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
        // What a project made before habitat wrote gpkg_data_columns looks like.
        for statement in ["DROP TABLE gpkg_data_columns", "DROP TABLE gpkg_data_column_constraints",
                          "DELETE FROM gpkg_extensions WHERE extension_name = 'gpkg_schema'"] {
            let run = try TestSupport.run("ogrinfo", ["-q", path, "-sql", statement])
            try #require(run.status == 0, "\(run.stderr)")
        }
        try expectReadable(path)
        #expect(try newerGDAL(path, ["parks"])["parks"]?.values.allSatisfy(\.isEmpty) == true)

        _ = try Importer(layer: "parks", source: TestSupport.root.appendingPathComponent("geodata/parks.geojson").path).run(into: path)
        try expectReadable(path)
        let read = try newerGDAL(path, LayerSchema.all.map(\.name))
        for schema in LayerSchema.all { expectAliases(path, schema.name, of: schema, read) }
        // The next change finds nothing to add.
        let package = try GeoPackage.open(path, writable: false)
        #expect(try package.columnNames(of: "parks") == LayerSchema.named("parks").aliases)
    }
}
