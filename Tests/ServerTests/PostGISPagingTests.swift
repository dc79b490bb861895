import Foundation
import Testing
import TestSupport

/// Serving a project kept in PostGIS (run under tools/with-postgres.sh): a walk of the next links
/// returns every feature of the layer once, in the order of the layer, even while imports update
/// the features between one page and the next (an UPDATE moves a row in PostgreSQL's table); a
/// box selects what shapely says it must.
@Suite(.serialized) struct PostGISPagingTests {
    @Test func nextLinksWalkTheLayerOnceWhileImportsUpdateIt() throws {
        let folder = try TestSupport.temporaryFolder("serve-postgis")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try TestSupport.sampleProject(in: folder, layers: [("old_factories", "old_factories")], store: .postGIS)
        defer { _ = try? TestSupport.psql("DROP SCHEMA \(TestSupport.schema(of: project)) CASCADE") }
        let server = try RunningServer(project: project)
        defer { server.stop() }
        let exported = folder.appendingPathComponent("old_factories.geojson").path
        try #require(try TestSupport.run(TestSupport.habitat, ["export", project, "old_factories", exported]).status == 0)
        let layer = try #require(TestSupport.json(try String(contentsOfFile: exported, encoding: .utf8))["features"] as? [[String: Any]])
        let codes = layer.compactMap { ($0["properties"] as? [String: Any])?["code"] as? String }
        #expect(codes.count == 27)

        // The export with the site area of the features `codes` changed: their rows updated.
        let changing = try TestSupport.write(#"""
            import json, sys
            layer = json.load(open(sys.argv[1], encoding="utf-8"))
            for f in layer["features"]:
                if f["properties"]["code"] in sys.argv[4:]:
                    f["properties"]["site_area_m2"] = (f["properties"]["site_area_m2"] or 0) + int(sys.argv[3])
            json.dump(layer, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
            """#, to: "change.py", in: folder)

        var walked: [String] = [], next: String? = "/collections/old_factories/items?limit=5", round = 0
        var features: [Any] = []
        while let address = next {
            let page = try server.get(address)
            try #require(page.status == 200, "\(address): \(page.body)")
            let document = try TestSupport.json(page.body)
            features += document["features"] as? [Any] ?? []
            #expect(document["numberMatched"] as? Int == 27)
            let onPage = try ids(page.body)
            walked += onPage
            // Update the features just read, and one further on: without an order they would come again.
            round += 1
            let changed = folder.appendingPathComponent("changed\(round).geojson").path
            let change = try TestSupport.run(TestSupport.python, [changing, exported, changed, String(round)] + onPage + [codes[min(26, walked.count + 2)]])
            try #require(change.status == 0, "\(change.stderr)")
            let imported = try TestSupport.run(TestSupport.habitat, ["import", project, "old_factories", changed])
            try #require(imported.status == 0, "import: \(imported.stderr)")
            next = (document["links"] as? [[String: Any]])?.first { $0["rel"] as? String == "next" }?["href"] as? String
            next = next.map { String($0.dropFirst(server.base.count)) }
            try #require(round <= 10, "the walk ends")
        }
        #expect(walked == codes, "every feature once, in the layer's order")
        // Each with the geometry the export has (shapely, to 1e-9°): read from PostGIS right.
        let pages = try TestSupport.write(try jsonText(["type": "FeatureCollection", "features": features]), to: "pages.geojson", in: folder)
        let geometries = try TestSupport.run(TestSupport.python, ["-c", """
            import json
            from shapely.geometry import shape
            served = {f["id"]: shape(f["geometry"]) for f in json.load(open("\(pages)", encoding="utf-8"))["features"]}
            exported = json.load(open("\(exported)", encoding="utf-8"))["features"]
            print(sum(1 for f in exported if shape(f["geometry"]).equals_exact(served[f["properties"]["code"]], 1e-9)))
            """])
        #expect(geometries.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "27", "\(geometries.stdout)\(geometries.stderr)")
        let updated = try TestSupport.psql("SELECT count(*) FROM \(TestSupport.schema(of: project)).old_factories_history WHERE change = 'update'")
        #expect(Int(updated) ?? 0 >= 27, "the walk went on while features were updated")

        // A box over the middle of the layer: shapely says which features it must return, and
        // which it must not.
        let box = try BoxExpectation(exported: exported, inset: 4, in: folder)
        let (must, never) = (box.must, box.never)
        #expect(!must.isEmpty && !never.isEmpty)
        let boxed = try server.get("/collections/old_factories/items?limit=100&bbox=" + box.parameter)
        #expect(boxed.status == 200)
        let served = Set(try ids(boxed.body))
        #expect(must.isSubset(of: served), "\(must.subtracting(served))")
        #expect(served.isDisjoint(with: never))
        #expect(try TestSupport.json(boxed.body)["numberMatched"] as? Int == served.count)
        let filtered = try server.get("/collections/old_factories/items?code=\(codes[3])")
        #expect(try ids(filtered.body) == [codes[3]])
    }
}

/// A JSON object as text.
func jsonText(_ object: [String: Any]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
}
