import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// Every export format, imported back by habitat, gives the same features and fields: positions
/// within 1 cm for GeoJSON's 7 decimals, 1 mm otherwise; web-map exports back through
/// `--crs gcj02|bd09`. The sample city's parks (polygons), old factories (one an approximate
/// footprint), urban villages (polygons and a point) and old residential areas.
@Suite struct LayerExportTests {
    static let layers = ["parks", "old_factories", "urban_villages", "old_residential"]

    /// A project holding the sample's layers, imported by the library.
    static func sample(in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("sample.gpkg").path
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "sample")
        for layer in layers {
            _ = try Importer(layer: layer, source: TestSupport.root.appendingPathComponent("geodata/\(layer).geojson").path).run(into: path)
        }
        return path
    }

    struct Case: CustomStringConvertible, Sendable {
        let file: String
        var encoding: TextEncoding = .utf8
        var webMap: WebMapOffset?
        var projectXY = false

        var description: String { file }
        var options: ExportOptions {
            var options = ExportOptions()
            options.encoding = encoding
            options.webMap = webMap
            options.projectXY = projectXY
            return options
        }
        /// GeoJSON keeps 7 decimals of a degree (RFC 7946), about a centimetre.
        var tolerance: Double { file.hasSuffix(".geojson") ? 0.01 : 0.001 }
    }

    static let cases = [
        Case(file: "out.gpkg"), Case(file: "out.shp"), Case(file: "gbk.shp", encoding: .gbk), Case(file: "out.geojson"),
        Case(file: "out.kml"), Case(file: "out.kmz"), Case(file: "out.csv"), Case(file: "xy.csv", projectXY: true),
        Case(file: "amap.geojson", webMap: .gcj02), Case(file: "baidu.geojson", webMap: .bd09),
        Case(file: "amap.kml", webMap: .gcj02), Case(file: "baidu.kmz", webMap: .bd09),
        Case(file: "amap.csv", webMap: .gcj02), Case(file: "baidu.csv", webMap: .bd09),
    ]

    @Test(arguments: cases) func anExportImportsBackAsItWas(_ export: Case) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try ProjectFile.open(try Self.sample(in: folder))
        let fresh = folder.appendingPathComponent("fresh.gpkg").path
        _ = try ProjectFile.create(fresh, crs: CRS("EPSG:4544"), name: "")
        // A shapefile holds one kind of geometry; the villages are polygons and a point.
        for layer in Self.layers where !(export.file.hasSuffix(".shp") && layer == "urban_villages") {
            let path = folder.appendingPathComponent("\(layer)-\(export.file)").path
            let written = try project.export(layer, to: path, options: export.options)
            var importer = Importer(layer: layer, source: path)
            importer.declared = written.importCRS
            let summary = try importer.run(into: fresh)
            #expect(summary.inserted == written.count && summary.rejected == 0, "\(layer) \(export): \(summary)")
            // Every column is a field's (or the position's): nothing left over to warn of.
            #expect(!summary.notes.contains { $0.contains("not used") }, "\(layer) \(export): \(summary.notes)")
            try Self.expectSame(try project.current(layer), try ProjectFile.open(fresh).current(layer),
                                tolerance: export.tolerance, "\(layer) \(export)")
        }
    }

    /// A workbook, for Excel users: the Chinese headers (as openpyxl reads them) and each feature's
    /// 经度/纬度. It holds no outlines: imported back, every field is as it was, a point where it
    /// was (to 1 mm), an outline a point inside it.
    @Test func aWorkbookHasTheChineseHeadersAndAPositionPerFeature() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try ProjectFile.open(try Self.sample(in: folder))
        let out = folder.appendingPathComponent("villages.xlsx").path
        let written = try project.export("urban_villages", to: out)
        let schema = try LayerSchema.named("urban_villages")
        let sheet = try TestSupport.run(TestSupport.python, ["-c", TestSupport.workbookReader, out])
        try #require(sheet.status == 0, "\(sheet.stderr)")
        let cells = try #require(try TestSupport.json(sheet.stdout)["cells"] as? [String: [Any]])
        let headers = "ABCDEFGHIJKLMNOP".map { cells["\($0)1"]?.first as? String }.compactMap { $0 }
        #expect(headers == schema.fields.map(\.alias) + ["经度", "纬度"])

        let fresh = folder.appendingPathComponent("fresh.gpkg").path
        _ = try ProjectFile.create(fresh, crs: CRS("EPSG:4544"), name: "")
        var importer = Importer(layer: "urban_villages", source: out)
        importer.declared = written.importCRS
        #expect(try importer.run(into: fresh).inserted == 11)
        let (original, back) = (try project.current("urban_villages"), try ProjectFile.open(fresh).current("urban_villages"))
        for index in original.features.indices {
            let code = original.value("code", at: index)
            let match = try #require(back.features.indices.first { back.value("code", at: $0) == code })
            for field in schema.fieldNames { #expect(Unchanged.value(original.value(field, at: index), back.value(field, at: match)), "\(code).\(field)") }
            let (geometry, point) = (try #require(original.features[index].geometry), try #require(back.features[match].geometry))
            #expect(point.kind == .point)
            if geometry.kind == .point {
                #expect(zip(geometry.coordinates, point.coordinates).allSatisfy { abs($0 - $1) <= 0.001 }, "\(code)")
            } else {
                #expect(try PreparedGeometry(geometry).contains(point), "\(code)")
            }
        }
    }

    /// Every field of every feature the same (an area recomputed from the outline within the
    /// outline's length × the tolerance), every vertex within the tolerance.
    static func expectSame(_ original: FeatureLayer, _ back: FeatureLayer, tolerance: Double, _ what: String) throws {
        #expect(back.features.count == original.features.count, "\(what)")
        let codes = Dictionary(uniqueKeysWithValues: back.features.indices.map { (back.value("code", at: $0).description, $0) })
        for (index, feature) in original.features.enumerated() {
            let code = original.value("code", at: index).description
            let match = try #require(codes[code], "\(what): \(code) did not come back")
            let geometry = try #require(feature.geometry), returned = try #require(back.features[match].geometry)
            for field in original.fields.map(\.name) {
                let (a, b) = (original.value(field, at: index), back.value(field, at: match))
                if field == "area_m2", let x = a.doubleValue, let y = b.doubleValue {
                    #expect(abs(x - y) <= geometry.length * tolerance, "\(what): \(code).\(field) \(a) → \(b)")
                } else {
                    #expect(Unchanged.value(a, b), "\(what): \(code).\(field) \(a) → \(b)")
                }
            }
            #expect(returned.kind == geometry.kind, "\(what): \(code)")
            let (xy, back) = (try geometry.normalized().coordinates, try returned.normalized().coordinates)
            #expect(xy.count == back.count, "\(what): \(code) has \(back.count / 2) vertices, not \(xy.count / 2)")
            let off = zip(xy, back).map { abs($0 - $1) }.max() ?? 0
            #expect(off <= tolerance, "\(what): \(code) moved \(off) m")
        }
    }
}

/// The shapefile ArcGIS opens: short names from one table, a .cpg always (GBK for old ArcMap),
/// the field map beside it. Read by ogrinfo, which knows nothing of habitat.
@Suite struct ShapefileExportTests {
    @Test func everyFieldOfEveryLayerHasAShortName() {
        for schema in LayerSchema.all {
            var taken: [String: String] = [:]
            for spec in schema.fields {
                let field = "\(schema.name).\(spec.field.name)"
                guard let short = spec.shapefileName else {
                    Issue.record("\(field) has no shapefile name: add it to ShapefileNames.table[\"\(schema.name)\"]")
                    continue
                }
                #expect(short.count <= 10 && short.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") },
                        "\(field): '\(short)' is not a DBF field name of at most 10 characters")
                #expect(taken[short.lowercased()] == nil, "\(field): '\(short)' is \(schema.name).\(taken[short.lowercased()] ?? "")'s already")
                taken[short.lowercased()] = spec.field.name
                // An import must not take it for another field's column.
                for other in schema.fields where other.field.name != spec.field.name {
                    #expect(!other.knownHeaders.map(FormHeaders.normalized).contains(FormHeaders.normalized(short)),
                            "\(field): '\(short)' is a header \(schema.name).\(other.field.name) answers to")
                }
            }
            #expect(Set(ShapefileNames.table[schema.name]?.keys.map { $0 } ?? []) == Set(schema.fieldNames),
                    "ShapefileNames.table[\"\(schema.name)\"] names fields the layer does not have")
        }
    }

    @Test(arguments: [TextEncoding.utf8, .gbk]) func theFilesBesideItSayWhatItHolds(_ encoding: TextEncoding) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try ProjectFile.open(try LayerExportTests.sample(in: folder))
        let path = folder.appendingPathComponent("旧厂区.shp").path
        var options = ExportOptions()
        options.encoding = encoding
        let written = try project.export("old_factories", to: path, options: options)
        let schema = try LayerSchema.named("old_factories")

        let cpg = try String(contentsOfFile: folder.appendingPathComponent("旧厂区.cpg").path, encoding: .utf8)
        #expect(cpg.trimmingCharacters(in: .whitespacesAndNewlines) == (encoding == .utf8 ? "UTF-8" : "CP936"))
        // The DBF's names, as GDAL lists them.
        let info = try TestSupport.run("ogrinfo", ["-so", path, "旧厂区"])
        let names = info.stdout.split(separator: "\n").compactMap { line in
            ["String", "Real", "Integer", "Integer64"].lazy.compactMap { line.range(of: ": \($0) (") }.first.map { String(line[..<$0.lowerBound]) }
        }
        #expect(names == schema.fields.map { $0.shapefileName! }, "\(info.stdout)")
        #expect(names.contains("bldg_desc") && names.contains("site_m2"))
        // ogrinfo decodes the names of the factories by the .cpg.
        let all = try TestSupport.run("ogrinfo", ["-q", "-al", path])
        let current = try project.current("old_factories")
        for index in current.features.indices { #expect(all.stdout.contains("name (String) = \(current.value("name", at: index))")) }
        if encoding == .gbk {
            // The bytes are GBK's: iconv's encoding of a name is in the DBF.
            let name = current.value("name", at: 0).description
            let gbk = try TestSupport.run("/bin/sh", ["-c", "printf '%s' '\(name)' | iconv -f UTF-8 -t GBK | od -An -tx1"]).stdout
            let dbf = try Data(contentsOf: folder.appendingPathComponent("旧厂区.dbf"))
            let bytes = gbk.split(whereSeparator: \.isWhitespace).compactMap { UInt8($0, radix: 16) }
            #expect(!bytes.isEmpty && dbf.range(of: Data(bytes)) != nil)
        }

        // The field map: short name, full name, Chinese name, in UTF-8 with a BOM for Excel.
        let fieldsFile = try #require(written.fieldsFile)
        #expect(fieldsFile == folder.appendingPathComponent("旧厂区.fields.csv").path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fieldsFile))
        #expect(bytes.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let rows = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.split(separator: ",").map(String.init) }
        #expect(rows.first == ["short_name", "full_name", "中文名称"])
        #expect(Array(rows.dropFirst()) == schema.fields.map { [$0.shapefileName!, $0.field.name, $0.alias] })
    }

    /// A DBF field holds 254 bytes: 80 Chinese characters (240 bytes of UTF-8) come back whole;
    /// 90 (270 bytes) are refused, not cut.
    @Test func longTextIsKeptWholeOrRefused() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try LayerExportTests.sample(in: folder)
        func site(_ description: String) throws {
            let source = try TestSupport.write("""
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "F-900", "name": "长描述厂",
                 "building_description": "\(description)"},
                 "geometry": {"type": "Polygon", "coordinates": [[[103.79, 25.5], [103.791, 25.5], [103.791, 25.501], [103.79, 25.5]]]}}]}
                """, to: "long.geojson", in: folder)
            _ = try Importer(layer: "old_factories", source: source).run(into: path)
        }
        let whole = String(repeating: "砖混结构三层", count: 13) + "两字"  // 80 characters
        try site(whole)
        let out = folder.appendingPathComponent("long.shp").path
        _ = try ProjectFile.open(path).export("old_factories", to: out)
        let info = try TestSupport.run("ogrinfo", ["-q", out, "long", "-where", "code = 'F-900'"])
        #expect(info.stdout.contains("bldg_desc (String) = \(whole)\n"), "\(info.stdout)")

        try site(whole + String(repeating: "钢", count: 10))
        let longer = folder.appendingPathComponent("longer.shp").path
        #expect { try ProjectFile.open(path).export("old_factories", to: longer) } throws: { error in
            "\(error)".contains("长描述厂") && "\(error)".contains("bldg_desc") && "\(error)".contains("270 bytes")
        }
        #expect(!FileManager.default.fileExists(atPath: longer))
    }

    @Test func textGBKCannotHoldIsRefusedNamingTheFeature() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try LayerExportTests.sample(in: folder)
        // 𠀀 (U+20000) is in GB18030 and UTF-8, not in GBK.
        let source = try TestSupport.write("""
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "F-900", "name": "𠀀厂"},
             "geometry": {"type": "Polygon", "coordinates": [[[103.79, 25.5], [103.791, 25.5], [103.791, 25.501], [103.79, 25.5]]]}}]}
            """, to: "odd.geojson", in: folder)
        _ = try Importer(layer: "old_factories", source: source).run(into: path)
        var options = ExportOptions()
        options.encoding = .gbk
        let out = folder.appendingPathComponent("gbk.shp").path
        #expect { try ProjectFile.open(path).export("old_factories", to: out, options: options) } throws: { error in
            "\(error)".hasPrefix("\(out): ") && "\(error)".contains("𠀀厂") && "\(error)".contains("GBK")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("gbk") || $0.hasPrefix(".habitat") }
        #expect(left.isEmpty, "\(left)")
        options.encoding = .utf8
        #expect(try ProjectFile.open(path).export("old_factories", to: out, options: options).count == 28)
    }
}
