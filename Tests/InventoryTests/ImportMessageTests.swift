import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// Messages that tell the person importing what to do: the area a point park needs, the sheet
/// that holds the data, the county meant, the CRS to declare; rejects placed as messages place
/// them; the form's degrees as a person typed them.
@Suite struct ImportMessageTests {
    func project(in folder: URL) throws -> String { try emptyProject(in: folder) }

    func problems(importing importer: Importer, into path: String) -> [String] {
        do {
            _ = try importer.run(into: path)
            return []
        } catch let InventoryError.rejected(_, problems) {
            return problems
        } catch {
            return ["\(error)"]
        }
    }

    @Test func aPointParksAreaMustBePositive() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let source = try TestSupport.write("""
            公园名称,公园面积（公顷）,经度,纬度
            零园,0,103.80,25.50
            负园,-2,103.81,25.51
            """, to: "amap.csv", in: folder)
        #expect(problems(importing: Importer(layer: "parks", source: source), into: path) == [
            "row 2 (\"零园\"): is a Point where a polygon is expected; its area (column 公园面积（公顷）: 0) must be positive for an approximate footprint (0.0 m² is none); give it, or its outline",
            "row 3 (\"负园\"): is a Point where a polygon is expected; its area (column 公园面积（公顷）: -2) must be positive for an approximate footprint (-20000.0 m² is none); give it, or its outline",
        ])
    }

    /// The workbook's first sheet is 说明 (how to fill it in); the data is on 现状表.
    @Test func aWorkbookNamesTheSheetsThatHoldData() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let notes = try TestSupport.write("说明,备注\n本表由各县（市、区）填报,\n面积单位为万平方米,\n", to: "说明.csv", in: folder)
        let data = try TestSupport.write("编号,厂区名称,经度,纬度\nF1,罗平化肥厂,104.30,24.88\n", to: "现状表.csv", in: folder)
        let workbook = folder.appendingPathComponent("form.xlsx").path
        #expect(try TestSupport.run("ogr2ogr", ["-f", "XLSX", workbook, notes, "-nln", "说明"]).status == 0)
        #expect(try TestSupport.run("ogr2ogr", ["-update", workbook, data, "-nln", "现状表"]).status == 0)
        let said = problems(importing: Importer(layer: "old_factories", source: workbook), into: path)
        #expect(said.count == 1 && said[0].hasPrefix("\(workbook): the headers of old_factories were not found")
                && said[0].hasSuffix("; that was sheet 说明, and 现状表 holds data: --sheet 现状表 reads it"), "\(said)")
    }

    @Test func aCountyNameCutShortIsCompleted() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let source = try TestSupport.write("编号,厂区名称,县（市、区）,经度,纬度\nF1,罗平化肥厂,罗平,104.30,24.88\nF2,无名厂,火星,104.31,24.89\n",
                                           to: "form.csv", in: folder)
        #expect(problems(importing: Importer(layer: "old_factories", source: source), into: path) == [
            "row 2 (\"罗平化肥厂\"): column 县（市、区）: '罗平' is neither an administrative code nor a county habitat knows (did you mean 罗平县?)",
            "row 3 (\"无名厂\"): column 县（市、区）: '火星' is neither an administrative code nor a county habitat knows",
        ])
    }

    /// A GeoJSON is WGS 84 by definition; this one holds EPSG:4544 metres.
    @Test func aWrongStatedCRSSuggestsDeclaringTheRightOne() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let source = try TestSupport.write(#"""
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "寥廓公园"},
             "geometry": {"type": "Polygon", "coordinates": [[[380000, 2821880.2], [380100, 2821880.2], [380100, 2821780.2], [380000, 2821880.2]]]}}]}
            """#, to: "parks.geojson", in: folder)
        #expect(problems(importing: Importer(layer: "parks", source: source), into: path) == [
            "feature 1 (\"寥廓公园\"): latitude 2821880.2 is beyond ±90°; if the file's stated CRS is wrong, declare the right one with --crs",
        ])
    }

    /// The rejects file places a feature as the message does: by its row in the sheet.
    @Test func rejectsArePlacedAsTheMessagesPlaceThem() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let source = try TestSupport.write("旧厂区现状统计表,,,\n编号,厂区名称,经度,纬度\nF1,罗平化肥厂,104.30,24.88\nF2,无名厂,,\n",
                                           to: "form.csv", in: folder)
        var importer = Importer(layer: "old_factories", source: source)
        importer.skipInvalid = true
        let summary = try importer.run(into: path)
        #expect(summary.rejected == 1)
        let rejects = try VectorReader.read(try #require(summary.rejectsFile))
        #expect(rejects.value("feature", at: 0) == .string("row 4"))
        #expect(rejects.value("problem", at: 0).description.hasPrefix("has no location"))
    }

    /// 经度/纬度 as typed, to 9 decimals: 24.81, 24.82, … come back as they were written, not
    /// 24.87999999999999.
    @Test func theFormsDegreesAreAsTyped() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let longitudes: [String] = (1...20).map { "103.\(70 + $0)" }, latitudes: [String] = (1...20).map { "24.\(80 + $0)" }
        let rows = (0..<20).map { "F\($0),厂\($0),\(longitudes[$0]),\(latitudes[$0])" }
        let source = try TestSupport.write((["编号,厂区名称,经度,纬度"] + rows).joined(separator: "\n"), to: "form.csv", in: folder)
        #expect(try Importer(layer: "old_factories", source: source).run(into: path).inserted == 20)
        let form = folder.appendingPathComponent("form.xlsx").path
        _ = try ProjectFile.open(path).exportForm("old_factories", to: form)
        let read = try VectorReader.read(form)
        let writtenLongitudes: [Double?] = read.features.indices.map { read.value("经度", at: $0).doubleValue }
        let writtenLatitudes: [Double?] = read.features.indices.map { read.value("纬度", at: $0).doubleValue }
        #expect(writtenLongitudes == longitudes.map(Double.init))
        #expect(writtenLatitudes == latitudes.map(Double.init))
    }
}
