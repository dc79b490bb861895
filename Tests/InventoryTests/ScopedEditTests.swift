import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// Edits of one feature by an editor, in and out of its district (辖区负责), on both stores.
@Suite struct ScopedEditTests {
    static func square(_ x: Double, _ y: Double, _ side: Double) -> String {
        "[[[\(x), \(y)], [\(x + side), \(y)], [\(x + side), \(y + side)], [\(x), \(y + side)], [\(x), \(y)]]]"
    }

    /// Two neighbouring districts, 麒麟区 west of 103.80° and 沾益区 east of it, a park in each.
    static let districts = """
        {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "530302", "name": "麒麟区"}, "geometry": {"type": "Polygon", "coordinates": \(square(103.76, 25.48, 0.04))}},
        {"type": "Feature", "properties": {"code": "530303", "name": "沾益区"}, "geometry": {"type": "Polygon", "coordinates": \(square(103.80, 25.48, 0.04))}}
        ]}
        """
    static let parks = """
        {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "P1", "name": "麒麟公园", "class": "G11", "district": "530302"}, "geometry": {"type": "Polygon", "coordinates": \(square(103.78, 25.50, 0.004))}},
        {"type": "Feature", "properties": {"code": "P2", "name": "珠江源公园", "class": "G11", "district": "530303"}, "geometry": {"type": "Polygon", "coordinates": \(square(103.81, 25.50, 0.004))}}
        ]}
        """

    static let qilin = Editor(name: "麒麟区住建局", scope: .district("530302"))
    static let zhanyi = Editor(name: "沾益区住建局", scope: .district("530303"))
    static let city = Editor(name: "市住建局", scope: .city)
    static var wgs84: CoordinateSystem { get throws { .crs(try CRS.wgs84) } }

    /// A square polygon of `side` degrees at (`x`, `y`), in WGS 84.
    static func polygon(_ x: Double, _ y: Double, _ side: Double = 0.002) throws -> Geometry {
        try Geometry(wkt: "POLYGON ((\(x) \(y), \(x + side) \(y), \(x + side) \(y + side), \(x) \(y + side), \(x) \(y)))")
    }

    /// A project with the two districts and their parks.
    func project(in folder: URL, _ store: TestStore) throws -> String {
        let path = try ProjectFileTests().newProject(in: folder, store)
        for (layer, text) in [("districts", Self.districts), ("parks", Self.parks)] {
            let file = try TestSupport.write(text, to: "\(layer).geojson", in: folder)
            _ = try Importer(layer: layer, source: file).run(into: path)
        }
        return path
    }

    /// The project's contents, and what it says of them: for "nothing changed".
    func snapshot(_ path: String) throws -> [String] { try ProjectFileTests.contents(path) }

    @Test(arguments: TestStore.allCases) func eachEditInScopeLandsWithItsAuthor(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder, store)

        // Created without a district: it is the editor's; without a code: it gets one as an import gives it.
        let created = try ProjectFile.create(path, layer: "parks", properties: ["name": .string("白石江游园"), "class": .string("G14")],
                                             geometry: Self.polygon(103.785, 25.49), in: Self.wgs84, by: Self.qilin)
        #expect(created.change == .insert)
        #expect(created.code.hasPrefix("P") && created.code != "P1")
        let project = try ProjectFile.open(path)
        let parks = try project.current("parks")
        let row = try #require(parks.features.indices.first { parks.value("code", at: $0) == .string(created.code) })
        #expect(parks.value("district", at: row) == .string("530302"))
        // Its area measured in the project CRS, as an import measures it; checked against PROJ's own transformation.
        let corners = try [(103.785, 25.49), (103.787, 25.49), (103.787, 25.492), (103.785, 25.492)]
            .map { try TestSupport.gdalTransform($0.0, $0.1, to: "EPSG:4544") }
        let shoelace = abs(zip(corners, corners.dropFirst() + corners.prefix(1)).reduce(0) { $0 + $1.0.0 * $1.1.1 - $1.1.0 * $1.0.1 }) / 2
        let area = try #require(parks.value("area_m2", at: row).doubleValue)
        #expect(abs(area - shoelace) < 1e-3 * shoelace, "area \(area), by gdaltransform \(shoelace)")

        let updated = try ProjectFile.update(path, layer: "parks", code: "P1", properties: ["name": .string("麒麟湖公园")],
                                             geometry: nil, by: Self.qilin)
        #expect(updated.change == .update)
        #expect(updated.before?.values[1] == .string("麒麟公园") && updated.after?.values[1] == .string("麒麟湖公园"))
        #expect(updated.after?.values[4] == .string("G11"), "an update keeps the properties it does not give")

        let replaced = try ProjectFile.replace(path, layer: "parks", code: "P1", properties: ["name": .string("麒麟公园"), "class": .string("G12")],
                                               geometry: Self.polygon(103.782, 25.50), in: Self.wgs84, by: Self.qilin)
        #expect(replaced.change == .update && replaced.after?.values[4] == .string("G12"))
        #expect(replaced.after?.values[2] == .string("530302"))

        // The city edits anywhere.
        let byCity = try ProjectFile.update(path, layer: "parks", code: "P2", properties: ["opened": .string("2018年5月1日")], geometry: nil, by: Self.city)
        #expect(byCity.after?.values[5] == .string("2018-05-01"), "the date as an import reads it")

        let deleted = try ProjectFile.delete(path, layer: "parks", code: created.code, by: Self.qilin)
        #expect(deleted.change == .delete)
        #expect(try ProjectFile.open(path).current("parks").features.count == 2)

        // Every edit is one batch of the log, with its author; the history's versions carry those batches.
        let after = try ProjectFile.open(path)
        let authors = try after.authors()
        for (edit, author) in [(created, Self.qilin), (updated, Self.qilin), (replaced, Self.qilin), (byCity, Self.city), (deleted, Self.qilin)] {
            #expect(authors[edit.batch] == author.name)
        }
        #expect(authors[1] == ProjectFile.localAuthor && !ProjectFile.localAuthor.isEmpty, "an import records who ran it")
        let history = try after.history("parks", code: "P1")
        #expect(history.features.indices.map { history.value("change", at: $0).description } == ["insert", "update", "update"])
        #expect(history.features.indices.map { history.value("valid_to", at: $0) == .null } == [false, false, true])
        #expect(history.features.indices.map { Int(history.value("batch", at: $0).doubleValue ?? 0) }.suffix(2) == [updated.batch, replaced.batch])
        let deletion = try after.history("parks", code: created.code)
        #expect(deletion.features.indices.map { deletion.value("change", at: $0).description } == ["insert", "delete"])
    }

    @Test(arguments: TestStore.allCases) func everyEditOutOfScopeIsRefusedAndChangesNothing(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder, store)
        let before = try snapshot(path)
        func refused(_ edit: () throws -> FeatureEdit) {
            do {
                _ = try edit()
                Issue.record("an edit out of scope was accepted")
            } catch InventoryError.outOfScope {
            } catch {
                Issue.record("refused with \(error), not as out of scope")
            }
        }
        // Into the neighbour's territory, whatever district it says.
        refused { try ProjectFile.create(path, layer: "parks", properties: ["name": .string("越界公园"), "class": .string("G11")],
                                         geometry: Self.polygon(103.81, 25.49), in: Self.wgs84, by: Self.qilin) }
        refused { try ProjectFile.create(path, layer: "parks", properties: ["name": .string("越界公园"), "class": .string("G11"), "district": .string("530303")],
                                         geometry: Self.polygon(103.81, 25.49), in: Self.wgs84, by: Self.qilin) }
        // Its own territory, but saying the neighbour's district.
        refused { try ProjectFile.create(path, layer: "parks", properties: ["name": .string("错区公园"), "class": .string("G11"), "district": .string("沾益区")],
                                         geometry: Self.polygon(103.785, 25.49), in: Self.wgs84, by: Self.qilin) }
        // Straddling the border.
        refused { try ProjectFile.create(path, layer: "parks", properties: ["name": .string("跨界公园"), "class": .string("G11")],
                                         geometry: Self.polygon(103.799, 25.49), in: Self.wgs84, by: Self.qilin) }
        // Its own feature moved into the neighbour's territory, or given to the neighbour.
        refused { try ProjectFile.update(path, layer: "parks", code: "P1", properties: [:], geometry: Self.polygon(103.82, 25.50), in: Self.wgs84, by: Self.qilin) }
        refused { try ProjectFile.update(path, layer: "parks", code: "P1", properties: ["district": .string("530303")], geometry: nil, by: Self.qilin) }
        refused { try ProjectFile.replace(path, layer: "parks", code: "P1", properties: ["name": .string("麒麟公园"), "class": .string("G11")],
                                          geometry: Self.polygon(103.82, 25.50), in: Self.wgs84, by: Self.qilin) }
        // The neighbour's feature, even moved into its own territory.
        refused { try ProjectFile.update(path, layer: "parks", code: "P2", properties: ["name": .string("接管")], geometry: nil, by: Self.qilin) }
        refused { try ProjectFile.update(path, layer: "parks", code: "P2", properties: ["district": .string("530302")],
                                         geometry: Self.polygon(103.785, 25.49), in: Self.wgs84, by: Self.qilin) }
        refused { try ProjectFile.replace(path, layer: "parks", code: "P2", properties: ["name": .string("接管"), "class": .string("G11"), "district": .string("530302")],
                                          geometry: Self.polygon(103.785, 25.49), in: Self.wgs84, by: Self.qilin) }
        refused { try ProjectFile.delete(path, layer: "parks", code: "P2", by: Self.qilin) }
        // A district the project has no boundary for: refused everywhere.
        let luoping = Editor(name: "罗平县住建局", scope: .district("530324"))
        refused { try ProjectFile.create(path, layer: "parks", properties: ["name": .string("罗平公园"), "class": .string("G11")],
                                         geometry: Self.polygon(103.785, 25.49), in: Self.wgs84, by: luoping) }
        #expect(try snapshot(path) == before)

        // The same edits by the right editors land: the refusals were for scope alone.
        _ = try ProjectFile.update(path, layer: "parks", code: "P2", properties: ["name": .string("接管")], geometry: nil, by: Self.zhanyi)
        _ = try ProjectFile.update(path, layer: "parks", code: "P1", properties: [:], geometry: Self.polygon(103.82, 25.50), in: Self.wgs84, by: Self.city)
        #expect(try snapshot(path) != before)
    }

    @Test(arguments: TestStore.allCases) func editsAreValidatedAsImportsAre(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder, store)
        let before = try snapshot(path)
        func rejected(_ expected: String, _ edit: () throws -> FeatureEdit) {
            do {
                _ = try edit()
                Issue.record("an invalid edit was accepted (\(expected))")
            } catch let InventoryError.rejected(_, problems) {
                #expect(problems.contains { $0.contains(expected) }, "\(problems)")
            } catch {
                Issue.record("refused with \(error), not as invalid")
            }
        }
        rejected("not a date") { try ProjectFile.update(path, layer: "parks", code: "P1", properties: ["opened": .string("soon")], geometry: nil, by: Self.qilin) }
        rejected("where a polygon is expected") { try ProjectFile.update(path, layer: "parks", code: "P1", properties: ["area_m2": .real(0)],
                                                                        geometry: Geometry(wkt: "POINT (103.785 25.49)"), in: Self.wgs84, by: Self.qilin) }
        rejected("not a number") { try ProjectFile.update(path, layer: "parks", code: "P1", properties: ["area_m2": .string("big")], geometry: nil, by: Self.qilin) }
        rejected("has no") { try ProjectFile.create(path, layer: "parks", properties: ["name": .string("无形公园"), "class": .string("G11")],
                                                            geometry: nil, by: Self.qilin) }
        rejected("required field name") { try ProjectFile.replace(path, layer: "parks", code: "P1", properties: ["class": .string("G11")],
                                                                 geometry: Self.polygon(103.785, 25.49), in: Self.wgs84, by: Self.qilin) }
        #expect(throws: InventoryError.unknownField("colour", layer: "parks", fields: try LayerSchema.named("parks").fieldNames)) {
            try ProjectFile.update(path, layer: "parks", code: "P1", properties: ["colour": .string("green")], geometry: nil, by: Self.city)
        }
        #expect(throws: InventoryError.codeTaken(layer: "parks", code: "P2")) {
            try ProjectFile.create(path, layer: "parks", properties: ["code": .string("P2"), "name": .string("重号"), "class": .string("G11")],
                                   geometry: Self.polygon(103.785, 25.49), in: Self.wgs84, by: Self.city)
        }
        #expect(throws: InventoryError.noSuchFeature(layer: "parks", code: "P9")) {
            try ProjectFile.delete(path, layer: "parks", code: "P9", by: Self.city)
        }
        #expect(try snapshot(path) == before)
    }

    @Test(arguments: TestStore.allCases) func sqlLikeTextIsStoredAndReadBackLiterally(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder, store)
        let text = "'; DROP TABLE parks; --"
        let editor = Editor(name: "x'); DELETE FROM import_log; --", scope: .district("530302"))
        let created = try ProjectFile.create(path, layer: "parks", properties: ["code": .string("P'9"), "name": .string(text), "class": .string("G11")],
                                             geometry: Self.polygon(103.785, 25.49), in: Self.wgs84, by: editor)
        let project = try ProjectFile.open(path)
        let parks = try project.current("parks")
        #expect(parks.features.count == 3)
        let row = try #require(parks.features.indices.first { parks.value("code", at: $0) == .string("P'9") })
        #expect(parks.value("name", at: row) == .string(text))
        #expect(try project.authors()[created.batch] == editor.name)
        #expect(try project.importLog().features.count == 3)
        let updated = try ProjectFile.update(path, layer: "parks", code: "P'9", properties: ["name": .string(text + "2")], geometry: nil, by: editor)
        #expect(updated.before?.values[1] == .string(text))
        #expect(try ProjectFile.open(path).history("parks", code: "P'9").features.count == 2)
    }

    @Test(arguments: TestStore.allCases) func concurrentEditsFromTwoEditorsAllLand(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder, store)
        let editors = [(Self.qilin, 103.765), (Self.zhanyi, 103.805)]
        let each = 6
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: editors.count * each) { index in
            let (editor, west) = editors[index % editors.count]
            do {
                _ = try ProjectFile.create(path, layer: "parks", properties: ["code": .string("N\(index)"), "name": .string("新园\(index)"), "class": .string("G14")],
                                           geometry: Self.polygon(west + Double(index / editors.count) * 0.004, 25.485), in: Self.wgs84, by: editor)
            } catch {
                failures.add("\(index): \(error)")
            }
        }
        #expect(failures.all.isEmpty)
        let project = try ProjectFile.open(path)
        let codes = Set(try project.current("parks").features.map { $0.values[0].description })
        #expect(codes == Set(["P1", "P2"] + (0..<editors.count * each).map { "N\($0)" }))
        let log = try project.importLog()
        let batches = log.features.indices.compactMap { log.value("batch", at: $0).doubleValue }
        #expect(Set(batches).count == batches.count && batches.count == 2 + editors.count * each)
        let authors = try project.authors()
        #expect(authors.values.filter { $0 == Self.qilin.name }.count == each && authors.values.filter { $0 == Self.zhanyi.name }.count == each)
    }

    @Test(arguments: TestStore.allCases) func anOlderLogGetsItsAuthorColumnAndHistoryShowsAuthors(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder, store)
        // What a project made before habitat recorded authors looks like.
        if store == .geoPackage {
            let run = try TestSupport.run("ogrinfo", ["-q", path, "-sql", "ALTER TABLE import_log DROP COLUMN author"])
            try #require(run.status == 0, "\(run.stderr)")
        } else {
            try TestSupport.psql("ALTER TABLE \(TestSupport.schema(of: path)).import_log DROP COLUMN author")
        }
        #expect(try ProjectFile.open(path).importLog().fieldIndex("author") == nil)
        #expect(try ProjectFile.open(path).authors().isEmpty)
        let edit = try ProjectFile.update(path, layer: "parks", code: "P1", properties: ["name": .string("麒麟湖公园")], geometry: nil, by: Self.qilin)
        let project = try ProjectFile.open(path)
        #expect(try project.authors() == [edit.batch: Self.qilin.name], "older lines have no author; the edit has its")

        let run = try TestSupport.run(TestSupport.habitat, ["history", path, "parks", "P1"])
        try #require(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first?.hasSuffix("author") == true, "\(run.stdout)")
        #expect(lines.last?.contains("\(edit.batch)") == true && lines.last?.hasSuffix(Self.qilin.name) == true, "\(run.stdout)")
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ failure: String) { lock.withLock { list.append(failure) } }
        var all: [String] { lock.withLock { list } }
    }
}

/// Survey files uploaded by an editor: imported into its district all or nothing.
@Suite struct SurveyUploadTests {
    static func park(_ code: String, _ name: String, _ opened: String, _ x: Double, _ y: Double, district: String? = nil) -> String {
        let stated = district.map { #", "district": "\#($0)""# } ?? ""
        return #"{"type": "Feature", "properties": {"code": "\#(code)", "name": "\#(name)", "class": "G14", "opened": "\#(opened)"\#(stated)}, "#
            + #""geometry": {"type": "Polygon", "coordinates": \#(ScopedEditTests.square(x, y, 0.002))}}"#
    }

    static func collection(_ features: [String]) -> String {
        #"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ",\n"))]}"#
    }

    @Test(arguments: TestStore.allCases) func anUploadLandsWholeOrNotAtAllWithItsRejects(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try ScopedEditTests().project(in: folder, store)
        let before = try ProjectFileTests.contents(path)
        let bad = try TestSupport.write(Self.collection([
            Self.park("N1", "白石江游园", "2018-05-01", 103.785, 25.49),
            Self.park("N2", "南城游园", "someday", 103.770, 25.49),
            Self.park("N3", "越界游园", "2018-05-01", 103.810, 25.49),
            Self.park("P2", "珠江源公园", "2018-05-01", 103.785, 25.485, district: "530302"),
        ]), to: "survey.geojson", in: folder)
        do {
            _ = try Importer(layer: "parks", source: bad).run(into: path, by: ScopedEditTests.qilin)
            Issue.record("an upload with bad features was imported")
        } catch let InventoryError.uploadRejected(source, rejects) {
            #expect(source == bad)
            #expect(rejects.map(\.feature) == ["feature 2 (\"南城游园\")", "feature 3 (\"越界游园\")", "feature 4 (\"珠江源公园\")"])
            #expect(rejects.map(\.field) == ["opened", "geometry", "district"])
            try #require(rejects.count == 3)
            #expect(rejects[0].reason.contains("'someday' is not a date"))
            #expect(rejects[2].reason.contains("P2 as the layer holds it") && rejects[2].reason.contains("530303"))
        }
        #expect(try ProjectFileTests.contents(path) == before)

        let good = try TestSupport.write(Self.collection([
            Self.park("N1", "白石江游园", "2018-05-01", 103.785, 25.49),
            Self.park("N2", "南城游园", "2018-06-01", 103.770, 25.49),
        ]), to: "survey-fixed.geojson", in: folder)
        let summary = try Importer(layer: "parks", source: good).run(into: path, by: ScopedEditTests.qilin)
        #expect(summary.inserted == 2 && summary.rejected == 0)
        let project = try ProjectFile.open(path)
        let parks = try project.current("parks")
        for code in ["N1", "N2"] {
            let row = try #require(parks.features.indices.first { parks.value("code", at: $0) == .string(code) })
            #expect(parks.value("district", at: row) == .string("530302"), "the editor's district where the file gives none")
        }
        #expect(try project.authors()[summary.batch] == ScopedEditTests.qilin.name)
    }

    /// A zip file written by Python's zipfile (an independent writer) holding `files` (name, bytes of zeros).
    func zip(_ files: [(String, Int)], to name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        let entries = files.map { "('\($0.0)', \($0.1))" }.joined(separator: ", ")
        let script = "import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:\n"
            + "    for name, size in [\(entries)]: z.writestr(name, bytes(size))\n"
        let run = try TestSupport.run("/usr/bin/python3", ["-c", script, path])
        try #require(run.status == 0, "\(run.stderr)")
        return path
    }

    @Test func aZipBombIsRefusedBeforeItIsRead() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try ScopedEditTests().project(in: folder, .geoPackage)
        let before = try ProjectFileTests.contents(path)
        let limit: Int64 = 8 << 20
        let bomb = try zip([("[Content_Types].xml", 1000), ("xl/worksheets/sheet1.xml", 6 << 20), ("xl/worksheets/sheet2.xml", 6 << 20)],
                           to: "survey.xlsx", in: folder)
        let zipped = try FileManager.default.attributesOfItem(atPath: bomb)[.size] as? Int ?? .max
        #expect(zipped < 100_000, "the bomb is small zipped")
        #expect(throws: InventoryError.unzipsTooLarge(bomb, size: 1000 + 12 << 20, limit: limit)) {
            try Importer(layer: "parks", source: bomb).run(into: path, by: ScopedEditTests.qilin, maxUnzippedBytes: limit)
        }
        #expect(try ProjectFileTests.contents(path) == before)
        // Under the limit the archive passes (GDAL then judges the workbook itself).
        let small = try zip([("[Content_Types].xml", 1000), ("xl/worksheets/sheet1.xml", 7 << 20)], to: "small.xlsx", in: folder)
        try UnzippedSize.refuse(small, beyond: limit)
        // Not a zip at all: nothing to check.
        try UnzippedSize.refuse(try TestSupport.write(Self.collection([]), to: "plain.geojson", in: folder), beyond: 1)
    }

    @Test func anUploadIsStoredInsideTheAreaUnderASafeName() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let area = UploadArea(folder.appendingPathComponent("uploads").path)
        let inside = URL(fileURLWithPath: area.folder).resolvingSymlinksInPath().path
        for (name, kept) in [("survey.xlsx", "survey.xlsx"), ("../../etc/passwd", "passwd"), (#"C:\fakepath\调查.xlsx"#, "调查.xlsx"),
                             ("/tmp/x.csv", "x.csv"), ("a/../../b.kml", "b.kml")] {
            let stored = try area.store(Data("data".utf8), named: name)
            let url = URL(fileURLWithPath: stored).resolvingSymlinksInPath()
            #expect(url.deletingLastPathComponent().path == inside, "\(name) → \(stored)")
            #expect(url.lastPathComponent.hasSuffix("-" + kept), "\(name) → \(stored)")
            #expect(try Data(contentsOf: url) == Data("data".utf8))
        }
        for name in ["", "..", "../", "a/..", ".hidden", "a\0b.xlsx", "a\nb.csv", "/"] {
            #expect(throws: InventoryError.badUploadName(name)) { try area.store(Data("x".utf8), named: name) }
        }
        // Nothing landed beside the area.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["uploads"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: area.folder).count == 5)
    }
}
