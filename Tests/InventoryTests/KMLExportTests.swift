import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// KML/KMZ for Google Earth and 奥维: ogrinfo reads the placemarks by their features' names; each
/// is drawn in its class's colour — the QGIS style's colours (QGISStyleTests), the class worked
/// out here by geopandas from the project file — with a balloon of its Chinese-named fields.
@Suite struct KMLExportTests {
    /// Prints, for each placemark of a KML (or KMZ) file, its name, its style's fill (KML's
    /// aabbggrr) and its description, and for each feature of the project layer its code, name,
    /// area in the project CRS and `category`, as JSON.
    static let reader = """
        import json, sys, zipfile, xml.etree.ElementTree as ET
        import geopandas
        path, project, layer = sys.argv[1:4]
        text = zipfile.ZipFile(path).read("doc.kml") if path.endswith(".kmz") else open(path, "rb").read()
        ns = {"k": "http://www.opengis.net/kml/2.2"}
        root = ET.fromstring(text)
        fills = {s.get("id"): s.find("k:PolyStyle/k:color", ns).text for s in root.iter("{http://www.opengis.net/kml/2.2}Style")}
        marks = [{"name": p.findtext("k:name", None, ns), "fill": fills.get(p.findtext("k:styleUrl", "", ns).lstrip("#")),
                  "code": p.findtext("k:ExtendedData/k:SchemaData/k:SimpleData[@name='code']", None, ns),
                  "balloon": p.findtext("k:description", "", ns)} for p in root.iter("{http://www.opengis.net/kml/2.2}Placemark")]
        frame = geopandas.read_file(project, layer=layer)
        features = [{"code": r.code, "name": r["name"], "area": r.geometry.area, "category": r.get("category")} for _, r in frame.iterrows()]
        print(json.dumps({"placemarks": marks, "features": features}, ensure_ascii=False))
        """

    func read(_ kml: String, project: String, layer: String) throws -> (placemarks: [[String: Any]], features: [[String: Any]]) {
        let run = try TestSupport.run(TestSupport.python, ["-c", Self.reader, kml, project, layer])
        try #require(run.status == 0, "\(run.stderr)")
        let report = try TestSupport.json(run.stdout)
        return (report["placemarks"] as? [[String: Any]] ?? [], report["features"] as? [[String: Any]] ?? [])
    }

    /// QGIS's "R,G,B,A" as KML's aabbggrr.
    func kmlColor(_ rgba: String) -> String {
        rgba.split(separator: ",").compactMap { Int($0) }.reversed().map { String(format: "%02x", $0) }.joined()
    }

    @Test(arguments: ["parks.kml", "old_factories.kmz"]) func placemarksAreNamedStyledByClassAndLabelledInChinese(_ file: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try LayerExportTests.sample(in: folder)
        let layer = String(file.prefix { $0 != "." })
        let out = folder.appendingPathComponent(file).path
        let written = try ProjectFile.open(path).export(layer, to: out)

        // ogrinfo reads each placemark's name.
        let info = try TestSupport.run("ogrinfo", ["-q", "-al", out])
        try #require(info.status == 0, "\(info.stderr)")
        let names = info.stdout.split(separator: "\n").compactMap { line in
            line.range(of: "  Name (String) = ").map { String(line[$0.upperBound...]) }
        }
        let (placemarks, features) = try read(out, project: path, layer: layer)
        #expect(names.count == written.count && placemarks.count == written.count)
        #expect(names.sorted() == features.compactMap { $0["name"] as? String }.sorted())

        let byCode = Dictionary(uniqueKeysWithValues: features.map { ($0["code"] as? String ?? "", $0) })
        for placemark in placemarks {
            let code = try #require(placemark["code"] as? String)
            let feature = try #require(byCode[code])
            let area = feature["area"] as? Double ?? 0
            let expected = layer == "parks"
                ? (area >= 5000 ? "0,109,44,255" : area >= 2000 ? "116,196,118,255" : "229,245,224,255")
                : ["用地变更类": "49,130,189,255", "拆旧建新类": "230,171,2,255", "改造提升类": "117,107,177,255"][feature["category"] as? String ?? ""]
                    ?? "200,200,200,255"
            #expect(placemark["fill"] as? String == kmlColor(expected), "\(code): area \(area), \(feature["category"] ?? "")")
            let balloon = placemark["balloon"] as? String ?? ""
            #expect(balloon.contains("<th align=\"left\">编号</th><td>\(code)</td>"), "\(balloon)")
            if let category = feature["category"] as? String {
                #expect(balloon.contains("<th align=\"left\">改造类别</th><td>\(category)</td>"), "\(balloon)")
            }
        }
        if layer == "parks" {
            // Every class is there: the sample has parks of each size.
            #expect(Set(placemarks.compactMap { $0["fill"] as? String }).count == 3)
        }
    }
}

/// `--to-crs gcj02|bd09`: the positions lie where Amap/Tencent or Baidu draw WGS 84 — in Qujing
/// some 300–600 m (GCJ-02) and 0.7–1.2 km (BD-09) off — and the file says so; GIS formats refuse.
@Suite struct WebMapExportTests {
    @Test(arguments: [WebMapOffset.gcj02, .bd09]) func theShiftIsAppliedAndSaid(_ offset: WebMapOffset) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try ProjectFile.open(try LayerExportTests.sample(in: folder))
        let plain = folder.appendingPathComponent("plain.csv").path, shifted = folder.appendingPathComponent("shifted.csv").path
        let geojson = folder.appendingPathComponent("shifted.geojson").path
        var options = ExportOptions()
        _ = try project.export("urban_villages", to: plain, options: options)
        options.webMap = offset
        _ = try project.export("urban_villages", to: shifted, options: options)
        _ = try project.export("urban_villages", to: geojson, options: options)

        let name = offset == .gcj02 ? "GCJ-02" : "BD-09"
        let a = try VectorReader.read(plain), b = try VectorReader.read(shifted)
        #expect(b.fields.map(\.name).suffix(2) == ["经度(\(name))", "纬度(\(name))"])
        let range: ClosedRange<Double> = offset == .gcj02 ? 300...600 : 700...1200
        for index in a.features.indices {
            // 经度, 纬度 as written, and as shifted; metres on the ground near 25.5° N.
            let p = a.features[index].values.suffix(2).compactMap(\.doubleValue), q = b.features[index].values.suffix(2).compactMap(\.doubleValue)
            let metres = hypot((q[0] - p[0]) * 111_320 * cos(p[1] * .pi / 180), (q[1] - p[1]) * 110_574)
            #expect(range.contains(metres), "\(a.describeFeature(index)) moved \(metres) m")
        }
        let description = try TestSupport.json(try String(contentsOfFile: geojson, encoding: .utf8))["description"] as? String
        #expect(description?.contains(name) == true, "\(description ?? "no description")")
        #expect(try RFC7946.problems(geojson).isEmpty)
    }

    @Test(arguments: ["out.gpkg", "out.shp", "out.xlsx"]) func gisFormatsRefuseShiftedPositions(_ file: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try ProjectFile.open(try LayerExportTests.sample(in: folder))
        var options = ExportOptions()
        options.webMap = .gcj02
        let out = folder.appendingPathComponent(file).path
        #expect(throws: InventoryError.webMapFormat(out)) { try project.export("parks", to: out, options: options) }
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
