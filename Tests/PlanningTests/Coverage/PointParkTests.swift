import Foundation
import Testing
import GeoCore
import GeoIO
import Inventory
import Planning
import TestSupport

/// Parks surveyed as points with their area (a list taken from Amap): an approximate footprint of
/// that area, which coverage then counts like any park. Positions from GDAL's gdaltransform.
@Suite struct PointParkTests {

    func project(in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("p.gpkg").path
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
        return path
    }

    /// 0.6 公顷 = 6000 m²: a circle-like footprint of that area at the point, flagged approximate.
    @Test func aPointParkWithItsAreaGetsAnApproximateFootprint() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let source = try TestSupport.write("""
            公园名称,区县,建成时间,公园面积（公顷）,经度,纬度
            寥廓公园,麒麟区,2016-05-01,0.6,103.80,25.50
            """, to: "amap.csv", in: folder)
        #expect(try Importer(layer: "parks", source: source).run(into: path).inserted == 1)
        let parks = try ProjectFile.open(path).current("parks")
        let (x, y) = try TestSupport.gdalTransform(103.80, 25.50)
        let footprint = try #require(parks.features.first?.geometry)
        #expect(footprint.kind == .multiPolygon && abs(footprint.area - 6000) < 1e-6, "\(footprint.kind) \(footprint.area)")
        let box = try #require(footprint.envelope)
        #expect(abs((box.minX + box.maxX) / 2 - x) < 0.01 && abs((box.minY + box.maxY) / 2 - y) < 0.01)
        #expect(abs((parks.value("area_m2", at: 0).doubleValue ?? 0) - 6000) < 1e-6)
        #expect(parks.value("approximate", at: 0) == .integer(1))
        #expect(abs((parks.value("point_x", at: 0).doubleValue ?? 0) - x) < 0.001)
        #expect(abs((parks.value("point_y", at: 0).doubleValue ?? 0) - y) < 0.001)
        #expect(parks.value("opened", at: 0) == .string("2016-05-01") && parks.value("district", at: 0) == .string("530302"))
    }

    /// A point with no area cannot be a park's footprint: refused, saying what is missing.
    @Test func aPointParkWithoutAreaIsRefused() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let source = try TestSupport.write("""
            公园名称,面积,经度,纬度
            寥廓公园,6000,103.80,25.50
            无面积园,,103.81,25.51
            """, to: "amap.csv", in: folder)
        #expect { try Importer(layer: "parks", source: source).run(into: path) } throws: { error in
            guard case let InventoryError.rejected(_, problems) = error else { return false }
            return problems == ["row 3 (\"无面积园\"): is a Point where a polygon is expected; give its area (面积) for an approximate footprint, or its outline"]
        }
    }

    /// Coverage counts the park by its footprint: 6000 m² reaches 500 m (GB/T 50563) from a
    /// footprint of radius about 43.8 m (a 32-gon of 6000 m²: √(2·6000 / (32·sin(2π/32))) = 43.84 m),
    /// so the service area reaches about 543 m from the point. Residential block A (x + 360…400 m,
    /// y ± 20 m; farthest corner √(400² + 20²) = 400.5 m) is covered whole; block B (x + 600…640 m)
    /// not at all: 1600 of 3200 m², 50 %. Counted as a point, or as under 5000 m² (300 m, reaching
    /// 344 m), the park would cover nothing.
    @Test func coverageCountsThePointParkByItsFootprint() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let parks = try TestSupport.write("公园名称,公园面积（公顷）,经度,纬度\n寥廓公园,0.6,103.80,25.50\n", to: "amap.csv", in: folder)
        _ = try Importer(layer: "parks", source: parks).run(into: path)
        let (x, y) = try TestSupport.gdalTransform(103.80, 25.50)
        func block(_ from: Double) -> String {
            "\"POLYGON ((\(x + from) \(y - 20), \(x + from + 40) \(y - 20), \(x + from + 40) \(y + 20), \(x + from) \(y + 20), \(x + from) \(y - 20)))\""
        }
        let residential = try TestSupport.write("name,WKT\nA,\(block(360))\nB,\(block(600))\n", to: "residential.csv", in: folder)
        var importer = Importer(layer: "residential", source: residential)
        importer.declared = .crs(try CRS("EPSG:4544"))
        _ = try importer.run(into: path)
        let result = try CoverageJob.fromProject(path, layers: false).result
        #expect(result.eligibleParks == 1)
        #expect(TestSupport.close(result.total.residentialArea, 3200, relative: 1e-9), "\(result.total)")
        #expect(TestSupport.close(result.total.coveredArea, 1600, relative: 1e-9), "\(result.total)")
    }
}
