import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// What habitat writes, it reads back as it was: its own field names (and a shapefile's cuts of
/// them) in square metres, the approximate flag and point, and nothing logged as changed that
/// nobody changed. The sites are FormExportTests' three: a 1 ha outline (F1), a point stated as
/// 0.5 万平方米 at (501000, 2801000) (F2) and a bare point (F3).
@Suite struct RoundTripTests {
    func sites(in folder: URL) throws -> String {
        try FormExportTests().projectWithFactories(in: folder, named: "city.gpkg")
    }

    @Test(arguments: ["shp", "gpkg", "geojson", "csv"]) func anExportImportsBackAsItWas(_ kind: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try sites(in: folder)
        // A shapefile holds one kind of geometry: the polygons.
        if kind == "shp" { try ProjectFile.delete(original, layer: "old_factories", code: "F3") }
        let count = kind == "shp" ? 2 : 3
        let exported = folder.appendingPathComponent("fac.\(kind)").path
        // The CSV in project X/Y: its WKT in metres as stored, so that nothing changes at the millimetre.
        var options = ExportOptions()
        options.projectXY = kind == "csv"
        let written = try ProjectFile.open(original).export("old_factories", to: exported, options: options)
        #expect(written.count == count)
        var importer = Importer(layer: "old_factories", source: exported)
        importer.declared = written.importCRS  // a CSV's WKT and 经度/纬度 state no CRS

        let fresh = folder.appendingPathComponent("fresh.gpkg").path
        _ = try ProjectFile.create(fresh, crs: CRS("EPSG:4544"), name: "")
        #expect(try importer.run(into: fresh).inserted == count)
        let layer = try ProjectFile.open(fresh).current("old_factories")
        func site(_ code: String) throws -> Int { try #require(layer.features.indices.first { layer.value("code", at: $0) == .string(code) }) }
        // 1.0 and 0.5 万平方米 in the form: 10000 and 5000 m², not ten thousand times those.
        #expect(layer.value("site_area_m2", at: try site("F1")).doubleValue == 10_000, "\(kind)")
        #expect(layer.value("site_area_m2", at: try site("F2")).doubleValue == 5_000, "\(kind)")
        let f2 = try site("F2")
        #expect(layer.value("approximate", at: f2) == .integer(1), "\(kind)")
        #expect(layer.value("point_x", at: f2).doubleValue == 501_000 && layer.value("point_y", at: f2).doubleValue == 2_801_000, "\(kind)")
        #expect(layer.value("approximate", at: try site("F1")) == .integer(0), "\(kind)")

        // Into the project it came from: nothing changed (GeoJSON's 7 decimals of a degree move
        // points by up to 5 mm, which is a change at the millimetre).
        let again = try importer.run(into: original)
        if kind != "geojson" { #expect(again.updated == 0 && again.unchanged == count, "\(kind): \(again)") }
    }

    @Test func aFormSentBackUnchangedChangesNothing() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try sites(in: folder)
        let form = folder.appendingPathComponent("罗平县旧厂区.xlsx").path
        let written = try ProjectFile.open(original).exportForm("old_factories", to: form)
        let before = try ProjectFile.open(original).current("old_factories")
        var importer = Importer(layer: "old_factories", source: form)
        importer.geometrySource = written.outlines
        // F2's circle is drawn again from 经度/纬度, F3's point placed again: equal to well under a millimetre.
        let summary = try importer.run(into: original)
        #expect(summary.updated == 0 && summary.unchanged == 3, "\(summary)")
        let after = try ProjectFile.open(original).current("old_factories")
        // The stored versions are kept as they were.
        let kept = before.features.map { $0.geometry?.wkb } == after.features.map { $0.geometry?.wkb }
        #expect(kept)
        #expect(try ProjectFile.open(original).history("old_factories").features.count == 3)
    }
}

extension RoundTripTests {
    /// A county sends the form back without its outlines file: F1's 1 ha outline stays, and its new
    /// 厂区总面积 (2 万平方米 = 20000 m²) is an attribute like any other.
    @Test func aSurveyedOutlineIsNotReplacedByAPoint() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try sites(in: folder)
        let before = try ProjectFile.open(path).current("old_factories")
        let (longitude, latitude) = try TestSupport.gdalTransform(500050, 2800050, from: "EPSG:4544", to: "EPSG:4326")
        let form = try TestSupport.write("""
            编号,厂区名称,县（市、区）,控规是否覆盖,厂区总面积（万平方米）,改造类别,调查日期,经度,纬度
            F1,罗平化肥厂,罗平县,是,2.0,用地变更类,2016-06-01,\(longitude),\(latitude)
            """, to: "returned.csv", in: folder)
        let summary = try Importer(layer: "old_factories", source: form).run(into: path)
        #expect(summary.updated == 1)
        #expect(summary.notes.contains { $0.hasPrefix("1 site(s) kept their surveyed outline") && $0.contains("(F1)") }, "\(summary.notes)")
        let after = try ProjectFile.open(path).current("old_factories")
        let f1 = try #require(after.features.indices.first { after.value("code", at: $0) == .string("F1") })
        let kept = after.features[f1].geometry?.wkb == before.features[0].geometry?.wkb
        #expect(kept)
        #expect(after.value("approximate", at: f1) == .integer(0) && after.value("point_x", at: f1) == .null)
        #expect(after.value("site_area_m2", at: f1).doubleValue == 20_000)
    }
}
