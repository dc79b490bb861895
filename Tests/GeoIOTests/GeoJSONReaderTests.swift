import Foundation
import Testing
import GeoCore
import TestSupport
@testable import GeoIO

/// Our GeoJSON reader against GDAL's driver (`VectorReader.readWithOGR`), feature by feature:
/// it must give exactly what OGR gives, or leave the file to OGR.
@Suite struct GeoJSONReaderTests {
    /// Both readings agree in every part of the layer: name, fields, coordinate system, parts,
    /// and each feature's values, fid and geometry (WKB bytes: the same coordinates to the bit).
    static func expectSame(_ ours: FeatureLayer, _ ogr: FeatureLayer, _ file: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(ours.name == ogr.name, "\(file)", sourceLocation: sourceLocation)
        #expect(ours.fields == ogr.fields, "\(file)", sourceLocation: sourceLocation)
        #expect(ours.coordinateSystem == ogr.coordinateSystem, "\(file)", sourceLocation: sourceLocation)
        #expect(ours.parts == ogr.parts, "\(file)", sourceLocation: sourceLocation)
        #expect(ours.unreadLayers == ogr.unreadLayers, "\(file)", sourceLocation: sourceLocation)
        #expect(ours.features.count == ogr.features.count, "\(file)", sourceLocation: sourceLocation)
        var differing = 0
        for (index, (mine, theirs)) in zip(ours.features, ogr.features).enumerated() {
            let same = mine.values == theirs.values && mine.fid == theirs.fid && mine.geometry?.wkb == theirs.geometry?.wkb
                && (mine.geometry == nil) == (theirs.geometry == nil) && mine.geometry?.kind == theirs.geometry?.kind
            if !same {
                differing += 1
                if differing <= 3 {
                    Issue.record("\(file) feature \(index + 1): ours \(mine.values) \(mine.fid ?? -1) \(mine.geometry?.wkt ?? "null"), OGR's \(theirs.values) \(theirs.fid ?? -1) \(theirs.geometry?.wkt ?? "null")",
                                 sourceLocation: sourceLocation)
                }
            }
        }
        #expect(differing == 0, "\(file): \(differing) features differ", sourceLocation: sourceLocation)
    }

    /// Reads `path` both ways; true when ours read it (false: it left the file to OGR, and then
    /// `VectorReader.read` gives OGR's reading).
    @discardableResult
    static func compare(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        let ogr = try VectorReader.readWithOGR(path)
        guard let ours = try GeoJSONReader.read(path) else {
            expectSame(try VectorReader.read(path), ogr, path, sourceLocation: sourceLocation)
            return false
        }
        expectSame(ours, ogr, path, sourceLocation: sourceLocation)
        return true
    }

    static func files(under folder: URL) -> [String] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { ["geojson", "json"].contains($0.pathExtension.lowercased()) }
            .map(\.path).sorted()
    }

    @Test func everyGeoJSONFileOfTheProjectAndTheOSMExtracts() throws {
        var files = Self.files(under: TestSupport.root.appendingPathComponent("geodata"))
            + Self.files(under: TestSupport.root.appendingPathComponent("Tests"))
        if let shared = TestSupport.shared { files += Self.files(under: shared.appendingPathComponent("data/osm")) }
        try #require(files.count >= 10)
        var oursRead: [String] = []
        for file in files where try Self.compare(file) { oursRead.append(file) }
        // All of them are the common shape (the OSM extracts with CRS84, nulls, integers): ours
        // must read them, not leave them to OGR.
        #expect(oursRead == files, "left to OGR: \(files.filter { !oursRead.contains($0) })")
    }

    @Test(.enabled(if: TestSupport.shared != nil, "needs ../shared/bench"))
    func generatedCity() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try TestSupport.run(TestSupport.python, [TestSupport.shared!.appendingPathComponent("bench/gen_city.py").path,
                                                            "--out", folder.path, "--scale", "1"])
        try #require(run.status == 0, "\(run.stderr)")
        let files = Self.files(under: folder)
        try #require(files.count >= 3)
        for file in files { #expect(try Self.compare(file), "left to OGR: \(file)") }
    }

    /// Writes `json` to a file and compares; true when ours read it.
    static func compareText(_ json: String, name: String = "odd.geojson", sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        return try compare(TestSupport.write(json, to: name, in: folder), sourceLocation: sourceLocation)
    }

    static func collection(_ features: [String], members: String = "") -> String {
        #"{"type": "FeatureCollection", \#(members)"features": ["# + features.joined(separator: ",\n") + "]}"
    }

    static func feature(_ properties: String, _ geometry: String = #"{"type": "Point", "coordinates": [103.5, 25.25]}"#) -> String {
        #"{"type": "Feature", "properties": \#(properties), "geometry": \#(geometry)}"#
    }

    /// The common shape's variations: ours reads them, and gives what OGR gives.
    @Test(arguments: [
        ("nulls first, then values", [feature(#"{"a": null, "b": null}"#), feature(#"{"a": 3, "b": "x"}"#), feature(#"{"a": null, "b": null}"#)]),
        ("only nulls", [feature(#"{"a": null}"#), feature(#"{"a": null}"#)]),
        ("booleans", [feature(#"{"ok": true}"#), feature(#"{"ok": false}"#), feature(#"{"ok": null}"#)]),
        ("integers beyond 32 bits", [feature(#"{"n": 1}"#), feature(#"{"n": 5000000000}"#), feature(#"{"n": -999999999999999999}"#)]),
        ("integers then reals", [feature(#"{"v": 1}"#), feature(#"{"v": 2.5}"#), feature(#"{"v": -0}"#), feature(#"{"v": 9007199254740993}"#)]),
        ("reals then integers", [feature(#"{"v": 1e3}"#), feature(#"{"v": 7}"#), feature(#"{"v": -0.0}"#), feature(#"{"v": 1E-7}"#)]),
        ("escapes and Chinese", [feature(#"{"name": "公园 \"1\"\\\/\n\t\u00e9\ud83c\udf33", "日期": "2018-12-08", "k\u00e9y": 1}"#)]),
        ("dates as strings", [feature(#"{"d": "2018-12-08", "t": "2017-05-01T08:30:00", "z": "2017-05-01 08:30:00+08"}"#)]),
        ("properties null, a feature without properties", [feature("null"), feature(#"{"a": 1}"#), feature("{}")]),
        ("null geometry", [feature(#"{"a": 1}"#, "null"), feature(#"{"a": 2}"#)]),
        ("a property left out", [feature(#"{"a": 1, "b": 2, "c": 3}"#), feature(#"{"a": 1, "c": 3}"#)]),
        ("every simple geometry", [
            feature("{}", #"{"type": "LineString", "coordinates": [[1, 2], [3.25, 4]]}"#),
            feature("{}", #"{"coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.1, 0.1], [0.2, 0.1], [0.2, 0.2], [0.1, 0.1]]], "type": "Polygon"}"#),
            feature("{}", #"{"type": "MultiPoint", "coordinates": [[1, 2], [3, 4]]}"#),
            feature("{}", #"{"type": "MultiLineString", "coordinates": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]}"#),
            feature("{}", #"{"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[2, 2], [3, 2], [3, 3], [2, 2]]]]}"#),
        ]),
    ])
    func commonShape(_ case: String, _ features: [String]) throws {
        #expect(try Self.compareText(Self.collection(features)), "\(`case`): left to OGR")
    }

    @Test func crsAndName() throws {
        let features = [Self.feature(#"{"a": 1}"#, #"{"type": "Point", "coordinates": [500000.5, 2800000.25]}"#)]
        for crs in ["urn:ogc:def:crs:EPSG::4544", "EPSG:3857", "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326"] {
            let members = #""name": "地块", "crs": {"type": "name", "properties": {"name": "\#(crs)"}}, "#
            #expect(try Self.compareText(Self.collection(features, members: members)), "\(crs): left to OGR")
        }
        #expect(try Self.compareText(Self.collection(features), name: "no-name.json"))
    }

    /// What ours leaves to OGR (which then reads it as it always did).
    @Test(arguments: [
        ("a feature id", [#"{"type": "Feature", "id": 7, "properties": {}, "geometry": null}"#]),
        ("an id property", [feature(#"{"id": 7}"#)]),
        ("an id property, escaped", [feature(#"{"\u0069d": 7}"#)]),
        ("nested values", [feature(#"{"tags": {"a": 1}, "list": [1, 2]}"#)]),
        ("3D", [feature("{}", #"{"type": "Point", "coordinates": [1, 2, 3]}"#)]),
        ("a collection", [feature("{}", #"{"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}]}"#)]),
        ("an empty geometry", [feature("{}", #"{"type": "Polygon", "coordinates": []}"#)]),
        ("text and numbers in a column", [feature(#"{"a": 1}"#), feature(#"{"a": "x"}"#)]),
        ("booleans and numbers in a column", [feature(#"{"a": 1}"#), feature(#"{"a": true}"#)]),
        ("properties in another order", [feature(#"{"a": 1, "b": 2, "c": 3}"#), feature(#"{"d": 1, "a": 2}"#)]),
        ("an integer beyond 64 bits", [feature(#"{"a": 123456789012345678901234}"#)]),
    ])
    func leftToOGR(_ case: String, _ features: [String]) throws {
        #expect(try !Self.compareText(Self.collection(features)), "\(`case`): ours read it")
    }

    /// Odd files either way: whether ours reads them or leaves them to OGR, `VectorReader.read`
    /// gives what OGR gives, or fails where OGR fails.
    @Test(arguments: [
        collection([feature(#"{"": 1, "a": 2}"#)]),
        collection([feature(#"{"a": 1, "a": 2}"#)]),
        "\u{FEFF}" + collection([feature(#"{"a": 1}"#)]),
        collection([feature(#"{"a": 1}"#)], members: #""bbox": [0, 0, 1, 1], "#),
        collection([#"{"type": "Feature", "bbox": [0, 0, 1, 1], "properties": {"a": 1}, "geometry": null}"#]),
        collection([#"{"properties": {"a": 1}, "geometry": null}"#]),
        collection([feature(#"{"a": "x\u0000y"}"#)]),
        collection([feature("{\"a\": \"tab\there\"}")]),
        collection([feature(#"{"ID": 3}"#)]),
        collection([feature(#"{"a": 1}"#)], members: #""crs": {"type": "name", "properties": {"name": "EPSG:999999"}}, "#),
        collection([feature(#"{"a": 1}"#)], members: #""crs": {"type": "link", "properties": {"href": "x", "type": "proj4"}}, "#),
        collection([feature("{}", #"{"type": "LineString", "coordinates": [[1, 2]]}"#)]),
        collection([feature("{}", #"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}"#)]),
        collection([feature("{}", #"{"type": "point", "coordinates": [1, 2]}"#)]),
        collection([feature("{}", #"{"type": "Point", "coordinates": [1, 2], "bbox": [1, 2, 1, 2]}"#)]),
        collection([feature(#"{"a": 1.0}"#), feature(#"{"a": true}"#)]),
        collection([feature(#"{"b": 1, "a": 1}"#), feature(#"{"a": 2, "c": 1}"#)]),
    ])
    func oddFilesGiveWhatOGRGives(_ json: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try TestSupport.write(json, to: "odd.geojson", in: folder)
        switch (Result { try VectorReader.readWithOGR(path) }, Result { try VectorReader.read(path) }) {
        case let (.success(ogr), .success(read)): Self.expectSame(read, ogr, json)
        case (.failure, .failure): break
        case let (ogr, read): Issue.record("\(json): OGR \(ogr), ours \(read)")
        }
    }

    @Test func aBareGeometryOrFeatureIsLeftToOGR() throws {
        #expect(try !Self.compareText(Self.feature(#"{"a": 1}"#)))
        #expect(try !Self.compareText(#"{"type": "Point", "coordinates": [1, 2]}"#))
    }

    /// Coordinates written every way a writer might, each parsed to the double OGR parses.
    @Test func numbersParseToOGRsDoubles() throws {
        var generator = SystemRandomNumberGenerator()
        var positions: [String] = []
        for index in 0..<3000 {
            let x = Double.random(in: -180...180, using: &generator), y = Double(bitPattern: UInt64.random(in: 0...0x7FEF_FFFF_FFFF_FFFF, using: &generator))
            let written: (Double) -> String = switch index % 6 {
            case 0: { "\($0)" }
            case 1: { String(format: "%.17g", $0) }
            case 2: { String(format: "%.7f", $0) }
            case 3: { String(format: "%.15e", $0) }
            case 4: { String(format: "%.25f", $0) }
            default: { String(format: "%.3E", $0) }
            }
            positions.append("[\(written(x)), \(written(y))]")
        }
        positions += ["[0.1, 1e-320]", "[123456789012345678, 0.000000000000000000000000001]", "[-0.0, 4.9406564584124654e-324]",
                      "[2.2250738585072011e-308, 1.7976931348623157e308]", "[9007199254740993, 9007199254740993.0]",
                      "[103.81569380000000000000000001, 0.30000000000000004]"]
        let features = stride(from: 0, to: positions.count, by: 2).map { start in
            Self.feature("{}", #"{"type": "MultiPoint", "coordinates": [\#(positions[start..<min(start + 2, positions.count)].joined(separator: ", "))]}"#)
        }
        #expect(try Self.compareText(Self.collection(features)))
    }

    @Test func tooManyFeaturesIsRefusedBeforeReading() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try TestSupport.write(Self.collection(Array(repeating: Self.feature(#"{"a": 1}"#), count: 3)), to: "three.geojson", in: folder)
        #expect(throws: GeoIOError.tooManyFeatures(path, limit: 2)) { try GeoJSONReader.read(path, maxFeatures: 2) }
        #expect(throws: GeoIOError.tooManyFeatures(path, limit: 2)) { try VectorReader.readWithOGR(path, maxFeatures: 2) }
        #expect(try GeoJSONReader.read(path, maxFeatures: 3)?.features.count == 3)
    }

    /// Bad input is refused naming the file and the feature, never read in part.
    @Test(arguments: [
        ("a missing comma", [feature(#"{"a": 1}"#), feature(#"{"a": 1 "b": 2}"#)], "feature 2"),
        ("a geometry of text", [feature(#"{"a": 1}"#), feature(#"{"a": 1}"#), feature("{}", #"{"type": "Polygon", "coordinates": "x"}"#)], "feature 3"),
        ("coordinates nested wrong", [feature("{}", #"{"type": "Polygon", "coordinates": [[1, 2], [3, 4]]}"#)], "feature 1"),
        ("an unknown geometry type", [feature(#"{"a": 1}"#), feature("{}", #"{"type": "Circle", "coordinates": [1, 2]}"#)], "feature 2"),
        ("an open ring", [feature(#"{"a": 1}"#), feature("{}", #"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}"#)], "feature 2"),
    ])
    func badInputNamesTheFeature(_ case: String, _ features: [String], _ feature: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try TestSupport.write(Self.collection(features), to: "bad.geojson", in: folder)
        #expect { try VectorReader.read(path) } throws: { "\($0)".contains(path) && "\($0)".contains(feature) }
    }

    @Test func aTruncatedFileNamesTheFeatureItBreaksIn() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = Self.collection((1...5).map { Self.feature(#"{"a": \#($0)}"#, #"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}"#) })
        let cut = whole.utf8.count * 3 / 4
        let path = try TestSupport.write(String(decoding: whole.utf8.prefix(cut), as: UTF8.self), to: "cut.geojson", in: folder)
        let broken = whole.utf8.prefix(cut).split(separator: UInt8(ascii: "\n")).count
        #expect { try VectorReader.read(path) } throws: { "\($0)".contains(path) && "\($0)".contains("feature \(broken)") }
        // Our reader found it, not GDAL: the message says what is wrong, not that GDAL failed.
        #expect { try VectorReader.read(path) } throws: { "\($0)".contains("not valid GeoJSON") && !"\($0)".contains("GDAL") }
        let unclosed = try TestSupport.write(String(whole.dropLast()), to: "unclosed.geojson", in: folder)
        #expect { try VectorReader.read(unclosed) } throws: { "\($0)".contains(unclosed) }
    }
}
