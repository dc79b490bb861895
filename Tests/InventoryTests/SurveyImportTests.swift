import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// Field surveys as they arrive: the factory form in the encodings and formats China's offices use,
/// positions in degrees, 度分秒, Gauss-Krüger or web-map coordinates. Fixtures are made here;
/// expected positions come from GDAL's gdaltransform.
@Suite struct SurveyImportTests {
    /// The factory survey form (云南省旧厂区现状统计表) with headers as people write them.
    static let factoryForm = #"""
        编号,厂区名称, 厂房具体位置 ,控规是否覆盖,建筑情况描述,生产情况,厂区总面积（万平方米）,建筑占地面积(万平方米),总建筑面积 （万平方米）,改造类别,经度,纬度
        F001,罗平化肥厂,罗平县城东,是,砖混结构,已停产,1.5,0.6,0.9,用地变更类,"104°18'30.5""","24°53'10.2"""
        F002,麒麟水泥厂,麒麟区南,否,钢结构,生产中,0.8,0.3,0.4,改造提升类,103.8012,25.4821
        """#

    func project(in folder: URL, withSampleBuiltUp: Bool = false) throws -> String {
        try emptyProject(in: folder, withSampleBuiltUp: withSampleBuiltUp)
    }


    func factories(_ path: String) throws -> FeatureLayer { try ProjectFile.open(path).current("old_factories") }

    func expectFactoryFormImported(_ path: String, file: String) throws {
        let layer = try factories(path)
        try #require(layer.features.count == 2, "\(file)")
        let first = try #require(layer.features.indices.first { layer.value("code", at: $0) == .string("F001") })
        for (field, value) in [("name", "罗平化肥厂"), ("location", "罗平县城东"), ("regulatory_plan", "是"),
                               ("building_description", "砖混结构"), ("production", "已停产"), ("category", "用地变更类")] {
            #expect(layer.value(field, at: first) == .string(value), "\(file): \(field)")
        }
        // 万平方米 become m².
        #expect(layer.value("site_area_m2", at: first) == .real(15_000), "\(file)")
        #expect(layer.value("footprint_m2", at: first) == .real(6_000) && layer.value("floor_area_m2", at: first) == .real(9_000))
        // The point is kept; the footprint is a circle of the stated area, flagged approximate.
        let (x, y) = try TestSupport.gdalTransform(104 + 18.0 / 60 + 30.5 / 3600, 24 + 53.0 / 60 + 10.2 / 3600)
        let pointX = try #require(layer.value("point_x", at: first).doubleValue), pointY = try #require(layer.value("point_y", at: first).doubleValue)
        #expect(abs(pointX - x) < 0.001 && abs(pointY - y) < 0.001, "\(file): (\(pointX), \(pointY)) vs (\(x), \(y))")
        #expect(layer.value("approximate", at: first) == .integer(1))
        let footprint = try #require(layer.features[first].geometry)
        #expect(abs(footprint.area - 15_000) < 1e-6, "\(file): \(footprint.area)")
        let box = try #require(footprint.envelope)
        #expect(abs((box.minX + box.maxX) / 2 - x) < 0.01 && abs((box.minY + box.maxY) / 2 - y) < 0.01)
        #expect(layer.value("source", at: first).description.contains((file as NSString).lastPathComponent))
    }

    @Test(arguments: ["utf8-bom", "gbk", "xlsx"])
    func theFactoryFormImportsFromEveryKindOfSpreadsheet(kind: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let utf8 = folder.appendingPathComponent("form-utf8.csv")
        try Data(("\u{FEFF}" + Self.factoryForm).utf8).write(to: utf8)
        let source: String
        switch kind {
        case "gbk":
            source = folder.appendingPathComponent("form-gbk.csv").path
            #expect(try TestSupport.run("/bin/sh", ["-c", "tail -c +4 '\(utf8.path)' | iconv -f UTF-8 -t GBK > '\(source)'"]).status == 0)
            #expect(String(data: try Data(contentsOf: URL(fileURLWithPath: source)), encoding: .utf8) == nil)  // really not UTF-8
        case "xlsx":
            source = folder.appendingPathComponent("form.xlsx").path
            #expect(try TestSupport.run("ogr2ogr", ["-f", "XLSX", source, utf8.path]).status == 0)
        default:
            source = utf8.path
        }
        let summary = try Importer(layer: "old_factories", source: source).run(into: path)
        #expect(summary.inserted == 2)
        try expectFactoryFormImported(path, file: source)
    }

    @Test func aDeclaredEncodingIsUsedAndAWrongOneNamed() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let utf8 = try TestSupport.write(Self.factoryForm, to: "form.csv", in: folder)
        let gbk = folder.appendingPathComponent("form-gbk.csv").path
        #expect(try TestSupport.run("/bin/sh", ["-c", "iconv -f UTF-8 -t GBK '\(utf8)' > '\(gbk)'"]).status == 0)
        var wrong = Importer(layer: "old_factories", source: gbk)
        wrong.encoding = .utf8
        #expect { try wrong.run(into: path) } throws: { "\($0)".contains("form-gbk.csv") && "\($0)".contains("not valid UTF-8") }
        var right = Importer(layer: "old_factories", source: gbk)
        right.encoding = try TextEncoding(parsing: "GBK")
        #expect(try right.run(into: path).inserted == 2)
        try expectFactoryFormImported(path, file: gbk)
    }

    /// Points in KML and in a shapefile whose attributes are GBK with a .cpg that says so.
    @Test(arguments: ["kml", "shp"])
    func pointFilesImportWithTheirAttributes(kind: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let geojson = try TestSupport.write("""
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"编号": "F101", "厂区名称": "沾益纺织厂", "厂区总面积": 2.0},
             "geometry": {"type": "Point", "coordinates": [103.8221, 25.6012]}}]}
            """, to: "points.geojson", in: folder)
        let source = folder.appendingPathComponent("points.\(kind)").path
        let options = kind == "shp" ? ["-f", "ESRI Shapefile", "-lco", "ENCODING=CP936"] : ["-f", "KML"]
        let conversion = try TestSupport.run("ogr2ogr", options + [source, geojson])
        try #require(conversion.status == 0, "\(conversion.stderr)")
        if kind == "shp" {
            #expect(try String(contentsOfFile: folder.appendingPathComponent("points.cpg").path, encoding: .utf8).contains("936"))
        }
        #expect(try Importer(layer: "old_factories", source: source).run(into: path).inserted == 1)
        let layer = try factories(path)
        #expect(layer.value("code", at: 0) == .string("F101"))
        #expect(layer.value("name", at: 0) == .string("沾益纺织厂"))
        #expect(layer.value("site_area_m2", at: 0) == .real(20_000))  // the form's unit, 万平方米
        let (x, y) = try TestSupport.gdalTransform(103.8221, 25.6012)
        #expect(abs((layer.value("point_x", at: 0).doubleValue ?? 0) - x) < 0.001)
        #expect(abs((layer.value("point_y", at: 0).doubleValue ?? 0) - y) < 0.001)
    }

    /// A point picked on Amap (GCJ-02) or Baidu (BD-09) lands within 1 mm of the true position;
    /// taken as WGS 84 it would land 300–500 m (GCJ-02) or farther (BD-09) away.
    @Test(arguments: [("gcj02", 300.0, 500.0), ("bd09", 800.0, 2000.0)])
    func webMapPositionsLandWhereTheyBelong(system: String, nearest: Double, farthest: Double) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let truth = (longitude: 103.79642, latitude: 25.50317)
        let offset = try #require(WebMapOffset(rawValue: system))
        let shifted = offset.shift(longitude: truth.longitude, latitude: truth.latitude)
        let source = try TestSupport.write("编号,厂区名称,经度,纬度\nW1,地图上选的点,\(shifted.longitude),\(shifted.latitude)\n",
                                           to: "picked.csv", in: folder)
        let path = try project(in: folder)
        var importer = Importer(layer: "old_factories", source: source)
        importer.declared = try CoordinateSystem(parsing: system)
        _ = try importer.run(into: path)
        let (x, y) = try TestSupport.gdalTransform(truth.longitude, truth.latitude)
        let point = try #require(factories(path).features.first?.geometry).coordinates
        #expect(abs(point[0] - x) < 0.001 && abs(point[1] - y) < 0.001, "\(point) vs (\(x), \(y))")
        #expect(try factories(path).value("source", at: 0).description.contains(system == "gcj02" ? "GCJ-02" : "BD-09"))

        let (rawX, rawY) = try TestSupport.gdalTransform(shifted.longitude, shifted.latitude)
        let offsetMetres = ((rawX - x) * (rawX - x) + (rawY - y) * (rawY - y)).squareRoot()
        #expect(offsetMetres > nearest && offsetMetres < farthest, "\(offsetMetres) m")
    }

    /// Park outlines downloaded from a Chinese web map, in GCJ-02, against the same outlines
    /// converted vertex by vertex.
    @Test func gcj02PolygonsImportVertexByVertex() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let truth = [(103.790, 25.500), (103.794, 25.500), (103.794, 25.503), (103.790, 25.503), (103.790, 25.500)]
        let shifted = truth.map { WebMapOffset.gcj02.shift(longitude: $0.0, latitude: $0.1) }
        let ring = shifted.map { "[\($0.longitude), \($0.latitude)]" }.joined(separator: ", ")
        let source = try TestSupport.write("""
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"code": "P1", "name": "寥廓公园"}, "geometry": {"type": "Polygon", "coordinates": [[\(ring)]]}}]}
            """, to: "amap.geojson", in: folder)
        let path = try project(in: folder)
        var importer = Importer(layer: "parks", source: source)
        importer.declared = .webMap(.gcj02)
        _ = try importer.run(into: path)
        let imported = try #require(ProjectFile.open(path).current("parks").features.first?.geometry).coordinates
        let expected = try truth.flatMap { try TestSupport.gdalTransform($0.0, $0.1) }.flatMap { [$0.0, $0.1] }
        #expect(imported.count == expected.count)
        #expect(zip(imported, expected).allSatisfy { abs($0 - $1) < 0.001 }, "\(imported) vs \(expected)")
    }

    /// Gauss-Krüger X/Y in either order: a 35 zone prefix names EPSG:4523; without it, the zone
    /// that puts the point inside the project.
    @Test func gaussKrugerColumnsFindTheirZone() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (x, y) = try TestSupport.gdalTransform(103.8012, 25.4821)
        let (zoned, _) = try TestSupport.gdalTransform(103.8012, 25.4821, to: "EPSG:4523")
        let source = try TestSupport.write("""
            编号,厂区名称,X坐标,Y坐标
            G1,北东顺序,\(y),\(x)
            G2,带带号,\(y),\(zoned)
            """, to: "gk.csv", in: folder)
        let withArea = try project(in: folder, withSampleBuiltUp: true)
        #expect(try Importer(layer: "old_factories", source: source).run(into: withArea).inserted == 2)
        for feature in try factories(withArea).features {
            let point = try #require(feature.geometry).coordinates
            #expect(abs(point[0] - x) < 0.001 && abs(point[1] - y) < 0.001, "\(point)")
        }
        // Without districts or built-up areas the project cannot tell the zone of G1.
        let empty = folder.appendingPathComponent("empty.gpkg").path
        _ = try ProjectFile.create(empty, crs: CRS("EPSG:4544"), name: "")
        #expect { try Importer(layer: "old_factories", source: source).run(into: empty) } throws: { error in
            guard case let InventoryError.rejected(_, problems) = error else { return false }
            return problems.count == 1 && problems[0].hasPrefix("row 2 (\"北东顺序\"): columns X坐标 and Y坐标: the easting")
                && problems[0].contains("does not tell its Gauss-Krüger zone")
        }
    }

    /// Every bad row is named with its row number and column, and nothing lands.
    @Test func badRowsAreListedByRowAndColumn() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder, withSampleBuiltUp: true)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let source = try TestSupport.write("""
            编号,厂区名称,厂区总面积（万平方米）,经度,纬度
            F1,好厂,0.5,103.80,25.50
            F2,万字厂,1.2万,103.80,25.50
            F3,约数厂,约3,103.80,25.50
            F4,远方厂,0.5,105.50,25.00
            F5,颠倒厂,0.5,25.50,103.80
            F1,重号厂,0.5,103.81,25.51
            F7,,0.5,103.80,25.50
            """, to: "bad.csv", in: folder)
        do {
            _ = try Importer(layer: "old_factories", source: source).run(into: path)
            Issue.record("bad rows were imported")
        } catch let InventoryError.rejected(_, problems) {
            #expect(problems.count == 6, "\(problems)")
            #expect(problems.contains("row 3 (\"万字厂\"): column 厂区总面积（万平方米）: '1.2万' is not a number"))
            #expect(problems.contains("row 4 (\"约数厂\"): column 厂区总面积（万平方米）: '约3' is not a number"))
            #expect(problems.contains { $0.hasPrefix("row 5 (\"远方厂\"): the point") && $0.contains("outside the project's extent") })
            #expect(problems.contains { $0.hasPrefix("row 6 (\"颠倒厂\"): columns 经度 and 纬度") && $0.contains("latitude and longitude look swapped") })
            #expect(problems.contains("row 7 (\"重号厂\"): 编号 F1 appears again (first in row 2 (\"好厂\"))"))
            #expect(problems.contains("row 8: required field name (名称) is empty"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func anOutlineFileWinsOverThePoint() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let form = try TestSupport.write("编号,厂区名称,厂区总面积（万平方米）,经度,纬度\nF1,有轮廓,0.5,103.80,25.50\nF2,只有点,0.5,103.81,25.51\n",
                                         to: "form.csv", in: folder)
        let outlines = try TestSupport.write("""
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"编号": "F1"}, "geometry": {"type": "Polygon", "coordinates": [[[103.799, 25.499], [103.801, 25.499], [103.801, 25.501], [103.799, 25.499]]]}}]}
            """, to: "outlines.geojson", in: folder)
        var importer = Importer(layer: "old_factories", source: form)
        importer.geometrySource = outlines
        _ = try importer.run(into: path)
        let layer = try factories(path)
        #expect(layer.features[0].geometry?.kind == .multiPolygon && layer.value("approximate", at: 0) == .integer(0))
        #expect(layer.value("approximate", at: 1) == .integer(1))
    }

    @Test func theTemplateIsTheFormAndImportsOnceFilled() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = try LayerSchema.named("old_factories").formTemplate()
        let csv = folder.appendingPathComponent("form.csv").path
        try VectorWriter.write(template, to: csv, format: .csv)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csv))
        #expect(bytes.prefix(3) == Data([0xEF, 0xBB, 0xBF]))  // the BOM that makes Excel read UTF-8
        let header = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(header.hasPrefix("编号,厂区名称,县（市、区）,厂房具体位置"))
        #expect(header.contains("厂区总面积（万平方米）") && header.contains("经度,纬度"))
        let answers = ["编号": "F9", "厂区名称": "师宗砖厂", "县（市、区）": "师宗县", "厂房具体位置": "城北", "控规是否覆盖": "否",
                       "厂区总面积（万平方米）": "1.0", "改造类别": "拆旧建新类", "经度": "104.00", "纬度": "24.82"]
        let row = template.fields.map { answers[$0.name] ?? "" }.joined(separator: ",")
        let filled = header.trimmingCharacters(in: .whitespacesAndNewlines) + "\n" + row + "\n"
        try Data(filled.utf8).write(to: URL(fileURLWithPath: csv))
        let path = try project(in: folder)
        #expect(try Importer(layer: "old_factories", source: csv).run(into: path).inserted == 1)
        let layer = try factories(path)
        #expect(layer.value("site_area_m2", at: 0) == .real(10_000) && layer.value("district", at: 0) == .string("530323"))

        let xlsx = folder.appendingPathComponent("form.xlsx").path
        try VectorWriter.write(try LayerSchema.named("old_factories").formTemplate(blankRow: true), to: xlsx, format: .xlsx)
        let read = try VectorReader.read(xlsx)
        #expect(read.fields.map(\.name).prefix(3) == ["编号", "厂区名称", "县（市、区）"])
    }
}

@Suite struct FormValueTests {
    @Test func countyNamesBecomeCodesAndFormValuesAreChecked() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("p.gpkg").path
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
        let good = try TestSupport.write("""
            编号,旧住宅区名称,县（市、区）,地址,建设时间,改造类型,改造具体内容,计划开始改造年度,计划改造完成年度,总体建设进度,经度,纬度
            R1,南关小区,罗平县,罗平县南关路,1992,综合提升改造,环境综合整治、房屋维修养护,2017-03,2018-10,改造中,104.31,24.88
            R2,北门片区,530302,麒麟区北门,1985,棚户区改造,,2016-05,2017-12,已竣工,103.80,25.51
            """, to: "residential.csv", in: folder)
        #expect(try Importer(layer: "old_residential", source: good).run(into: path).inserted == 2)
        let layer = try ProjectFile.open(path).current("old_residential")
        #expect(layer.value("district", at: 0) == .string("530324") && layer.value("district", at: 1) == .string("530302"))
        #expect(layer.value("renovation_content", at: 0) == .string("环境综合整治、房屋维修养护"))
        #expect(layer.value("planned_end", at: 0) == .string("2018-10"))

        let bad = try TestSupport.write("""
            编号,旧住宅区名称,县（市、区）,改造类型,总体建设进度,经度,纬度
            R3,西城小区,西城县,改造,完成,103.80,25.50
            """, to: "bad.csv", in: folder)
        #expect { try Importer(layer: "old_residential", source: bad).run(into: path) } throws: { error in
            guard case let InventoryError.rejected(_, problems) = error else { return false }
            return problems == [
                "row 2 (\"西城小区\"): column 县（市、区）: '西城县' is neither an administrative code nor a county habitat knows",
                "row 2 (\"西城小区\"): column 改造类型: '改造' is not one of 棚户区改造, 综合提升改造",
                "row 2 (\"西城小区\"): column 总体建设进度: '完成' is not one of 未启动, 前期, 改造中, 已竣工",
            ]
        }
    }
}
