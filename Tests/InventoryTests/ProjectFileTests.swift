import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// The project, in a GeoPackage file and in PostGIS, checked with GDAL's own validator and tools
/// and with PostGIS.
@Suite struct ProjectFileTests {
    /// Three parks near Qujing's centre, in WGS 84, with codes; `shift` moves the second one east.
    static func parks(shift: Double = 0, extra: String = "") -> String {
        func square(_ x: Double, _ y: Double, _ side: Double) -> String {
            "[[[\(x), \(y)], [\(x + side), \(y)], [\(x + side), \(y + side)], [\(x), \(y + side)], [\(x), \(y)]]]"
        }
        return """
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"code": "P1", "name": "麒麟公园", "class": "G11"}, "geometry": {"type": "Polygon", "coordinates": \(square(103.79, 25.50, 0.004))}},
            {"type": "Feature", "properties": {"code": "P2", "name": "寥廓游园", "class": "G14"}, "geometry": {"type": "Polygon", "coordinates": \(square(103.80 + shift, 25.50, 0.001))}},
            {"type": "Feature", "properties": {"code": "P3", "name": "南湖公园", "class": "G11"}, "geometry": {"type": "Polygon", "coordinates": \(square(103.81, 25.49, 0.003))}}\(extra)
            ]}
            """
    }

    static let validator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"

    /// A GeoPackage passes GDAL's validator; in PostGIS every table of geometries is in the
    /// project CRS and holds only geometries PostGIS finds valid.
    func expectValid(_ path: String) throws {
        guard PostGISAddress.isAddress(path) else {
            let run = try TestSupport.run("/usr/bin/python3", [Self.validator, path])
            #expect(run.status == 0 && run.stdout.isEmpty && run.stderr.isEmpty, "validate_gpkg: \(run.stdout)\(run.stderr)")
            return
        }
        let schema = TestSupport.schema(of: path)
        let columns = try TestSupport.psql("SELECT f_table_name, srid FROM geometry_columns WHERE f_table_schema = '\(schema)' ORDER BY 1")
            .split(separator: "\n").map { $0.split(separator: "|").map(String.init) }
        #expect(columns.map(\.[0]) == LayerSchema.all.flatMap { [$0.name, "\($0.name)_history"] }.sorted())
        #expect(columns.allSatisfy { $0[1] == "4544" })
        let invalid = columns.map { "SELECT count(*) FROM \(schema).\($0[0]) WHERE NOT ST_IsValid(geom)" }.joined(separator: " UNION ALL ")
        #expect(try TestSupport.psql("SELECT sum(count) FROM (\(invalid)) AS counts") == "0")
    }

    func newProject(in folder: URL, _ store: TestStore) throws -> String {
        let path = try store.newProject(in: folder)
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "曲靖")
        return path
    }

    /// Everything a project holds, table by table, row by row (without fids, nor the QGIS styles
    /// each store writes its own way): for "nothing changed" and "copied whole". Geometries to the
    /// bit; numbers to 14 significant digits, as OGR's PostgreSQL driver (GDAL 3.6) writes 15.
    static func contents(_ path: String) throws -> [String] {
        let project = try ProjectFile.open(path)
        func text(_ value: AttributeValue) -> String {
            if case let .real(number) = value { return String(format: "%.14g", number) }
            return value.description
        }
        return try project.package.layerNames.filter { $0 != GeoPackage.stylesTable }.sorted().flatMap { table in
            try project.package.read(table).features.map { feature in
                "\(table): \(feature.values.map(text).joined(separator: "|")) \(feature.geometry.map { "\($0.wkb)" } ?? "")"
            }
        }
    }

    @Test(arguments: TestStore.allCases) func initMakesAValidProjectWithEveryLayerIndexed(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try newProject(in: folder, store)
        try expectValid(path)
        #expect(throws: InventoryError.exists(path)) { try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "") }
        guard store == .geoPackage else {
            // Each table of geometries has PostGIS's spatial index and one on its codes.
            let schema = TestSupport.schema(of: path)
            let indexes = try TestSupport.psql("SELECT tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = '\(schema)'")
            for table in LayerSchema.all.flatMap({ [$0.name, "\($0.name)_history"] }) {
                #expect(indexes.contains("\(table) CREATE INDEX \(table)_geom_geom_idx ON \(schema).\(table) USING gist (geom)"), "\(table)")
                #expect(indexes.contains("\(table) CREATE INDEX \(table)_code ON \(schema).\(table) USING btree (code)"), "\(table)")
            }
            #expect(try TestSupport.psql("SELECT type, srid FROM geometry_columns WHERE f_table_schema = '\(schema)' AND f_table_name = 'parks'") == "MULTIPOLYGON|4544")
            return
        }
        let listed = try TestSupport.run("ogrinfo", ["-so", path]).stdout.split(separator: "\n")
        for table in LayerSchema.all.flatMap({ [$0.name, "\($0.name)_history"] }) {
            #expect(listed.contains { $0.hasSuffix(": \(table)") || $0.contains(": \(table) (") }, "\(table) missing")
        }
        let parks = try TestSupport.run("ogrinfo", ["-so", path, "parks"]).stdout
        #expect(parks.contains("CGCS2000 / 3-degree Gauss-Kruger CM 105E"))
        let indexes = try TestSupport.run("ogrinfo", [path, "-sql", "SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'"]).stdout
        for schema in LayerSchema.all { #expect(indexes.contains("= \(schema.name)\n") && indexes.contains("= \(schema.name)_history\n")) }
    }

    @Test(arguments: TestStore.allCases) func reimportIsIdempotentAndAChangeKeepsTheOldVersion(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try newProject(in: folder, store)
        let source = try TestSupport.write(Self.parks(), to: "parks.geojson", in: folder)
        let first = try Importer(layer: "parks", source: source).run(into: path)
        #expect((first.inserted, first.updated, first.unchanged) == (3, 0, 0))
        let again = try Importer(layer: "parks", source: source).run(into: path)
        #expect((again.inserted, again.updated, again.unchanged) == (0, 0, 3))
        let before = try ProjectFile.open(path).importLog()
        let firstImport = before.value("at", at: 0).description

        try TestSupport.write(Self.parks(shift: 0.002), to: "parks.geojson", in: folder)
        let changed = try Importer(layer: "parks", source: source).run(into: path)
        #expect((changed.inserted, changed.updated, changed.unchanged) == (0, 1, 2))
        try expectValid(path)

        let project = try ProjectFile.open(path)
        let versions = try project.history("parks", code: "P2")
        #expect(versions.features.count == 2)
        #expect(versions.value("change", at: 0) == .string("insert") && versions.value("change", at: 1) == .string("update"))
        #expect(versions.value("valid_to", at: 0) == versions.value("valid_from", at: 1))
        func p2x(_ layer: FeatureLayer) throws -> Double {
            let index = try #require(layer.features.indices.first { layer.value("code", at: $0) == .string("P2") })
            return try #require(layer.features[index].geometry?.envelope).minX
        }
        let old = try p2x(project.asOf("parks", firstImport)), new = try p2x(project.current("parks"))
        #expect(new - old > 150 && new - old < 250)  // 0.002° of longitude at 25.5° N ≈ 201 m
        #expect(try p2x(project.asOf("parks", Instant.parse("2999-01-01"))) == new)
        // Before anything was recorded the project held nothing: a real-world date taken for the record's.
        #expect { try project.asOf("parks", "2000-01-01T00:00:00.000Z") } throws: { error in
            guard case InventoryError.beforeFirstRecord(_, "2000-01-01T00:00:00.000Z", _) = error else { return false }
            return "\(error)".contains("--month")
        }
        // The park's own area is computed, in the project CRS: 0.001° squared here ≈ 100 m × 111 m.
        let area = try project.current("parks").value("area_m2", at: 1).doubleValue ?? 0
        #expect(area > 10_000 && area < 11_500)
    }

    @Test(arguments: TestStore.allCases) func aSourceWithBadFeaturesIsRefusedWholeAndTheFileUntouched(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try newProject(in: folder, store)
        try _ = Importer(layer: "parks", source: TestSupport.write(Self.parks(), to: "good.geojson", in: folder)).run(into: path)
        let before = try Self.contents(path)
        let bad = try TestSupport.write(Self.parks(extra: """
            ,
            {"type": "Feature", "properties": {"code": "P4", "name": "东门"}, "geometry": {"type": "Point", "coordinates": [103.8, 25.5]}},
            {"type": "Feature", "properties": {"code": "P5", "name": "无图形"}, "geometry": null},
            {"type": "Feature", "properties": {"code": "P6", "name": ""}, "geometry": {"type": "Polygon", "coordinates": [[[103.82, 25.5], [103.821, 25.5], [103.821, 25.501], [103.82, 25.5]]]}},
            {"type": "Feature", "properties": {"code": "P1", "name": "重复"}, "geometry": {"type": "Polygon", "coordinates": [[[103.83, 25.5], [103.831, 25.5], [103.831, 25.501], [103.83, 25.5]]]}}
            """), to: "bad.geojson", in: folder)
        do {
            _ = try Importer(layer: "parks", source: bad).run(into: path)
            Issue.record("a source with bad features was imported")
        } catch let InventoryError.rejected(_, problems) {
            #expect(problems == [
                "feature 4 (\"东门\"): is a Point where a polygon is expected; give its area (面积) for an approximate footprint, or its outline",
                "feature 5 (\"无图形\"): has no geometry",
                "feature 6: required field name (名称) is empty",
                "feature 7 (\"重复\"): 编号 P1 appears again (first in feature 1 (\"麒麟公园\"))",
            ])
        }
        #expect(try Self.contents(path) == before)

        var skipping = Importer(layer: "parks", source: bad)
        skipping.skipInvalid = true
        let summary = try skipping.run(into: path)
        #expect((summary.inserted, summary.unchanged, summary.rejected) == (0, 3, 4))
        let rejects = try VectorReader.read(try #require(summary.rejectsFile))
        #expect(rejects.features.count == 4)
        #expect(rejects.value("problem", at: 1) == .string("has no geometry"))
        #expect(rejects.value("name", at: 0) == .string("东门"))
        try expectValid(path)
    }

    /// A layer read for an analysis: only the fields asked for, with the values the source gave,
    /// now and as of a moment before a deletion (whose filter reads fields not asked for); a
    /// polygon, stored as a multi-polygon of one, read as that polygon, and a park of two parts
    /// as both.
    @Test(arguments: TestStore.allCases) func aLayerReadWithSomeFieldsAndItsPolygonsAsImported(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try newProject(in: folder, store)
        let twoParts = """
            ,
            {"type": "Feature", "properties": {"code": "P4", "name": "双园", "class": "G12"}, "geometry": {"type": "MultiPolygon", "coordinates": [
              [[[103.82, 25.49], [103.821, 25.49], [103.821, 25.491], [103.82, 25.49]]], [[[103.83, 25.49], [103.831, 25.49], [103.831, 25.491], [103.83, 25.49]]]]}}
            """
        try _ = Importer(layer: "parks", source: TestSupport.write(Self.parks(extra: twoParts), to: "parks.geojson", in: folder)).run(into: path)
        let beforeDeletion = Instant.string(Date())
        Thread.sleep(forTimeInterval: 0.01)
        try ProjectFile.delete(path, layer: "parks", code: "P3")
        let project = try ProjectFile.open(path)
        for (instant, expected) in [(nil, [["麒麟公园", "G11"], ["寥廓游园", "G14"], ["双园", "G12"]]),
                                    (beforeDeletion, [["麒麟公园", "G11"], ["寥廓游园", "G14"], ["南湖公园", "G11"], ["双园", "G12"]])] {
            let read = try project.layer("parks", asOf: instant, onlyFields: ["class", "name"], polygonsAsImported: true)
            #expect(read.fields.map(\.name) == ["name", "class"])
            #expect(read.features.map { $0.values.map(\.description) } == expected)
            let stored = try project.layer("parks", asOf: instant)
            #expect(stored.features.map { $0.geometry?.kind } == Array(repeating: .multiPolygon, count: expected.count))
            #expect(read.features.map { $0.geometry?.kind } == Array(repeating: .polygon, count: expected.count - 1) + [.multiPolygon])
            for (asImported, asStored) in zip(read.features, stored.features) {
                let parts = try #require(asStored.geometry).parts
                #expect(try #require(asImported.geometry).wkb == (parts.count == 1 ? parts[0] : asStored.geometry!).wkb)
            }
        }
    }

    @Test(arguments: TestStore.allCases) func deletionKeepsTheHistory(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try newProject(in: folder, store)
        try _ = Importer(layer: "parks", source: TestSupport.write(Self.parks(), to: "parks.geojson", in: folder)).run(into: path)
        let beforeDeletion = Instant.string(Date())
        Thread.sleep(forTimeInterval: 0.01)
        try ProjectFile.delete(path, layer: "parks", code: "P3")
        #expect(throws: InventoryError.noSuchFeature(layer: "parks", code: "P3")) { try ProjectFile.delete(path, layer: "parks", code: "P3") }
        try expectValid(path)
        let project = try ProjectFile.open(path)
        #expect(try project.current("parks").features.count == 2)
        #expect(try project.asOf("parks", beforeDeletion).features.count == 3)
        #expect(try project.history("parks", code: "P3").features.map { $0.values[$0.values.count - 2] } == [.string("insert"), .string("delete")])
        // Importing the same source again brings the park back as a new version.
        let again = try Importer(layer: "parks", source: folder.appendingPathComponent("parks.geojson").path).run(into: path)
        #expect((again.inserted, again.unchanged) == (1, 2))
    }

    @Test(arguments: TestStore.allCases) func featuresWithoutCodesGetStableOnes(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try newProject(in: folder, store)
        let source = try TestSupport.write(Self.parks().replacingOccurrences(of: "\"code\": \"P", with: "\"ref\": \"P"),
                                           to: "nocode.geojson", in: folder)
        let first = try Importer(layer: "parks", source: source).run(into: path)
        let second = try Importer(layer: "parks", source: source).run(into: path)
        #expect((first.inserted, second.inserted, second.unchanged) == (3, 0, 3))
        let codes = try ProjectFile.open(path).current("parks").features.map { $0.values[0].description }
        #expect(codes.allSatisfy { $0.hasPrefix("P-") && $0.count == 18 })
        #expect(Set(codes).count == 3)
    }

    /// A source with columns called `problem` and `feature`, the names the rejects file gives its
    /// own columns: the good features land, the import says so, and the rejects file keeps the
    /// source's columns beside its own.
    @Test(arguments: TestStore.allCases) func skippingInvalidFeaturesCopesWithSourceColumnsNamedLikeTheRejectsColumns(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try newProject(in: folder, store)
        let source = try TestSupport.write(Self.parks(extra: """
            ,
            {"type": "Feature", "properties": {"code": "P4", "name": "无图形", "problem": "积水", "feature": "喷泉"}, "geometry": null}
            """).replacingOccurrences(of: "\"class\": \"G14\"", with: "\"class\": \"G14\", \"problem\": \"无\", \"feature\": \"亭\""),
            to: "parks.geojson", in: folder)
        var skipping = Importer(layer: "parks", source: source)
        skipping.skipInvalid = true
        let summary = try skipping.run(into: path)
        // Three good parks (P1–P3) land, the fourth (no geometry) is rejected.
        #expect((summary.inserted, summary.rejected) == (3, 1))
        #expect(try ProjectFile.open(path).current("parks").features.count == 3)
        let rejects = try String(contentsOfFile: try #require(summary.rejectsFile), encoding: .utf8)
        let lines = rejects.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(lines.count == 2)
        // No value here holds a comma; GDAL quotes some.
        func cells(_ line: String) -> [String] {
            line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: ["\""]) }
        }
        let header = cells(lines[0]), row = cells(lines[1])
        func value(_ column: String) -> String? { header.firstIndex(of: column).map { row[$0] } }
        // The source's own columns, as they were; the rejects file's position and reason under other names.
        #expect(value("problem") == "积水" && value("feature") == "喷泉" && value("name") == "无图形")
        #expect(value("problem_2") == "has no geometry" && value("feature_2") == "feature 4")
        try expectValid(path)
    }

    /// A park imported without codes and renamed later is the same park: its code is kept and the
    /// rename is an update in its history, not a second park.
    @Test(arguments: TestStore.allCases) func renamingAFeatureWithoutACodeUpdatesIt(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try newProject(in: folder, store)
        let noCodes = Self.parks().replacingOccurrences(of: "\"code\": \"P", with: "\"ref\": \"P")
        let source = try TestSupport.write(noCodes, to: "parks.geojson", in: folder)
        _ = try Importer(layer: "parks", source: source).run(into: path)
        let before = try ProjectFile.open(path).current("parks")
        let code = try #require(before.features.indices.first { before.value("name", at: $0) == .string("寥廓游园") }
            .map { before.value("code", at: $0).description })

        try TestSupport.write(noCodes.replacingOccurrences(of: "寥廓游园", with: "寥廓公园"), to: "parks.geojson", in: folder)
        let renamed = try Importer(layer: "parks", source: source).run(into: path)
        // One park renamed, the other two as they were; still three parks.
        #expect((renamed.inserted, renamed.updated, renamed.unchanged) == (0, 1, 2))
        let project = try ProjectFile.open(path)
        let after = try project.current("parks")
        #expect(after.features.count == 3)
        #expect(Set(after.features.indices.map { after.value("code", at: $0).description })
                == Set(before.features.indices.map { before.value("code", at: $0).description }))
        let versions = try project.history("parks", code: code)
        #expect(versions.features.indices.map { versions.value("change", at: $0) } == [.string("insert"), .string("update")])
        #expect(versions.features.indices.map { versions.value("name", at: $0) } == [.string("寥廓游园"), .string("寥廓公园")])
        try expectValid(path)
    }

    /// A new feature on exactly the ground of an existing one of another code is most likely that
    /// one recoded: it is imported, and the import says so.
    @Test(arguments: TestStore.allCases) func aNewFeatureWithTheGeometryOfAnOldOneIsPointedOut(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try newProject(in: folder, store)
        let source = try TestSupport.write(Self.parks(), to: "parks.geojson", in: folder)
        _ = try Importer(layer: "parks", source: source).run(into: path)
        // P3 recoded P9; and a feature without a code on P1's ground (the same square as in `parks`),
        // P1 itself still in the source.
        try TestSupport.write(Self.parks(extra: """
            ,
            {"type": "Feature", "properties": {"name": "麒麟公园北区"}, "geometry": {"type": "Polygon", "coordinates": [[[103.79, 25.5], [\(103.79 + 0.004), 25.5], [\(103.79 + 0.004), \(25.50 + 0.004)], [103.79, \(25.50 + 0.004)], [103.79, 25.5]]]}}
            """).replacingOccurrences(of: "\"code\": \"P3\"", with: "\"code\": \"P9\""), to: "parks.geojson", in: folder)
        let summary = try Importer(layer: "parks", source: source).run(into: path)
        #expect((summary.inserted, summary.updated, summary.unchanged) == (2, 0, 2))
        #expect(summary.notes.count == 2)
        #expect(summary.notes.contains { $0.contains("P9") && $0.contains("P3") })
        #expect(summary.notes.contains { $0.contains("麒麟公园北区") && $0.contains("P1") })
    }

    @Test(arguments: TestStore.allCases, ["parks.gpkg", "parks.shp", "parks.csv", "parks.geojson"])
    func exportThenImportReproducesTheLayer(store: TestStore, file: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try newProject(in: folder, store)
        try _ = Importer(layer: "parks", source: TestSupport.write(Self.parks(), to: "parks.geojson", in: folder)).run(into: path)
        let original = try ProjectFile.open(path)
        var layer = try original.current("parks")
        layer.coordinateSystem = .crs(original.crs)
        let exported = folder.appendingPathComponent("out-\(file)").path
        try VectorWriter.write(layer, to: exported)

        let copy = try store.newProject(in: folder, name: "copy")
        _ = try ProjectFile.create(copy, crs: CRS("EPSG:4544"), name: "")
        var importer = Importer(layer: "parks", source: exported)
        if file.hasSuffix(".csv") { importer.declared = .crs(try CRS("EPSG:4544")) }  // CSV records no CRS
        #expect(try importer.run(into: copy).inserted == 3)
        let back = try ProjectFile.open(copy).current("parks")
        // GeoJSON keeps 7 decimals of a degree (RFC 7946): about a centimetre. The others keep metres exactly.
        let tolerance = file.hasSuffix(".geojson") ? 0.01 : 0.001
        for (a, b) in zip(layer.features, back.features) {
            for field in ["code", "name", "class", "source"] {
                let i = try #require(layer.fieldIndex(field)), j = try #require(back.fieldIndex(field))
                #expect(a.values[i] == b.values[j], "\(field)")
            }
            let ca = try #require(a.geometry).normalized().coordinates, cb = try #require(b.geometry).normalized().coordinates
            #expect(ca.count == cb.count)
            #expect(zip(ca, cb).allSatisfy { abs($0 - $1) <= tolerance }, "\(file)")
        }
    }

    @Test func badDatesAndUnknownLayersAreNamed() throws {
        #expect(throws: InventoryError.badDate("26/11/2026")) { try Instant.parse("26/11/2026") }
        #expect(try Instant.parse("2026-11-26") == "2026-11-26T23:59:59.999Z")
        #expect(try Instant.parse("2026-11-26T08:00:00Z") == "2026-11-26T08:00:00.000Z")
        #expect { try LayerSchema.named("lakes") } throws: { "\($0)".contains("parks") }
        #expect(throws: InventoryError.badFieldMapping("name")) { try Importer.fieldMapping(["name"]) }
        #expect(try Importer.fieldMapping(["name=厂区名称"]) == ["name": "厂区名称"])
    }
}

@Suite struct ProjectFileGuardTests {
    @Test func guardsAgainstMistakes() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("p.gpkg").path
        #expect(throws: InventoryError.notMetric("EPSG:4490")) { try ProjectFile.create(path, crs: CRS("EPSG:4490"), name: "") }
        let project = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: InventoryError.overwritesProject(path)) { try project.export("parks", to: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)

        let source = try TestSupport.write(ProjectFileTests.parks(), to: "parks.geojson", in: folder)
        var typo = Importer(layer: "parks", source: source)
        typo.fieldMap = ["nmae": "name"]
        #expect { try typo.run(into: path) } throws: { "\($0)".contains("parks has no field 'nmae'") }
        var missing = Importer(layer: "parks", source: source)
        missing.fieldMap = ["name": "公园名称"]
        #expect { try missing.run(into: path) } throws: { "\($0)".contains("no column '公园名称'") }
    }

    @Test func datesAreKeptAsISOWhateverWayTheyWereWritten() throws {
        #expect(ImportValidation.isoDate("2017/5/1") == "2017-05-01")
        #expect(ImportValidation.isoDate("2017年5月1日") == "2017-05-01")
        #expect(ImportValidation.isoDate("2017-12-31T10:00:00") == "2017-12-31")
        #expect(ImportValidation.isoDate("5/1/2017") == nil)
        #expect(ImportValidation.isoDate("去年") == nil)
    }
}
