import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// A sheet whose rows are located in different ways: each row by the coordinate columns it fills.
/// Expected positions come from GDAL's gdaltransform.
@Suite struct SurveyLocationTests {

    func project(in folder: URL) throws -> String { try emptyProject(in: folder) }

    /// Row 2 by 经度/纬度, row 3 (经度/纬度 empty) by X/Y with the zone in the easting.
    @Test func eachRowUsesTheColumnsItFills() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let (zonedEasting, northing) = try TestSupport.gdalTransform(103.8012, 25.4821, to: "EPSG:4523")
        let source = try TestSupport.write("""
            编号,厂区名称,经度,纬度,X,Y
            F1,经纬度厂,103.80,25.50,,
            F2,坐标厂,,,\(northing),\(zonedEasting)
            """, to: "mixed.csv", in: folder)
        #expect(try Importer(layer: "old_factories", source: source).run(into: path).inserted == 2)
        let layer = try ProjectFile.open(path).current("old_factories")
        for (code, longitude, latitude) in [("F1", 103.80, 25.50), ("F2", 103.8012, 25.4821)] {
            let index = try #require(layer.features.indices.first { layer.value("code", at: $0) == .string(code) })
            let (x, y) = try TestSupport.gdalTransform(longitude, latitude, to: "EPSG:4544")
            let point = try #require(layer.features[index].geometry).coordinates
            #expect(abs(point[0] - x) < 0.001 && abs(point[1] - y) < 0.001, "\(code): \(point) vs (\(x), \(y))")
        }
    }

    /// A row with no coordinates at all has no location; one with half a pair says which half is missing.
    @Test func aRowWithNeitherPairHasNoLocation() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let source = try TestSupport.write("""
            编号,厂区名称,经度,纬度,X,Y
            F1,经纬度厂,103.80,25.50,,
            F2,无位置厂,,,,
            F3,半个厂,103.80,,,
            """, to: "partly.csv", in: folder)
        #expect { try Importer(layer: "old_factories", source: source).run(into: path) } throws: { error in
            guard case let InventoryError.rejected(_, problems) = error else { return false }
            return problems.count == 2
                && problems[0] == "row 3 (\"无位置厂\"): has no location (经度/纬度 and X/Y are empty)"
                && problems[1] == "row 4 (\"半个厂\"): column 纬度 is empty"
        }
    }
}
