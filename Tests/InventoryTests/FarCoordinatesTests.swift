import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// Coordinates no survey can have: refused by feature, never carried on to the step that derives
/// codes from them.
@Suite struct FarCoordinatesTests {
    /// A project in Web Mercator and a source in Web Mercator: no transformation moves the point,
    /// so only the area-of-use check stands between x = 1e16 and the project.
    @Test func aWebMercatorPointBeyondTheProjectionIsRefused() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("mercator.gpkg").path
        _ = try ProjectFile.create(path, crs: CRS("EPSG:3857"), name: "")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let source = try TestSupport.write("""
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}, "features": [
            {"type": "Feature", "properties": {"name": "近"}, "geometry": {"type": "Point", "coordinates": [11555000, 2937000]}},
            {"type": "Feature", "properties": {"name": "远"}, "geometry": {"type": "Point", "coordinates": [1e16, 2900000]}}]}
            """, to: "far.geojson", in: folder)
        #expect { try Importer(layer: "old_factories", source: source).run(into: path) } throws: { error in
            guard case let InventoryError.rejected(file, problems) = error else { return false }
            return file == source && problems.count == 1
                && problems[0].hasPrefix("feature 2 (\"远\"): the point (1e+16, 2900000.0)") && problems[0].contains("EPSG:3857")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// The derived code does not trap on coordinates no millimetre count can hold.
    @Test func aCodeIsDerivedEvenFromImpossibleCoordinates() throws {
        let huge = try Geometry(wkt: "POINT(1e300 -1e19)")
        let code = FeatureCode.derive(prefix: "F", geometry: huge, name: "远")
        #expect(code.hasPrefix("F-") && code.count == 18)
        #expect(code != FeatureCode.derive(prefix: "F", geometry: try Geometry(wkt: "POINT(1e300 1e19)"), name: "远"))
    }
}
