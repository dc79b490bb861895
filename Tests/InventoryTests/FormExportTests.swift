import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// A layer exported as its survey form is what a county fills in and sends back: GDAL reads the
/// form's headers and figures, and habitat imports it, with its outlines, as it is.
@Suite struct FormExportTests {
    static let validator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"

    /// Three sites: a surveyed outline (a 100 m square, 1 ha), a point with its stated area (an
    /// approximate footprint) and a bare point without a county.
    func projectWithFactories(in folder: URL, named name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
        let source = try TestSupport.write(#"""
            编号,厂区名称,县（市、区）,控规是否覆盖,厂区总面积（万平方米）,改造类别,调查日期,WKT
            F1,罗平化肥厂,罗平县,是,1.0,用地变更类,2016-06-01,"POLYGON ((500000 2800000, 500100 2800000, 500100 2800100, 500000 2800100, 500000 2800000))"
            F2,麒麟水泥厂,530302,否,0.5,改造提升类,2016-07-15,"POINT (501000 2801000)"
            F3,无名砖厂,,,,,,"POINT (502000 2802000)"
            """#, to: "factories.csv", in: folder)
        var importer = Importer(layer: "old_factories", source: source)
        importer.declared = .crs(try CRS("EPSG:4544"))
        #expect(try importer.run(into: path).inserted == 3)
        return path
    }


    @Test(arguments: ["xlsx", "csv"]) func theFormGoesOutAndComesBackAsItIs(_ kind: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try projectWithFactories(in: folder, named: "city.gpkg")
        let form = folder.appendingPathComponent("罗平县旧厂区.\(kind)").path
        let written = try ProjectFile.open(original).exportForm("old_factories", to: form)
        #expect(written.count == 3)
        let outlines = try #require(written.outlines)
        #expect(outlines == folder.appendingPathComponent("罗平县旧厂区.outlines.gpkg").path)

        // What GDAL reads in the form: the official headers, counties by name, areas in 万平方米.
        let info = try TestSupport.run("ogrinfo", ["-al", "-q", "--config", "OGR_XLSX_HEADERS", "FORCE", form])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("厂区名称") && info.stdout.contains("县（市、区）") && info.stdout.contains("经度"))
        #expect(info.stdout.contains("= 罗平县") && info.stdout.contains("= 麒麟区") && !info.stdout.contains("530302"))
        #expect(info.stdout.contains("厂区总面积（万平方米） (Real) = 0.5") || info.stdout.contains("厂区总面积（万平方米） (String) = 0.5"))
        // The approximate site's 经度/纬度 is its surveyed point.
        let (longitude, latitude) = try TestSupport.gdalTransform(501000, 2801000, from: "EPSG:4544", to: "EPSG:4326")
        let read = try VectorReader.read(form)
        let f2 = try #require(read.features.firstIndex { $0.values[0] == .string("F2") })
        #expect(abs((read.value("经度", at: f2).doubleValue ?? 0) - longitude) < 1e-9)
        #expect(abs((read.value("纬度", at: f2).doubleValue ?? 0) - latitude) < 1e-9)
        // The outline file is a valid GeoPackage with the one surveyed outline.
        let validation = try TestSupport.run("/usr/bin/python3", [Self.validator, outlines])
        #expect(validation.status == 0 && validation.stdout.isEmpty, "\(validation.stdout)")
        let outlineInfo = try TestSupport.run("ogrinfo", ["-al", "-so", outlines])
        #expect(outlineInfo.stdout.contains("Feature Count: 1") && outlineInfo.stdout.contains("ID[\"EPSG\",4544]]"))

        // Filled in and sent back, it imports as it is, and says what the original said.
        let returned = folder.appendingPathComponent("returned.gpkg").path
        _ = try ProjectFile.create(returned, crs: CRS("EPSG:4544"), name: "")
        var importer = Importer(layer: "old_factories", source: form)
        importer.geometrySource = outlines
        #expect(try importer.run(into: returned).inserted == 3)
        let before = try ProjectFile.open(original).current("old_factories")
        let after = try ProjectFile.open(returned).current("old_factories")
        for field in ["code", "name", "district", "regulatory_plan", "category", "surveyed", "approximate"] {
            #expect((0..<3).map { before.value(field, at: $0) } == (0..<3).map { after.value(field, at: $0) }, "\(field)")
        }
        for index in 0..<3 {
            let (a, b) = (before.value("site_area_m2", at: index).doubleValue, after.value("site_area_m2", at: index).doubleValue)
            #expect(a == b || TestSupport.close(a ?? .nan, b ?? .nan, relative: 1e-12), "site area of \(index)")
        }
        // The outline comes back exactly; the points to well under a millimetre.
        #expect(before.features[0].geometry?.wkb == after.features[0].geometry?.wkb)
        for index in 1...2 {
            let (x, y) = (before.features[index].geometry!.coordinates, after.features[index].geometry!.coordinates)
            #expect(x.count == y.count && zip(x, y).allSatisfy { abs($0 - $1) < 1e-4 })
        }
    }

    @Test func aFormIsASpreadsheet() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try projectWithFactories(in: folder, named: "city.gpkg")
        let geojson = folder.appendingPathComponent("form.geojson").path
        let refused = try TestSupport.run(TestSupport.habitat, ["export", project, "old_factories", geojson, "--form"])
        #expect(refused.status == 2 && refused.stderr.contains("a form is written as .xlsx or .csv"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: geojson))
        let form = folder.appendingPathComponent("form.xlsx").path
        let done = try TestSupport.run(TestSupport.habitat, ["export", project, "old_factories", form, "--form"])
        #expect(done.status == 0 && done.stdout.contains("--geometry \(folder.appendingPathComponent("form.outlines.gpkg").path)"),
                "\(done.stdout)\(done.stderr)")
        // Exported again with no outline left, the old outline file goes too.
        try ProjectFile.delete(project, layer: "old_factories", code: "F1")
        #expect(try ProjectFile.open(project).exportForm("old_factories", to: form).outlines == nil)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("form.outlines.gpkg").path))
    }
}
