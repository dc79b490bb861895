import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// The security review of scoped edits and uploads: read-only accounts, the city's own layers,
/// a rename that would carry an upload onto a neighbour's feature, on both stores.
@Suite struct EditSecurityTests {
    typealias Scoped = ScopedEditTests

    /// Refused with exactly `expected`'s case (and nothing else).
    func refused(_ expected: (Error) -> Bool, _ what: String, _ change: () throws -> Any) {
        do {
            _ = try change()
            Issue.record("accepted: \(what)")
        } catch {
            #expect(expected(error), "\(what): refused with \(error)")
        }
    }

    @Test(arguments: TestStore.allCases) func aReadOnlyAccountChangesNothing(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Scoped().project(in: folder, store)
        let before = try ProjectFileTests.contents(path)
        let viewer = Editor(name: "市局查看", scope: .city, readOnly: true)
        let isReadOnly = { (error: Error) in (error as? InventoryError) == .readOnly(editor: viewer.name) }
        refused(isReadOnly, "create") {
            try ProjectFile.create(path, layer: "parks", properties: ["name": .string("新园"), "class": .string("G11")],
                                   geometry: Scoped.polygon(103.785, 25.49), in: Scoped.wgs84, by: viewer)
        }
        refused(isReadOnly, "update") { try ProjectFile.update(path, layer: "parks", code: "P1", properties: ["name": .string("改")], geometry: nil, by: viewer) }
        refused(isReadOnly, "replace") {
            try ProjectFile.replace(path, layer: "parks", code: "P1", properties: ["name": .string("改"), "class": .string("G11")],
                                    geometry: Scoped.polygon(103.785, 25.49), in: Scoped.wgs84, by: viewer)
        }
        refused(isReadOnly, "delete") { try ProjectFile.delete(path, layer: "parks", code: "P2", by: viewer) }
        let survey = try TestSupport.write(SurveyUploadTests.collection([SurveyUploadTests.park("N1", "白石江游园", "2018-05-01", 103.785, 25.49)]),
                                           to: "survey.geojson", in: folder)
        refused(isReadOnly, "upload") { try Importer(layer: "parks", source: survey).run(into: path, by: viewer) }
        #expect(try ProjectFileTests.contents(path) == before)
        // The same upload by a writing city account lands: the refusal was for read-only alone.
        _ = try Importer(layer: "parks", source: survey).run(into: path, by: Scoped.city)
        #expect(try ProjectFileTests.contents(path) != before)
    }

    @Test(arguments: TestStore.allCases) func onlyTheCityChangesDistrictsKeyAreasAndGridCells(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Scoped().project(in: folder, store)
        let before = try ProjectFileTests.contents(path)
        let outOfScope = { (error: Error) in if case InventoryError.outOfScope = error { true } else { false } }
        // Its own boundary, widened by a hair: it lies in its own district as it stands.
        refused(outOfScope, "a district editor's own boundary") {
            try ProjectFile.update(path, layer: "districts", code: "530302", properties: ["name": .string("麒麟区（扩）")], geometry: nil, by: Scoped.qilin)
        }
        let rejected = { (error: Error) in
            if case let InventoryError.uploadRejected(_, rejects) = error { rejects.contains { $0.reason.contains("city office only") } } else { false }
        }
        for layer in ["key_areas", "grid_cells"] {
            let file = try TestSupport.write(#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "X1", "name": "区内", "district": "530302", "area_type": "\#(Disorder.areaTypes[0])"}, "#
                + #""geometry": {"type": "Polygon", "coordinates": \#(Scoped.square(103.78, 25.49, 0.002))}}]}"#, to: "\(layer).geojson", in: folder)
            refused(rejected, "an upload into \(layer)") { try Importer(layer: layer, source: file).run(into: path, by: Scoped.qilin) }
            refused(outOfScope, "a new feature of \(layer)") {
                try ProjectFile.create(path, layer: layer, properties: ["code": .string("X2"), "name": .string("区内")].merging(layer == "key_areas" ? ["area_type": .string(Disorder.areaTypes[0])] : [:]) { a, _ in a },
                                       geometry: Scoped.polygon(103.78, 25.49), in: Scoped.wgs84, by: Scoped.qilin)
            }
        }
        #expect(try ProjectFileTests.contents(path) == before)
        _ = try ProjectFile.update(path, layer: "districts", code: "530302", properties: ["name": .string("麒麟区（扩）")], geometry: nil, by: Scoped.city)
        #expect(try ProjectFileTests.contents(path) != before)
    }

    /// A point of district B on the corner both districts share, uploaded by A without a code under
    /// another name: its derived code is new, but it lies exactly where B's feature lies, so the
    /// import would take it for B's feature renamed — a change of B's feature, refused.
    @Test(arguments: TestStore.allCases) func anUploadRenamedOntoANeighboursFeatureIsRefused(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try ProjectFileTests().newProject(in: folder, store)
        // Written out, so the shared corner (103.8, 25.5) is one and the same point in both.
        let districts = try TestSupport.write("""
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"code": "530302", "name": "麒麟区"}, "geometry": {"type": "Polygon", "coordinates": [[[103.76, 25.46], [103.8, 25.46], [103.8, 25.5], [103.76, 25.5], [103.76, 25.46]]]}},
            {"type": "Feature", "properties": {"code": "530303", "name": "沾益区"}, "geometry": {"type": "Polygon", "coordinates": [[[103.8, 25.46], [103.84, 25.46], [103.84, 25.5], [103.8, 25.5], [103.8, 25.46]]]}}
            ]}
            """, to: "districts.geojson", in: folder)
        _ = try Importer(layer: "districts", source: districts).run(into: path)
        func site(_ code: String?, _ name: String, district: String?) -> String {
            let properties = [code.map { #""code": "\#($0)""# }, #""name": "\#(name)""#, district.map { #""district": "\#($0)""# }].compactMap { $0 }
            return #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {\#(properties.joined(separator: ", "))}, "#
                + #""geometry": {"type": "Point", "coordinates": [103.8, 25.5]}}]}"#
        }
        let neighbours = try TestSupport.write(site("ORB1", "南苑小区", district: "530303"), to: "b.geojson", in: folder)
        _ = try Importer(layer: "old_residential", source: neighbours).run(into: path, by: Scoped.zhanyi)
        let before = try ProjectFileTests.contents(path)
        let upload = try TestSupport.write(site(nil, "北苑小区", district: nil), to: "a.geojson", in: folder)
        do {
            let summary = try Importer(layer: "old_residential", source: upload).run(into: path, by: Scoped.qilin)
            Issue.record("imported: \(summary)")
        } catch let InventoryError.uploadRejected(_, rejects) {
            #expect(rejects.count == 1 && rejects.first?.reason.contains("ORB1 as the layer holds it") == true, "\(rejects)")
        }
        #expect(try ProjectFileTests.contents(path) == before)
    }

    /// An edit lands as an import would land it: a park given without a code where one lies
    /// exactly, under a new name, is that park renamed, not a second park on top of it.
    @Test(arguments: TestStore.allCases) func anEditLandsAsAnImportOfItWould(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Scoped().project(in: folder, store)
        let renamed = try ProjectFile.create(path, layer: "parks", properties: ["name": .string("麒麟湖公园"), "class": .string("G11")],
                                             geometry: Scoped.polygon(103.78, 25.50, 0.004), in: Scoped.wgs84, by: Scoped.qilin)
        #expect(renamed.change == .update && renamed.code == "P1", "\(renamed.change) \(renamed.code)")
        #expect(renamed.before?.values[1] == .string("麒麟公园") && renamed.after?.values[1] == .string("麒麟湖公园"))
        let parks = try ProjectFile.open(path).current("parks")
        #expect(parks.features.count == 2)
        // The same outline given to the neighbour's park is a change of that park: out of scope.
        #expect(throws: (any Error).self) {
            try ProjectFile.create(path, layer: "parks", properties: ["name": .string("接管公园"), "class": .string("G11")],
                                   geometry: Scoped.polygon(103.81, 25.50, 0.004), in: Scoped.wgs84, by: Scoped.qilin)
        }
    }
}
