import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// A source past the number of features an import reads is refused before it is read whole,
/// whether its driver counts features cheaply (GeoJSON, a workbook) or not (CSV).
@Suite struct FeatureLimitTests {
    static let rows = [["编号", "厂区名称", "经度", "纬度"], ["F1", "甲厂", "103.80", "25.50"],
                       ["F2", "乙厂", "103.81", "25.51"], ["F3", "丙厂", "103.82", "25.52"]]

    /// Three factories as CSV, as a workbook, or as GeoJSON points.
    func source(_ kind: String, in folder: URL) throws -> String {
        switch kind {
        case "xlsx":
            return try Workbook([.init("旧厂区", rows: Self.rows)]).write(to: "three.xlsx", in: folder)
        case "geojson":
            let features = Self.rows.dropFirst().map { row in
                #"{"type": "Feature", "properties": {"编号": "\#(row[0])", "厂区名称": "\#(row[1])"}, "geometry": {"type": "Point", "coordinates": [\#(row[2]), \#(row[3])]}}"#
            }
            return try TestSupport.write(#"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ","))]}"#,
                                         to: "three.geojson", in: folder)
        default:
            return try TestSupport.write(Self.rows.map { $0.joined(separator: ",") }.joined(separator: "\n"), to: "three.csv", in: folder)
        }
    }

    @Test(arguments: ["csv", "xlsx", "geojson"])
    func aSourcePastTheLimitIsRefusedWhole(kind: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("p.gpkg").path
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let three = try source(kind, in: folder)

        var limited = Importer(layer: "old_factories", source: three)
        limited.maxFeatures = 2
        #expect(throws: GeoIOError.tooManyFeatures(three, limit: 2)) { try limited.run(into: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        limited.maxFeatures = 3
        #expect(try limited.run(into: path).inserted == 3)
    }
}
