import Foundation
import Testing
import TestSupport

/// What an items request selects, checked against independent readers of `habitat export`'s
/// files (shapely for boxes, pyproj for coordinates): bbox in CRS84 and in the project CRS, crs,
/// property filters, datetime, paging.
@Suite(.serialized) struct ItemsQueryTests {
    @Test func bboxPropertyFiltersAndCRS() throws {
        let folder = try TestSupport.temporaryFolder("serve-items")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        let server = try RunningServer(project: project)
        defer { server.stop() }
        let exported = folder.appendingPathComponent("residential.geojson").path
        try #require(try TestSupport.run(TestSupport.habitat, ["export", project, "residential", exported]).status == 0)

        // A box over the middle third of the residential land; shapely says which features it
        // must return (those reaching 1e-6° inside it) and which it must not (none within 1e-6°).
        let box = try BoxExpectation(exported: exported, inset: 3, in: folder)
        let (bbox, must, never) = (box.bbox, box.must, box.never)
        #expect(!must.isEmpty && !never.isEmpty)

        let boxed = try server.get("/collections/residential/items?limit=10000&bbox=" + box.parameter)
        #expect(boxed.status == 200)
        #expect(boxed.headers["content-type"] == "application/geo+json")
        #expect(boxed.headers["content-crs"] == "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>")
        let served = Set(try ids(boxed.body))
        #expect(must.isSubset(of: served))
        #expect(served.isDisjoint(with: never))
        let file = try TestSupport.write(boxed.body, to: "boxed.geojson", in: folder)
        #expect(try RFC7946.problems(file) == [])

        // The whole world (a map zoomed out) holds every feature; a box far away, none.
        let all = try #require(TestSupport.json(try String(contentsOfFile: exported, encoding: .utf8))["features"] as? [Any]).count
        let world = try server.get("/collections/residential/items?limit=1&bbox=-180,-90,180,90")
        #expect(world.status == 200)
        #expect(try TestSupport.json(world.body)["numberMatched"] as? Int == all)
        let elsewhere = try server.get("/collections/residential/items?bbox=-10,40,-9,41")
        #expect(elsewhere.status == 200)
        #expect(try TestSupport.json(elsewhere.body)["numberMatched"] as? Int == 0)

        // The same box in EPSG:4544, northing first, as pyproj transforms its corners (a box
        // enclosing the lon/lat one): everything the lon/lat box must return, it returns too.
        let corners = try TestSupport.run(TestSupport.python, ["-c", """
            from pyproj import Transformer
            t = Transformer.from_crs("OGC:CRS84", "EPSG:4544")
            xs, ys = zip(*[t.transform(x, y) for x in (\(bbox[0]), \(bbox[2])) for y in (\(bbox[1]), \(bbox[3]))])
            print(",".join(str(v) for v in (min(xs), min(ys), max(xs), max(ys))))
            """]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let northFirst = try server.get("/collections/residential/items?limit=10000&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4544&bbox=\(corners)")
        #expect(northFirst.status == 200)
        #expect(must.isSubset(of: Set(try ids(northFirst.body))))

        // crs=EPSG:4544: northing, easting; pyproj brings the CRS84 page there within a centimetre.
        let page = try server.get("/collections/residential/items?limit=5")
        let projected = try server.get("/collections/residential/items?limit=5&crs=http://www.opengis.net/def/crs/EPSG/0/4544")
        #expect(projected.headers["content-crs"] == "<http://www.opengis.net/def/crs/EPSG/0/4544>")
        let lonLat = try TestSupport.write(page.body, to: "page.geojson", in: folder)
        let northEast = try TestSupport.write(projected.body, to: "projected.geojson", in: folder)
        let distance = try TestSupport.run(TestSupport.python, ["-c", """
            import json
            from pyproj import Transformer
            from shapely.geometry import shape
            from shapely.ops import transform
            t = Transformer.from_crs("OGC:CRS84", "EPSG:4544")  # EPSG's own order: northing, easting
            a = json.load(open("\(lonLat)"))["features"]; b = json.load(open("\(northEast)"))["features"]
            assert [f["id"] for f in a] == [f["id"] for f in b] and len(a) == 5
            print(max(transform(t.transform, shape(f["geometry"])).hausdorff_distance(shape(g["geometry"])) for f, g in zip(a, b)))
            """])
        try #require(distance.status == 0, "\(distance.stderr)")
        let worst = try #require(Double(distance.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(worst < 0.02, "4544 coordinates off by \(worst) m")
        let bad = try server.get("/collections/residential/items?crs=http://www.opengis.net/def/crs/EPSG/0/3857")
        #expect(bad.status == 400)

        // class=G12 (a text field), approximate=0 (a whole number): the parks the export has so, no others.
        let parksFile = folder.appendingPathComponent("parks.geojson").path
        try #require(try TestSupport.run(TestSupport.habitat, ["export", project, "parks", parksFile]).status == 0)
        let parks = try #require(TestSupport.json(try String(contentsOfFile: parksFile, encoding: .utf8))["features"] as? [[String: Any]])
        for (field, value) in [("class", "G12"), ("approximate", "0")] {
            let expected = Set(parks.filter { feature in
                (feature["properties"] as? [String: Any]).map { "\($0[field] ?? "")" } == value
            }.compactMap { ($0["properties"] as? [String: Any])?["code"] as? String })
            #expect(!expected.isEmpty && expected.count < parks.count || field == "approximate", "\(field)=\(value)")
            let filtered = try server.get("/collections/parks/items?limit=10000&\(field)=\(value)")
            #expect(Set(try ids(filtered.body)) == expected, "\(field)=\(value)")
            #expect(try TestSupport.json(filtered.body)["numberMatched"] as? Int == expected.count)
        }

        // One feature by its code; an unknown code is a 404.
        let code = try #require(try ids(page.body).first)
        let one = try server.get("/collections/residential/items/\(code)")
        #expect(one.status == 200)
        #expect(try TestSupport.json(one.body)["id"] as? String == code)
        #expect(try server.get("/collections/residential/items/NO-SUCH-CODE").status == 404)
    }

    @Test func datetimeReadsTheLayerAsItWas() throws {
        let folder = try TestSupport.temporaryFolder("serve-datetime")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        let geodata = TestSupport.root.appendingPathComponent("geodata").path
        Thread.sleep(forTimeInterval: 0.05)
        let between = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!,
                                                   formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        Thread.sleep(forTimeInterval: 0.05)
        try #require(try TestSupport.run(TestSupport.habitat, ["import", project, "old_factories", "\(geodata)/old_factories_2018.geojson"]).status == 0)
        let server = try RunningServer(project: project)
        defer { server.stop() }

        for instant in [nil, between] {
            let file = folder.appendingPathComponent("factories-\(instant == nil ? "now" : "then").geojson").path
            try #require(try TestSupport.run(TestSupport.habitat, ["export", project, "old_factories", file] + (instant.map { ["--as-of", $0] } ?? [])).status == 0)
            let exported = try #require(TestSupport.json(try String(contentsOfFile: file, encoding: .utf8))["features"] as? [[String: Any]])
            let served = try server.get("/collections/old_factories/items?limit=10000" + (instant.map { "&datetime=\($0)" } ?? ""))
            #expect(served.status == 200)
            let features = try #require(TestSupport.json(served.body)["features"] as? [[String: Any]])
            func summary(_ list: [[String: Any]]) -> [String] {
                list.map { feature in
                    let properties = feature["properties"] as? [String: Any] ?? [:]
                    return "\(properties["code"] ?? "") \(properties["status"] ?? "") \(properties["completed"] ?? "")"
                }.sorted()
            }
            #expect(summary(features) == summary(exported), "as of \(instant ?? "now")")
        }
        // The second import changed something: the two readings differ.
        let now = try server.get("/collections/old_factories/items?limit=10000").body
        let then = try server.get("/collections/old_factories/items?limit=10000&datetime=\(between)").body
        #expect(try TestSupport.json(now)["features"] as? NSArray != TestSupport.json(then)["features"] as? NSArray)
        #expect(try server.get("/collections/old_factories/items?datetime=1999-01-01").status == 400)
    }
}

/// The ids of a FeatureCollection's features.
func ids(_ body: String) throws -> [String] {
    let features = try #require(TestSupport.json(body)["features"] as? [[String: Any]])
    return features.compactMap { $0["id"] as? String }
}
