import Foundation
import Testing
import GeoCore
import TestSupport
@testable import GeoIO

/// What the writer adds for the programs that open a file: display names in `gpkg_data_columns`,
/// web-map shifts where they may go (and nowhere else), positions in a table's columns, KML styles.
@Suite struct ExportFormatTests {
    func park() throws -> FeatureLayer { try WriteTests().park() }

    @Test func gpkgDataColumnsAreWrittenOnceAndPassGDALsValidator() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("parks.gpkg").path
        let names = ["name": "名称", "area_m2": "面积(平方米)", "beds": "床位's"]
        try VectorWriter.write(park(), to: path, options: WriteOptions(aliases: names))
        let package = try GeoPackage.open(path, writable: true)
        #expect(try package.columnNames(of: "parks") == names)
        // Again, and with one name changed: the entry is replaced, not doubled.
        try package.describeColumns(of: "parks", names: ["beds": "床位"])
        #expect(try package.columnNames(of: "parks") == names.merging(["beds": "床位"]) { $1 })
        let rows = try TestSupport.run("ogrinfo", ["-q", path, "-sql", "SELECT COUNT(*) AS n FROM gpkg_data_columns"])
        #expect(rows.stdout.contains("n (Integer) = 3"), "\(rows.stdout)")
        let extensions = try TestSupport.run("ogrinfo", ["-q", path, "-sql",
                                                         "SELECT COUNT(*) AS n FROM gpkg_extensions WHERE extension_name = 'gpkg_schema'"])
        #expect(extensions.stdout.contains("n (Integer) = 2"), "\(extensions.stdout)")
        let validation = try TestSupport.run("/usr/bin/python3", ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py", path])
        #expect(validation.status == 0 && validation.stdout.isEmpty && validation.stderr.isEmpty, "\(validation.stdout)\(validation.stderr)")
    }

    @Test(arguments: [WebMapOffset.gcj02, .bd09]) func aGeometryShiftsAsItsPointsDo(_ offset: WebMapOffset) throws {
        let line = try Geometry(wkt: "LINESTRING(103.80 25.50, 103.81 25.52, 103.83 25.49)")
        let shifted = try offset.shift(line).coordinates
        for index in stride(from: 0, to: shifted.count, by: 2) {
            let point = offset.shift(longitude: line.coordinates[index], latitude: line.coordinates[index + 1])
            #expect(shifted[index] == point.longitude && shifted[index + 1] == point.latitude)
        }
    }

    @Test func webMapShiftsGoToWebFormatsOnly() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = WriteOptions()
        options.coordinateSystem = .webMap(.gcj02)
        for file in ["p.gpkg", "p.shp", "p.xlsx"] {
            let path = folder.appendingPathComponent(file).path
            #expect { try VectorWriter.write(park(), to: path, options: options) } throws: { "\($0)".contains("never to a GIS format") }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
        // GeoJSON and KML hold WGS 84 and its shifts, nothing else.
        options.coordinateSystem = .crs(try CRS("EPSG:4544"))
        #expect { try VectorWriter.write(park(), to: folder.appendingPathComponent("p.kml").path, options: options) }
            throws: { "\($0)".contains("WGS 84 longitude/latitude only") }

        options.coordinateSystem = .webMap(.gcj02)
        let kml = folder.appendingPathComponent("p.kml").path
        try VectorWriter.write(park(), to: kml, options: options)
        let plain = folder.appendingPathComponent("plain.kml").path
        try VectorWriter.write(park(), to: plain)
        let (a, b) = (try VectorReader.read(plain).features[0].geometry!, try VectorReader.read(kml).features[0].geometry!)
        let back = try Transformer(from: .webMap(.gcj02), to: CRS.wgs84).transform(b).coordinates
        #expect(zip(a.coordinates, back).allSatisfy { abs($0 - $1) < 1e-8 })  // 1 mm is 9e-9 degree
        #expect(abs(b.coordinates[0] - a.coordinates[0]) > 1e-3)
    }

    @Test func aTableGivesEachFeaturesPositionInItsColumns() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let point = try Geometry(wkt: "POINT(420123.45678 2821234.56789)")
        var layer = try park()
        layer.features.append(Feature(values: [.string("东门"), .null, .null], geometry: point))
        var options = WriteOptions()
        options.positionColumns = .projectXY
        let csv = folder.appendingPathComponent("parks.csv").path
        try VectorWriter.write(layer, to: csv, options: options)
        let back = try VectorReader.read(csv)
        #expect(back.fields.map(\.name) == ["name", "area_m2", "beds", "X(东坐标)", "Y(北坐标)"])
        #expect(back.features[1].values.suffix(2).compactMap(\.doubleValue) == [420123.4568, 2821234.5679])
        // The park's position is a point inside it (not its hole), its outline the WKT.
        let inside = try Geometry(wkt: "POINT(\(back.features[0].values[3]) \(back.features[0].values[4]))")
        #expect(try PreparedGeometry(layer.features[0].geometry!).contains(inside))
        #expect(back.features[0].geometry?.kind == .polygon && back.features[1].geometry?.kind == .point)

        // Points alone: the columns are their geometry; no WKT repeats them.
        layer.features.removeFirst()
        options.positionColumns = .degrees()
        options.coordinateSystem = .crs(try CRS.wgs84)
        try VectorWriter.write(layer, to: csv, options: options)
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(text.split(separator: "\n").first?.hasSuffix("name,area_m2,beds,经度,纬度") == true, "\(text)")
        let (longitude, latitude) = try TestSupport.gdalTransform(420123.45678, 2821234.56789, from: "EPSG:4544", to: "EPSG:4326")
        let values = try VectorReader.read(csv).features[0].values.suffix(2).compactMap(\.doubleValue)
        #expect(abs(values[0] - longitude) < 1e-9 && abs(values[1] - latitude) < 1e-9, "\(values) vs \(longitude), \(latitude)")
    }

    @Test func kmlStylesAreOGRStyleStringsOfTheQGISColours() {
        let style = KMLPresentation.Style(id: "a", fill: "0,109,44,255", outline: "80,80,80,255", outlineWidth: 1)
        #expect(style.ogrStyle == "BRUSH(fc:#006D2CFF);PEN(c:#505050FF,w:1px)")
        let outline = KMLPresentation.Style(id: "b", fill: nil, outline: "230,85,13,255", outlineWidth: 3)
        #expect(outline.ogrStyle == "BRUSH(fc:#00000000);PEN(c:#E6550DFF,w:3px)")
    }
}
