import Foundation
import Testing
import GeoCore
import TestSupport
@testable import GeoIO

@Suite struct WriteTests {
    /// A park in EPSG:4544 metres near Qujing, its exterior ring deliberately clockwise and its
    /// hole counter-clockwise — the opposite of what RFC 7946 asks.
    func park() throws -> FeatureLayer {
        let wkt = "POLYGON((420000 2821000, 420000 2821400, 420500 2821400, 420500 2821000, 420000 2821000),"
            + "(420100 2821100, 420200 2821100, 420200 2821200, 420100 2821200, 420100 2821100))"
        return FeatureLayer(source: "test", name: "parks", fields: [Field("name", .string), Field("area_m2", .real), Field("beds", .integer)],
                            features: [Feature(values: [.string("麒麟公园"), .real(190_000), .null], geometry: try Geometry(wkt: wkt))],
                            coordinateSystem: .crs(try CRS("EPSG:4544")))
    }

    @Test func geoJSONFollowsRFC7946AndGDALReadsIt() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("parks.geojson").path
        try VectorWriter.write(park(), to: path)
        #expect(try RFC7946.problems(path) == [])
        let info = try TestSupport.run("ogrinfo", ["-al", "-so", path])
        #expect(info.status == 0)
        #expect(info.stdout.contains("Feature Count: 1"))

        let back = try VectorReader.read(path)
        #expect(back.value("name", at: 0) == .string("麒麟公园"))
        let area = try Transformer(from: .crs(CRS("EPSG:4326")), to: CRS("EPSG:4544")).transform(#require(back.features[0].geometry)).area
        #expect(abs(area - 190_000) < 1)  // 7 decimals of a degree ≈ 1 cm
    }

    @Test func geoPackageKeepsTheCRSAndPassesGDALsValidator() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("parks.gpkg").path
        try VectorWriter.write(park(), to: path)
        let validation = try TestSupport.run("/usr/bin/python3", ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py", path])
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
        #expect(validation.stdout.isEmpty && validation.stderr.isEmpty)
        let info = try TestSupport.run("ogrinfo", ["-al", "-so", path])
        #expect(info.stdout.contains("CGCS2000 / 3-degree Gauss-Kruger CM 105E"))

        let back = try VectorReader.read(path)
        #expect(back.coordinateSystem == .crs(try CRS("EPSG:4544")))
        #expect(back.features[0].geometry?.area == 190_000)
        #expect(back.value("beds", at: 0) == .null)
    }

    /// Text Excel or WPS would run as a formula when opening a CSV file is written with a leading
    /// apostrophe; real numbers, and text that is only a number, stay as they are. The workbook needs
    /// nothing: GDAL writes every string as a shared string, never a formula (<f>).
    @Test func spreadsheetFormulasAreWrittenAsText() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = ["=HYPERLINK(\"http://example.com\",\"点此\")", "+86 874 3123456", "-2+3+cmd|' /C calc'!A0",
                     "@SUM(A1:A9)", "-3", "麒麟公园"]
        let layer = FeatureLayer(source: "test", name: "sites", fields: [Field("name", .string), Field("change", .real)],
                                 features: names.map { Feature(values: [.string($0), .real(-3)], geometry: nil) },
                                 coordinateSystem: .crs(try CRS.wgs84))
        let csvPath = folder.appendingPathComponent("sites.csv").path, xlsxPath = folder.appendingPathComponent("sites.xlsx").path
        try VectorWriter.write(layer, to: csvPath)
        try VectorWriter.write(layer, to: xlsxPath)

        let lines = try String(contentsOfFile: csvPath, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(Array(lines.dropFirst()) == [
            "\"'=HYPERLINK(\"\"http://example.com\"\",\"\"点此\"\")\",-3", "'+86 874 3123456,-3", "'-2+3+cmd|' /C calc'!A0,-3",
            "'@SUM(A1:A9),-3", "\"-3\",-3", "麒麟公园,-3",
        ], "\(lines)")

        let sheet = try TestSupport.run("unzip", ["-p", xlsxPath, "xl/worksheets/sheet1.xml"])
        let strings = try TestSupport.run("unzip", ["-p", xlsxPath, "xl/sharedStrings.xml"])
        #expect(sheet.status == 0 && strings.status == 0 && !sheet.stdout.isEmpty)
        #expect(!sheet.stdout.contains("<f>") && !sheet.stdout.contains("<f "))
        #expect(strings.stdout.contains("<t>=HYPERLINK(") && strings.stdout.contains("<t>-2+3+cmd") && !strings.stdout.contains("'="))
    }

    @Test func unknownExtensionIsRefused() throws {
        #expect(throws: GeoIOError.unsupportedFormat("x.dwg")) { try VectorWriter.write(park(), to: "x.dwg") }
    }
}

/// The checker above must be able to fail, or its silence proves nothing.
@Suite struct RFC7946CheckerTests {
    @Test func catchesEachViolation() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = try TestSupport.write("""
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:4326"}}, "features": [
            {"type": "Feature", "properties": {"area": 1.123456789012},
             "geometry": {"type": "Polygon", "coordinates": [[[103.0, 25.0], [103.0, 25.123456789], [103.1, 25.1], [103.1, 25.0], [103.0, 25.0]]]}},
            {"type": "Feature", "properties": {},
             "geometry": {"type": "Polygon", "coordinates": [[[25.0, 103.0], [25.1, 103.0], [25.1, 103.1], [25.0, 103.0]]]}}
            ]}
            """, to: "bad.geojson", in: folder)
        let problems = try RFC7946.problems(bad)
        #expect(problems.contains("has a crs member"))
        #expect(problems.contains("a coordinate has 9 decimals"))
        #expect(problems.contains("feature 0: exterior ring not counter-clockwise"))
        #expect(problems.contains { $0.hasPrefix("feature 1: position") })
    }
}
