import Foundation
import Testing
import GeoCore
import TestSupport
@testable import GeoIO

/// Every format is made from one GeoJSON by GDAL's own ogr2ogr, then read back by us.
@Suite struct ReadTests {
    static let parks = """
        {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "麒麟公园", "kind": "G11", "beds": 12},
         "geometry": {"type": "Polygon", "coordinates": [[[103.79, 25.50], [103.80, 25.50], [103.80, 25.51], [103.79, 25.51], [103.79, 25.50]]]}},
        {"type": "Feature", "properties": {"name": "寥廓山游园", "kind": "G14", "beds": null},
         "geometry": {"type": "MultiPolygon", "coordinates": [[[[103.81, 25.52], [103.812, 25.52], [103.812, 25.522], [103.81, 25.52]]]]}}
        ]}
        """

    func areasIn4544(_ layer: FeatureLayer) throws -> [Double] {
        let transformer = try Transformer(from: #require(layer.coordinateSystem), to: CRS("EPSG:4544"))
        return try layer.features.map { try transformer.transform(#require($0.geometry)).area }
    }

    @Test(arguments: [
        ("parks.shp", ["-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8"]),
        ("parks.gpkg", ["-f", "GPKG"]),
        ("parks.kml", ["-f", "KML"]),
        ("parks_4544.gpkg", ["-f", "GPKG", "-t_srs", "EPSG:4544"]),
        ("parks_4544.shp", ["-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", "-t_srs", "EPSG:4544"]),
    ])
    func everyFormatReadsTheSameFeatures(file: String, options: [String]) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try TestSupport.write(Self.parks, to: "parks.geojson", in: folder)
        let target = folder.appendingPathComponent(file).path
        let conversion = try TestSupport.run("ogr2ogr", options + [target, source])
        #expect(conversion.status == 0, "\(conversion.stderr)")

        let original = try VectorReader.read(source)
        let layer = try VectorReader.read(target)
        #expect(layer.features.count == 2)
        #expect(layer.value("name", at: 0) == .string("麒麟公园"))
        #expect(layer.value("name", at: 1) == .string("寥廓山游园"))
        let expected = try areasIn4544(original), actual = try areasIn4544(layer)
        for (a, b) in zip(expected, actual) { #expect(TestSupport.close(a, b, relative: 1e-6), "\(a) vs \(b)") }
        if !file.hasSuffix(".kml") { #expect(layer.value("kind", at: 1) == .string("G14")) }
    }

    @Test func geoJSONIsWGS84WithAttributesTyped() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let layer = try VectorReader.read(TestSupport.write(Self.parks, to: "parks.geojson", in: folder))
        #expect(layer.coordinateSystem == .crs(try CRS("EPSG:4326")))
        #expect(layer.value("beds", at: 0) == .integer(12))
        #expect(layer.value("beds", at: 1) == .null)
        #expect(layer.features[0].geometry?.coordinates.prefix(2) == [103.79, 25.50])  // x is longitude
    }

    @Test func datesReadAsISO8601() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let layer = try VectorReader.read(TestSupport.write("""
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"opened": "2017-05-01", "surveyed": "2018-03-04T08:30:00"}, "geometry": null}]}
            """, to: "dates.geojson", in: folder))
        #expect(layer.value("opened", at: 0) == .string("2017-05-01"))
        #expect(layer.value("surveyed", at: 0) == .string("2018-03-04T08:30:00"))
    }

    /// A column of days and moments (a deadline given as a day or to the minute) keeps each as it
    /// was written: a day is not read back as its first second.
    @Test func aDayAmongMomentsStaysADay() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let layer = try VectorReader.read(TestSupport.write("""
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"deadline": "2018-12-08 17:00:00"}, "geometry": null},
            {"type": "Feature", "properties": {"deadline": "2018-12-08"}, "geometry": null}]}
            """, to: "deadlines.geojson", in: folder))
        #expect(layer.value("deadline", at: 0) == .string("2018-12-08 17:00:00"))
        #expect(layer.value("deadline", at: 1) == .string("2018-12-08"))
    }

    @Test func csvWithAWKTColumnNeedsADeclaredCRS() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = try TestSupport.write("""
            name,WKT
            东门游园,"POLYGON ((500000 2820000, 500100 2820000, 500100 2820100, 500000 2820100, 500000 2820000))"
            """, to: "parks.csv", in: folder)
        let stated = try VectorReader.read(csv)
        #expect(stated.coordinateSystem == nil)
        let declared = try VectorReader.read(csv, declaredCoordinateSystem: .crs(CRS("EPSG:4544")))
        #expect(declared.features[0].geometry?.area == 10_000)
        #expect(declared.fields.map(\.name) == ["name"])
        #expect(declared.value("name", at: 0) == .string("东门游园"))
    }

    @Test func shapefileInGBKWithACodePageFile() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try TestSupport.write(Self.parks, to: "parks.geojson", in: folder)
        let target = folder.appendingPathComponent("parks_gbk.shp").path
        #expect(try TestSupport.run("ogr2ogr", ["-f", "ESRI Shapefile", "-lco", "ENCODING=CP936", target, source]).status == 0)
        #expect(try String(contentsOfFile: folder.appendingPathComponent("parks_gbk.cpg").path, encoding: .utf8).contains("936"))
        let layer = try VectorReader.read(target)
        #expect(layer.value("name", at: 0) == .string("麒麟公园"))
    }

    /// A shapefile whose .cpg was lost and whose DBF names no code page (language driver id 0):
    /// its text, Chinese column names included (short enough for the DBF's 10 bytes in either), is read as GBK or UTF-8, whichever it is.
    @Test(arguments: ["CP936", "UTF-8"])
    func shapefileWithoutACodePageFile(encoding: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try TestSupport.write("""
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"名称": "麒麟公园", "kind": "G11"}, "geometry": {"type": "Point", "coordinates": [103.79, 25.50]}},
            {"type": "Feature", "properties": {"名称": "Park 2", "kind": "G14"}, "geometry": {"type": "Point", "coordinates": [103.81, 25.52]}}]}
            """, to: "parks.geojson", in: folder)
        let target = folder.appendingPathComponent("parks.shp").path
        #expect(try TestSupport.run("ogr2ogr", ["-f", "ESRI Shapefile", "-lco", "ENCODING=\(encoding)", target, source]).status == 0)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("parks.cpg"))
        let dbf = try Data(contentsOf: folder.appendingPathComponent("parks.dbf"))
        try #require(dbf[29] == 0)  // the language driver id: no code page named

        let layer = try VectorReader.read(target)
        #expect(layer.fields.map(\.name) == ["名称", "kind"])
        #expect(layer.value("名称", at: 0) == .string("麒麟公园"))
        #expect(layer.value("名称", at: 1) == .string("Park 2"))
    }

    @Test func missingAndUnreadableFilesAreNamed() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nothing.geojson").path
        #expect(throws: GeoIOError.noSuchFile(missing)) { try VectorReader.read(missing) }
        let garbage = try TestSupport.write("this is not { geojson", to: "garbage.geojson", in: folder)
        #expect { try VectorReader.read(garbage) } throws: { "\($0)".contains("garbage.geojson") && "\($0)".contains("cannot read") }
    }

    @Test func aNamedLayerThatIsNotThereListsTheOthers() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try TestSupport.write(Self.parks, to: "parks.geojson", in: folder)
        let gpkg = folder.appendingPathComponent("two.gpkg").path
        #expect(try TestSupport.run("ogr2ogr", ["-f", "GPKG", "-nln", "parks", gpkg, source]).status == 0)
        #expect(try VectorReader.layerNames(gpkg) == ["parks"])
        #expect(throws: GeoIOError.noSuchLayer(gpkg, layer: "lakes", available: ["parks"])) {
            try VectorReader.read(gpkg, layer: "lakes")
        }
    }
}
