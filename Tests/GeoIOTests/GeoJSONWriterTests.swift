import Foundation
import Testing
import GeoCore
import TestSupport
@testable import GeoIO

/// Our GeoJSON writer against GDAL's driver on the same layers: GDAL (through VectorReader, ogrinfo
/// and pyogrio) reads both files alike, feature by feature, field by field, to the last bit.
@Suite struct GeoJSONWriterTests {
    /// Both writers' files of `layer`, read back and compared; ours and GDAL's text.
    @discardableResult
    func compare(_ layer: FeatureLayer, in output: CoordinateSystem? = nil,
                 options: WriteOptions = WriteOptions()) throws -> (ours: String, gdals: String) {
        let output = try output ?? .crs(CRS.wgs84)
        let ours = try VectorWriter.geoJSON(layer, in: output, options: options)
        let gdals = try VectorWriter.geoJSON(layer, in: output, options: options, throughGDAL: true)
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["ours", "gdal"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let ourPath = try TestSupport.write(ours, to: "ours/\(layer.name).geojson", in: folder)
        let gdalPath = try TestSupport.write(gdals, to: "gdal/\(layer.name).geojson", in: folder)
        let differences = try SameAsGDAL.differences(ourPath, gdalPath)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")

        let (a, b) = (try VectorReader.read(ourPath), try VectorReader.read(gdalPath))
        #expect(a.fields == b.fields)
        #expect(a.features.count == b.features.count)
        for (index, (x, y)) in zip(a.features, b.features).enumerated() {
            #expect(x.values == y.values, "feature \(index + 1)")
            #expect(x.geometry?.wkb == y.geometry?.wkb, "feature \(index + 1): \(x.geometry?.wkt ?? "none") ≠ \(y.geometry?.wkt ?? "none")")
        }
        return (ours, gdals)
    }

    func layer(_ fields: [Field], _ rows: [([AttributeValue], String?)], crs: String = "EPSG:4326") throws -> FeatureLayer {
        FeatureLayer(source: "test", name: "layer", fields: fields,
                     features: try rows.map { Feature(values: $0.0, geometry: try $0.1.map { try Geometry(wkt: $0) }) },
                     coordinateSystem: .crs(try CRS(crs)))
    }

    /// Text that needs escaping, numbers at the edges of what JSON and doubles hold, nulls, and
    /// every kind of geometry, empty ones included.
    @Test func everyKindOfValueAndGeometryReadsBackAsGDALsOwn() throws {
        let fields = [Field("name", .string), Field("count", .integer), Field("share", .real), Field("说明 \"x\"", .string)]
        let rows: [([AttributeValue], String?)] = [
            ([.string("say \"hi\" \\ / 中文 😀"), .integer(1), .real(0.1), .string("tab\there\nline\r\u{01}\u{1f}\u{7f}\u{08}\u{0c}")],
             "POLYGON((116.1 39.2, 116.2 39.2, 116.2 39.3, 116.1 39.2))"),
            ([.string("hole"), .integer(Int64.max), .real(1e300), .string("")],
             "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 1 2, 2 2, 1 1))"),
            ([.string("multi"), .integer(Int64.min), .real(-0.0), .null],
             "MULTIPOLYGON(((1 2, 3 2, 3 4, 1 2)), ((10 20, 30 20, 30 40, 10 20), (12 22, 13 22, 13 23, 12 22)))"),
            ([.null, .null, .null, .null], "POINT(-179.99999995 -0.00000001)"),
            ([.string("nan"), .integer(0), .real(.nan), .string("x")], "MULTIPOINT((1 2), (3.123456789 4))"),
            ([.string("inf"), .integer(-1), .real(.infinity), .string("y")], "LINESTRING(0.5 0.25, 1.000000049 2.00000005)"),
            ([.string("-inf"), .integer(12_345_678_901), .real(-.infinity), .string("z")], "MULTILINESTRING((0 0, 1 1), (2 2, 3 3, 4 4))"),
            ([.string("whole"), .integer(2), .real(100), .string("w")], "GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1), POLYGON((0 0, 1 0, 1 1, 0 0)))"),
            ([.string("tiny"), .integer(3), .real(1e-5), .string("t")], "POLYGON EMPTY"),
            ([.string("big"), .integer(4), .real(123456.78901234567), .string("b")], "MULTIPOLYGON EMPTY"),
            ([.string("no geometry"), .integer(5), .real(5e-324), .string("n")], nil),
            ([.string("empty point"), .integer(6), .real(1.5), .string("p")], "POINT EMPTY"),
            ([.string("empty line"), .integer(7), .real(2.5), .string("l")], "LINESTRING EMPTY"),
            ([.string("empty collection"), .integer(8), .real(3.5), .string("c")], "GEOMETRYCOLLECTION EMPTY"),
            ([.string("a part empty"), .integer(9), .real(4.5), .string("e")], "MULTIPOLYGON(((1 2, 3 2, 3 4, 1 2)), EMPTY)"),
        ]
        let (ours, gdals) = try compare(try layer(fields, rows))
        // Ours, not GDAL's: GDAL writes 1e300 in 17 digits, ours in its shortest exact form.
        #expect(ours.contains("1e+300") && gdals.contains("1.0000000000000001e+300"))
    }

    /// Transformed from a projected CRS, shifted for a Chinese web map, with a description and
    /// position columns: the options a GeoJSON export takes.
    @Test func transformedShiftedDescribedAndWithPositionColumns() throws {
        let park = try layer([Field("name", .string), Field("area_m2", .real)], [
            ([.string("麒麟公园"), .real(190_000)],
             "POLYGON((420000 2821000, 420000 2821400, 420500 2821400, 420500 2821000, 420000 2821000),"
             + "(420100 2821100, 420200 2821100, 420200 2821200, 420100 2821200, 420100 2821100))"),
            ([.string("point"), .real(0)], "POINT(420250 2821250)"),
        ], crs: "EPSG:4544")
        try compare(park)
        var options = WriteOptions()
        options.description = "公园 \"parks\"\nof Qujing"
        options.positionColumns = .degrees()
        try compare(park, options: options)
        try compare(park, in: .webMap(.gcj02))
        try compare(park, in: .crs(try CRS("EPSG:4544")))
        let points = try layer([Field("name", .string)], [([.string("a")], "POINT(420250 2821250)"), ([.string("b")], nil)], crs: "EPSG:4544")
        try compare(points, options: options)
    }

    /// No features, no fields, no geometries at all.
    @Test func emptyLayersAndLayersWithoutFieldsOrGeometry() throws {
        try compare(try layer([Field("name", .string)], []))
        try compare(try layer([], [([], "POINT(1 2)"), ([], nil)]))
        try compare(try layer([Field("n", .integer)], [([.integer(1)], nil), ([.integer(2)], nil)]))
    }

    /// What only GDAL's own rules settle is left to GDAL: the files are GDAL's, byte for byte.
    @Test func whatOnlyGDALSettlesIsWrittenByGDAL() throws {
        let mixed = try layer([Field("n", .real), Field("s", .string)], [([.string("2.5"), .integer(7)], "POINT(1 2)")])
        let (ours, gdals) = try compare(mixed)
        #expect(ours == gdals)
        let emptyMember = try layer([Field("n", .integer)], [([.integer(1)], "GEOMETRYCOLLECTION(POINT EMPTY, POINT(1 2))")])
        let (ours2, gdals2) = try compare(emptyMember)
        #expect(ours2 == gdals2)
    }

    /// Coordinates to 7 decimals as GDAL's driver writes them (each pair seen in `ogr2ogr`'s
    /// output): `%.7f`, trailing zeros trimmed to one, and what looks like binary noise rounded.
    @Test(arguments: [(116.39123449999999, "116.3912345"), (39.9, "39.9"), (-0.00000001, "-0.0"), (0, "0.0"),
                      (-179.9999999, "-180.0"), (-179.99999990000002, "-180.0"), (2.00000005, "2.0000001"),
                      (9.99999995, "9.9999999"), (4.123456789, "4.1234568"), (1, "1.0")])
    func coordinatesAsGDALWritesThem(value: Double, text: String) {
        var written: [UInt8] = []
        #expect(GeoJSONWriter.appendCoordinate(value, to: &written))
        #expect(String(decoding: written, as: UTF8.self) == text)
    }

    /// Coordinates where GDAL's rounding steps in or does not, and ties of `%.7f`, read back as
    /// GDAL's own file gives them.
    @Test func coordinatesWhereGDALRoundsItsOwnWay() throws {
        let values = [116.1000003, -116.1000003, 12.0000003, -12.0000003, 1.0000003, 116.1999998, -99.9999996,
                      999.9999999, 0.9999999, -0.9999999, 45.00000005, 2821400.0000001, 2821399.99999995,
                      -179.99999995, 1.000000049, 123.45678949999]
        var random = SystemRandomNumberGenerator()
        let points = values.map { ($0, $0) } + (0..<300).map { _ in
            (Double.random(in: -180...180, using: &random), Double(Int.random(in: -900_000_000...900_000_000, using: &random)) / 1e7)
        }
        try compare(try layer([Field("n", .integer)], points.enumerated().map { index, point in
            ([.integer(Int64(index))], "POINT(\(String(format: "%.17g", point.0)) \(String(format: "%.17g", point.1)))")
        }))
    }
}
