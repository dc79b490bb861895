import Foundation
import Testing
import TestSupport

/// Geometries as sources hold them that a layer cannot store as they are: collections of
/// polygons. Checked with GDAL's own tools.
@Suite struct ImportGeometryTests {
    static let validator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"

    /// The rings of a square about 100 m on a side near Qujing's centre, in GeoJSON.
    static func rings(_ west: Double) -> String {
        let east = west + 0.001
        return "[[[\(west), 25.50], [\(east), 25.50], [\(east), 25.501], [\(west), 25.501], [\(west), 25.50]]]"
    }

    static func square(_ west: Double) -> String { #"{"type": "Polygon", "coordinates": \#(rings(west))}"# }

    static func features(_ geometry: String) -> String {
        #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "双园"}, "geometry": \#(geometry)}]}"#
    }

    func project(in folder: URL, crs: String = "EPSG:4544") throws -> String {
        let path = folder.appendingPathComponent("p.gpkg").path
        let run = try TestSupport.run(TestSupport.habitat, ["init", path, "--crs", crs])
        try #require(run.status == 0, "\(run.stderr)")
        return path
    }

    /// The geometry types ogr2ogr finds in a layer of the project, as GeoJSON names them.
    func geometryTypes(_ project: String, _ layer: String) throws -> [String] {
        let run = try TestSupport.run("ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", project, layer])
        let features = try TestSupport.json(run.stdout)["features"] as? [[String: Any]] ?? []
        return features.map { ($0["geometry"] as? [String: Any])?["type"] as? String ?? "none" }
    }

    /// A GeometryCollection of two polygons (and one of a polygon and a multi-polygon) becomes a
    /// MultiPolygon in the polygon layer parks and in the any-geometry layers: GDAL's validator
    /// passes the file and a shapefile export works.
    @Test(arguments: ["parks", "old_factories", "urban_villages", "old_residential"])
    func aCollectionOfPolygonsBecomesAMultiPolygon(layer: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let multi = #"{"type": "MultiPolygon", "coordinates": [\#(Self.rings(103.796)), \#(Self.rings(103.798))]}"#
        for (name, members) in [("two", [Self.square(103.790), Self.square(103.793)]), ("mixed", [Self.square(103.790), multi])] {
            let source = try TestSupport.write(Self.features(#"{"type": "GeometryCollection", "geometries": [\#(members.joined(separator: ", "))]}"#),
                                               to: "\(name).geojson", in: folder)
            let run = try TestSupport.run(TestSupport.habitat, ["import", path, layer, source])
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(try geometryTypes(path, layer) == ["MultiPolygon", "MultiPolygon"])
        let validation = try TestSupport.run("/usr/bin/python3", [Self.validator, path])
        #expect(validation.status == 0 && validation.stdout.isEmpty && validation.stderr.isEmpty, "\(validation.stdout)\(validation.stderr)")
        let shapefile = folder.appendingPathComponent("\(layer).shp").path
        let export = try TestSupport.run(TestSupport.habitat, ["export", path, layer, shapefile])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try TestSupport.run("ogrinfo", ["-so", shapefile, layer]).stdout.contains("Geometry: Polygon"))
    }

    /// A collection inside a collection is refused, naming the file and the feature; nothing lands.
    @Test(arguments: ["parks", "old_factories"])
    func aNestedCollectionIsRefused(layer: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let inner = #"{"type": "GeometryCollection", "geometries": [\#(Self.square(103.790))]}"#
        let source = try TestSupport.write(Self.features(#"{"type": "GeometryCollection", "geometries": [\#(inner), \#(Self.square(103.793))]}"#),
                                           to: "nested.geojson", in: folder)
        let run = try TestSupport.run(TestSupport.habitat, ["import", path, layer, source])
        #expect(run.status == 1)
        #expect(run.stderr.contains("nested.geojson") && run.stderr.contains("feature 1 (\"双园\"): is a GeometryCollection inside a GeometryCollection"),
                "\(run.stderr)")
        #expect(try geometryTypes(path, layer).isEmpty)
    }

    /// A line whose ends meet is the outline of an area: a polygon in parks and in the layers that
    /// take any geometry. One whose ends do not is refused where a polygon is wanted, with the gap
    /// in metres, worked out here from gdaltransform's positions of its ends.
    @Test func aClosedLineIsItsAreaAndAnOpenOneIsRefusedWithItsGap() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let closed = try TestSupport.write(Self.features(#"{"type": "LineString", "coordinates": \#(Self.rings(103.790).dropFirst().dropLast())}"#),
                                           to: "closed.geojson", in: folder)
        for layer in ["parks", "old_factories"] {
            let run = try TestSupport.run(TestSupport.habitat, ["import", path, layer, closed])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try geometryTypes(path, layer) == ["MultiPolygon"])
        }
        let open = try TestSupport.write(Self.features(#"{"type": "LineString", "coordinates": [[103.790, 25.500], [103.791, 25.500], [103.791, 25.501], [103.790, 25.501]]}"#),
                                         to: "open.geojson", in: folder)
        let ends = try TestSupport.run("/bin/sh", ["-c", "printf '103.790 25.500\\n103.790 25.501\\n' | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:4544 -output_xy"])
        let xy = ends.stdout.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        try #require(xy.count == 4, "\(ends.stdout)\(ends.stderr)")
        let gap = String(format: "%.3f", ((xy[2] - xy[0]) * (xy[2] - xy[0]) + (xy[3] - xy[1]) * (xy[3] - xy[1])).squareRoot())
        let run = try TestSupport.run(TestSupport.habitat, ["import", path, "parks", open])
        #expect(run.status == 1)
        #expect(run.stderr.contains("feature 1 (\"双园\"): is an open line where an outline is expected: its ends are \(gap) m apart (an outline closes within 0.010 m)"),
                "\(run.stderr)")
    }
}
