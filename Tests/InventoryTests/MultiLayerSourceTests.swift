import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// Sources of several layers: a KML whose parks sit in two folders, a workbook of several sheets.
@Suite struct MultiLayerSourceTests {
    func project(in folder: URL) throws -> String { try emptyProject(in: folder) }

    /// A park 0.001° square at longitude `x`, or a point there when `point`.
    func park(_ code: String, _ name: String, at x: Double, point: Bool = false) -> String {
        let geometry = point ? #"{"type": "Point", "coordinates": [\#(x), 25.5]}"#
            : #"{"type": "Polygon", "coordinates": [[[\#(x), 25.5], [\#(x + 0.001), 25.5], [\#(x + 0.001), 25.501], [\#(x), 25.501], [\#(x), 25.5]]]}"#
        return #"{"type": "Feature", "properties": {"编号": "\#(code)", "名称": "\#(name)"}, "geometry": \#(geometry)}"#
    }

    /// A KML of two folders written by ogr2ogr: 一期 with three parks, 二期 with two (the second a
    /// point when `badPoint`).
    func twoFolderKML(in folder: URL, badPoint: Bool = false) throws -> String {
        let first = try TestSupport.write(#"{"type": "FeatureCollection", "features": [\#(park("P1", "一号公园", at: 103.80)), \#(park("P2", "二号公园", at: 103.81)), \#(park("P3", "三号公园", at: 103.82))]}"#,
                                          to: "first.geojson", in: folder)
        let second = try TestSupport.write(#"{"type": "FeatureCollection", "features": [\#(park("P4", "四号公园", at: 103.83)), \#(park("P5", "五号公园", at: 103.84, point: badPoint))]}"#,
                                           to: "second.geojson", in: folder)
        let kml = folder.appendingPathComponent("parks.kml").path
        for (file, folderName, append) in [(first, "一期", false), (second, "二期", true)] {
            let run = try TestSupport.run("ogr2ogr", ["-f", "KML", "-nln", folderName] + (append ? ["-append"] : []) + [kml, file])
            try #require(run.status == 0, "\(run.stderr)")
        }
        try #require(try VectorReader.layerNames(kml) == ["一期", "二期"])
        return kml
    }

    func codes(_ project: String, _ layer: String) throws -> [String] {
        try ProjectFile.open(project).current(layer).features.map { $0.values[0].description }.sorted()
    }

    @Test func everyFolderOfAKMLIsReadAndNamed() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let summary = try Importer(layer: "parks", source: try twoFolderKML(in: folder)).run(into: path)
        // 3 parks in 一期 + 2 in 二期.
        #expect(summary.inserted == 5)
        #expect(try codes(path, "parks") == ["P1", "P2", "P3", "P4", "P5"])
        #expect(summary.notes.contains { $0.contains("一期 (3 features)") && $0.contains("二期 (2 features)") }, "\(summary.notes)")
    }

    @Test func aNamedFolderIsReadAloneAndAnUnknownOneListsTheOthers() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let kml = try twoFolderKML(in: folder)
        var second = Importer(layer: "parks", source: kml)
        second.sourceLayer = "二期"
        #expect(try second.run(into: path).inserted == 2)
        #expect(try codes(path, "parks") == ["P4", "P5"])
        var unknown = Importer(layer: "parks", source: kml)
        unknown.sourceLayer = "三期"
        #expect(throws: GeoIOError.noSuchLayer(kml, layer: "三期", available: ["一期", "二期"])) { try unknown.run(into: path) }
    }

    @Test func aBadFeatureIsNamedByItsFolderAndPlace() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let kml = try twoFolderKML(in: folder, badPoint: true)
        #expect { try Importer(layer: "parks", source: kml).run(into: path) } throws: { error in
            guard case let InventoryError.rejected(_, problems) = error else { return false }
            return problems.count == 1 && problems[0].hasPrefix("folder 二期, feature 2 (\"五号公园\"): ")
        }
    }

    static let factoryHeaders = ["编号", "厂区名称", "经度", "纬度"]

    /// A workbook whose first sheet holds two factories, its second one more, and its third
    /// nothing.
    func threeSheetWorkbook(in folder: URL) throws -> String {
        try Workbook([
            .init("旧厂区", rows: [Self.factoryHeaders, ["F1", "甲厂", "103.80", "25.50"], ["F2", "乙厂", "103.81", "25.51"]]),
            .init("二期", rows: [Self.factoryHeaders, ["F3", "丙厂", "103.82", "25.52"]]),
            .init("说明", rows: []),
        ]).write(to: "factories.xlsx", in: folder)
    }

    @Test func aWorkbookReadsItsFirstSheetAndNamesTheOthersWithData() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let workbook = try threeSheetWorkbook(in: folder)
        let summary = try Importer(layer: "old_factories", source: workbook).run(into: path)
        #expect(summary.inserted == 2)
        #expect(summary.notes.contains { $0.contains("二期") && $0.contains("--sheet") && !$0.contains("说明") }, "\(summary.notes)")
        var second = Importer(layer: "old_factories", source: workbook)
        second.sourceLayer = "二期"
        #expect(try second.run(into: path).inserted == 1)
        #expect(try codes(path, "old_factories") == ["F1", "F2", "F3"])
    }
}
