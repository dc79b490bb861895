import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// A hotline export as it comes: points picked on Amap (GCJ-02) and Baidu (BD-09) beside GPS ones,
/// each row naming its map in 坐标系; rows without coordinates placed at the key area their 地址
/// names exactly (flagged approximate); bad dates, unknown kinds and unplaceable rows rejected with
/// their row and reason. Positions checked against GDAL's gdaltransform of the true WGS 84 points.
@Suite struct HotlineImportTests {
    static let truth = [(103.7964, 25.5031), (103.8123, 25.5117), (103.7851, 25.4902)]

    func project(in folder: URL) throws -> (path: String, market: Envelope) {
        let path = try emptyProject(in: folder, withSampleBuiltUp: true)
        let (x, y) = try TestSupport.gdalTransform(103.805, 25.505)
        func square(_ x: Double, _ y: Double) -> String {
            "\"POLYGON ((\(x) \(y), \(x + 60) \(y), \(x + 60) \(y + 60), \(x) \(y + 60), \(x) \(y)))\""
        }
        var importer = Importer(layer: "key_areas", source: try TestSupport.write("""
            编号,名称,区域类型,行政区划代码,WKT
            KA1,南门农贸市场,集贸市场,530302,\(square(x, y))
            KA2,人民广场,广场公园,530302,\(square(x + 500, y))
            KA3,人民广场,广场公园,530303,\(square(x + 1000, y))
            """, to: "key_areas.csv", in: folder))
        importer.declared = .crs(try CRS("EPSG:4544"))
        #expect(try importer.run(into: path).inserted == 3)
        return (path, Envelope(minX: x, minY: y, maxX: x + 60, maxY: y + 60))
    }

    func export(in folder: URL) throws -> String {
        let gcj = WebMapOffset.gcj02.shift(longitude: Self.truth[0].0, latitude: Self.truth[0].1)
        let bd = WebMapOffset.bd09.shift(longitude: Self.truth[1].0, latitude: Self.truth[1].1)
        let gps = Self.truth[2]
        return try TestSupport.write("""
            工单编号,受理时间,问题类型,诉求内容,地址,经度,纬度,坐标系,来源渠道,办结时间
            RX001,2018-03-01 09:12:00,占道经营,有人占道摆摊,南门路,\(gcj.longitude),\(gcj.latitude),高德,热线,2018-03-01 15:00
            RX002,2018/3/2 10:05,乱吐乱扔,垃圾乱扔,北关路,\(bd.longitude),\(bd.latitude),百度,热线,
            RX003,2018-03-03 11:00,乱贴乱画,小广告,东风路,\(gps.0),\(gps.1),GPS,巡查,2018年3月4日 10:00
            RX004,2018-03-04 08:30,乱摆乱放,货物堆放,南门农贸市场,,,,信箱,
            RX005,2018-03-05 08:30,乱摆乱放,货物堆放,南门农贸市场附近,,,,热线,
            RX006,2018-02-30 10:00,乱排乱倒,污水乱排,东风路,\(gps.0),\(gps.1),GPS,热线,
            RX007,2018-03-06 10:00,乱停乱放,车辆乱停,东风路,\(gps.0),\(gps.1),GPS,热线,
            RX008,2018-03-07 10:00,乱吐乱扔,垃圾,人民广场,,,,热线,
            RX009,2018-03-08 10:00,乱吐乱扔,垃圾,东风路,\(gps.0),\(gps.1),谷歌,热线,
            """, to: "12345导出.csv", in: folder)
    }

    static let rejected = [
        "row 6: has no location (经度/纬度 are empty) and its 地址 '南门农贸市场附近' names no key area exactly",
        "row 7: column 受理时间: '2018-02-30 10:00' is not a date and time (write 2017-05-01 09:30)",
        "row 8: column 问题类型: '乱停乱放' is not one of 占道经营, 乱摆乱放, 乱贴乱画, 乱吐乱扔, 乱排乱倒, 乱搭乱建",
        "row 9: column 地址: '人民广场' names 2 key areas; give its 经度/纬度 or the key area's code",
        "row 10: column 坐标系: '谷歌' is not a coordinate system (WGS84, GCJ-02, BD-09 or an EPSG code)",
    ]

    @Test func everyBadRowIsReportedAndNothingImported() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (path, _) = try project(in: folder)
        let source = try export(in: folder)
        #expect(throws: InventoryError.rejected(source, problems: Self.rejected)) {
            try Importer(layer: "incidents", source: source).run(into: path)
        }
        #expect(try ProjectFile.open(path).current("incidents").features.isEmpty)
    }

    /// The export as CSV, and as the XLSX a hotline system saves (the same rows, by ogr2ogr).
    @Test(arguments: ["csv", "xlsx"])
    func goodRowsLandWhereTheyBelong(format: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (path, market) = try project(in: folder)
        var source = try export(in: folder)
        if format == "xlsx" {
            let workbook = folder.appendingPathComponent("12345导出.xlsx").path
            let conversion = try TestSupport.run("ogr2ogr", ["-f", "XLSX", workbook, source])
            try #require(conversion.status == 0, "\(conversion.stderr)")
            source = workbook
        }
        var importer = Importer(layer: "incidents", source: source)
        importer.skipInvalid = true
        let summary = try importer.run(into: path)
        #expect(summary.inserted == 4 && summary.rejected == 5)
        let rejects = try String(contentsOfFile: try #require(summary.rejectsFile), encoding: .utf8)
        for line in Self.rejected {
            let (row, reason) = (String(line.prefix { $0 != ":" }), String(line.drop { $0 != ":" }.dropFirst(2)))
            #expect(rejects.contains(row + ",") && rejects.contains(reason.replacingOccurrences(of: "\"", with: "\"\"")), "\(line)")
        }

        let layer = try ProjectFile.open(path).current("incidents")
        func row(_ code: String) throws -> Int { try #require(layer.features.indices.first { layer.text("code", at: $0) == code }) }
        // GCJ-02, BD-09 and GPS points each within a millimetre of where GDAL puts the true WGS 84 point.
        for (code, truth, system) in [("RX001", Self.truth[0], "GCJ-02"), ("RX002", Self.truth[1], "BD-09"), ("RX003", Self.truth[2], "EPSG:4326")] {
            let index = try row(code)
            let (x, y) = try TestSupport.gdalTransform(truth.0, truth.1)
            let point = try #require(layer.features[index].geometry).coordinates
            #expect(abs(point[0] - x) < 0.001 && abs(point[1] - y) < 0.001, "\(code): \(point) vs (\(x), \(y))")
            #expect(layer.text("source", at: index)?.contains(system) == true, "\(code): \(layer.text("source", at: index) ?? "")")
            #expect(layer.value("approx", at: index) == .integer(0))
        }
        #expect(layer.text("reported", at: try row("RX002")) == "2018-03-02 10:05:00")
        #expect(layer.text("closed", at: try row("RX003")) == "2018-03-04 10:00:00")
        #expect(layer.text("closed", at: try row("RX001")) == "2018-03-01 15:00:00")
        #expect(layer.text("channel", at: try row("RX004")) == "信箱")
        // Told by phone: at the market, approximate, with its key area, type and district.
        let told = try row("RX004")
        let point = try #require(layer.features[told].geometry)
        #expect(point.kind == .point)
        let xy = point.coordinates
        #expect(market.contains(Envelope(minX: xy[0], minY: xy[1], maxX: xy[0], maxY: xy[1])), "\(xy) outside the market \(market)")
        #expect(layer.value("approx", at: told) == .integer(1))
        #expect(layer.text("key_area", at: told) == "KA1" && layer.text("area_type", at: told) == "集贸市场")
        #expect(layer.text("district", at: told) == "530302")

        // habitat's own export imports back as it was: the case placed by its address stays flagged.
        let exported = folder.appendingPathComponent("incidents-export.csv").path
        _ = try ProjectFile.open(path).export("incidents", to: exported)
        var again = Importer(layer: "incidents", source: exported)
        again.declared = .crs(try CRS("EPSG:4326"))
        let back = try again.run(into: path)
        #expect(back.unchanged == 4 && back.updated == 0 && back.inserted == 0, "\(back)")
    }

    /// Inspections name their key area by code or name; one naming none is refused; a score must lie in 0–100.
    @Test func inspectionsArePlacedAtTheirKeyArea() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (path, market) = try project(in: folder)
        let source = try TestSupport.write("""
            检查编号,重点区域,检查日期,检查方式,得分,发现问题数
            IN1,KA1,2018-03-10,明查,88.5,2
            IN2,南门农贸市场,2018-03-12,暗访,91,0
            IN3,北门市场,2018-03-12,暗访,91,0
            IN4,KA2,2018-03-12,第三方测评,101,0
            IN5,KA2,2018-03-12,抽查,90,0
            """, to: "inspections.csv", in: folder)
        #expect(throws: InventoryError.rejected(source, problems: [
            "row 4: column 重点区域: '北门市场' is no key area of the project (give a key area's code or name)",
            "row 5: column 得分: 101.0 is not between 0 and 100",
            "row 6: column 检查方式: '抽查' is not one of 明查, 暗访, 第三方测评",
        ])) { try Importer(layer: "inspections", source: source).run(into: path) }
        var importer = Importer(layer: "inspections", source: source)
        importer.skipInvalid = true
        #expect(try importer.run(into: path).inserted == 2)
        let layer = try ProjectFile.open(path).current("inspections")
        for index in layer.features.indices {
            #expect(layer.text("key_area", at: index) == "KA1")
            #expect(layer.text("district", at: index) == "530302")
            let xy = try #require(layer.features[index].geometry).coordinates
            #expect(market.contains(Envelope(minX: xy[0], minY: xy[1], maxX: xy[0], maxY: xy[1])))
        }
    }
}
