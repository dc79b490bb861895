import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// What an import would otherwise accept in silence: outlines without a row, an outline far from
/// its stated area, household counts that cannot be, features far from the project.
@Suite struct ImportNotesTests {
    func project(in folder: URL, withSampleBuiltUp: Bool = false) throws -> String {
        try emptyProject(in: folder, withSampleBuiltUp: withSampleBuiltUp)
    }

    /// 100 m squares in EPSG:4544 (1 ha each), with their codes.
    static func outlines(_ codes: [String]) -> String {
        let features = codes.enumerated().map { index, code in
            let x = 500_000 + 1_000 * index
            return #"{"type": "Feature", "properties": {"编号": "\#(code)"}, "geometry": {"type": "Polygon", "coordinates": [[[\#(x), 2800000], [\#(x + 100), 2800000], [\#(x + 100), 2800100], [\#(x), 2800100], [\#(x), 2800000]]]}}"#
        }
        return #"{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:4544"}}, "features": [\#(features.joined(separator: ", "))]}"#
    }

    /// F1 states 0.15 万平方米 (1500 m²) for a 1 ha outline, 6.7 times that; F2 states 1.0 (10000 m²),
    /// its outline's area; F9's outline has no row.
    @Test func outlinesWithoutARowOrFarFromTheStatedAreaAreNoted() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let form = try TestSupport.write("""
            编号,厂区名称,厂区总面积（万平方米）
            F1,罗平化肥厂,0.15
            F2,麒麟水泥厂,1.0
            """, to: "form.csv", in: folder)
        var importer = Importer(layer: "old_factories", source: form)
        importer.geometrySource = try TestSupport.write(Self.outlines(["F1", "F2", "F9"]), to: "outlines.geojson", in: folder)
        let summary = try importer.run(into: path)
        #expect(summary.inserted == 2)
        #expect(summary.notes.contains("row 2 (\"罗平化肥厂\"): its outline's area, 10000 m², is 6.7× its stated 厂区总面积, 1500 m²; check the outline and the row"),
                "\(summary.notes)")
        #expect(!summary.notes.contains { $0.contains("row 3") })
        #expect(summary.notes.contains("\(importer.geometrySource!): 1 outline(s) whose 编号 no row has, not imported: F9"), "\(summary.notes)")
    }

    /// Of 100 households to move, no more than 100 sign, and of those who sign no more take cash.
    @Test func householdCountsThatCannotBeAreRowProblems() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let source = try TestSupport.write("""
            编号,城中村名称,改造户数,签约户数,货币化安置户数,WKT
            UV1,太和村,100,120,10,POINT (500000 2800000)
            UV2,白石江村,100,80,90,POINT (501000 2800000)
            UV3,潇湘村,100,100,100,POINT (502000 2800000)
            """, to: "villages.csv", in: folder)
        var importer = Importer(layer: "urban_villages", source: source)
        importer.declared = .crs(try CRS("EPSG:4544"))
        #expect { try importer.run(into: path) } throws: { error in
            guard case let InventoryError.rejected(_, problems) = error else { return false }
            return problems == ["row 2 (\"太和村\"): column 签约户数: 120 is more than 改造户数 (100)",
                                "row 3 (\"白石江村\"): column 货币化安置户数: 90 is more than 签约户数 (80)"]
        }
        #expect(try ProjectFile.open(path).current("urban_villages").features.isEmpty)
    }

    /// A park where the sample built-up areas lie, and one 150 km east of it (a file whose stated
    /// zone is the wrong one): it lands, and the note names it.
    @Test func featuresOutsideTheProjectAreNoted() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder, withSampleBuiltUp: true)
        let (x, y) = try TestSupport.gdalTransform(103.79, 25.5, from: "EPSG:4326", to: "EPSG:4544")
        func square(_ x: Double) -> String { "\"POLYGON ((\(x) \(y), \(x + 100) \(y), \(x + 100) \(y + 100), \(x) \(y + 100), \(x) \(y)))\"" }
        let source = try TestSupport.write("""
            名称,WKT
            寥廓公园,\(square(x))
            远方公园,\(square(x + 150_000))
            """, to: "parks.csv", in: folder)
        var importer = Importer(layer: "parks", source: source)
        importer.declared = .crs(try CRS("EPSG:4544"))
        let summary = try importer.run(into: path)
        #expect(summary.inserted == 2)
        #expect(summary.notes == ["\(source): 1 feature(s) lie outside the project's extent (its districts and built-up areas): "
                                  + "row 3 (\"远方公园\"); if the file's stated CRS is wrong, declare the right one with --crs"], "\(summary.notes)")
    }
}
