import Foundation
@testable import Server
import Testing
import TestSupport

/// Real OGC API – Features clients against `habitat serve` on the sample city: GDAL's OAPIF driver
/// lists the collections and reads every layer whole, feature for feature what `habitat export`
/// writes; OWSLib walks collections, items and paging.
@Suite(.serialized) struct OGCClientTests {
    static let layers = ["built_up_areas", "parks", "green_spaces", "canopy", "residential", "old_factories",
                         "urban_villages", "old_residential"]

    /// Compares two GeoJSON files feature for feature, matched by `code` (the OAPIF copy's `id`,
    /// where its fields lost the code): the same codes, the same values of every field the export
    /// has, the same geometry to 1e-9 degrees.
    static let compare = #"""
        import json, sys
        from shapely.geometry import shape
        exported, served = (json.load(open(p, encoding="utf-8"))["features"] for p in sys.argv[1:3])
        def code(f): return f["properties"].get("code") or f["properties"].get("id") or f.get("id")
        by_code = {code(f): f for f in served}
        problems = []
        for f in exported:
            other = by_code.get(code(f))
            if other is None:
                problems.append("missing " + str(code(f))); continue
            for key, value in f["properties"].items():
                if other["properties"].get(key) != value:
                    problems.append(f"{code(f)} {key}: {value!r} != {other['properties'].get(key)!r}")
            if not shape(f["geometry"]).equals_exact(shape(other["geometry"]), 1e-9):
                problems.append(f"{code(f)}: geometry differs")
        print(json.dumps({"exported": len(exported), "served": len(served), "problems": problems[:10]}))
        """#

    @Test func gdalOAPIFReadsEveryLayerAsExportWritesIt() throws {
        let folder = try TestSupport.temporaryFolder("serve-oapif")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        let server = try RunningServer(project: project)
        defer { server.stop() }

        let listing = try TestSupport.run("ogrinfo", ["-ro", "-q", "OAPIF:\(server.base)"])
        try #require(listing.status == 0, "ogrinfo: \(listing.stderr)")
        for layer in Self.layers + ["service_area", "uncovered_residential"] {
            #expect(listing.stdout.contains(": \(layer) "), "ogrinfo lists \(layer): \(listing.stdout)")
        }

        let script = try TestSupport.write(Self.compare, to: "compare.py", in: folder)
        var compared = 0
        for layer in Self.layers {
            let exported = folder.appendingPathComponent("\(layer).export.geojson").path
            let served = folder.appendingPathComponent("\(layer).oapif.geojson").path
            try #require(try TestSupport.run(TestSupport.habitat, ["export", project, layer, exported]).status == 0)
            let copy = try TestSupport.run("ogr2ogr", ["-f", "GeoJSON", served, "OAPIF:\(server.base)", layer])
            try #require(copy.status == 0, "ogr2ogr \(layer): \(copy.stderr)")
            let result = try TestSupport.json(try TestSupport.run(TestSupport.python, [script, exported, served]).stdout)
            let count = result["exported"] as? Int ?? -1
            #expect(count > 0, "\(layer) has features to compare")
            #expect(result["served"] as? Int == count, "\(layer): \(result)")
            #expect((result["problems"] as? [String])?.isEmpty == true, "\(layer): \(result)")
            compared += count
        }
        #expect(compared > 100)
        #expect(server.isRunning)
    }

    @Test func owslibWalksCollectionsItemsAndPages() throws {
        let folder = try TestSupport.temporaryFolder("serve-owslib")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        let server = try RunningServer(project: project)
        defer { server.stop() }
        let exported = folder.appendingPathComponent("residential.geojson").path
        try #require(try TestSupport.run(TestSupport.habitat, ["export", project, "residential", exported]).status == 0)

        let script = try TestSupport.write(#"""
            import json, sys
            from owslib.ogcapi.features import Features
            service = Features(sys.argv[1])
            collections = [c["id"] for c in service.collections()["collections"]]
            conformance = service.conformance()["conformsTo"]
            described = service.collection("residential")
            # Page through residential 7 at a time, by offset, as a client does.
            codes, offset, pages, matched = [], 0, 0, None
            while True:
                page = service.collection_items("residential", limit=7, offset=offset)
                matched = page["numberMatched"]
                codes += [f["id"] for f in page["features"]]
                pages += 1
                if not any(link["rel"] == "next" for link in page["links"]):
                    break
                offset += 7
            one = service.collection_item("residential", codes[0])
            exported = [f["properties"]["code"] for f in json.load(open(sys.argv[2], encoding="utf-8"))["features"]]
            print(json.dumps({"collections": collections, "conformance": conformance, "title": described["title"],
                              "codes": codes, "pages": pages, "matched": matched, "one": one["id"], "exported": exported}))
            """#, to: "walk.py", in: folder)
        let run = try TestSupport.run(TestSupport.python, [script, server.base, exported])
        try #require(run.status == 0, "owslib: \(run.stderr)")
        let walk = try TestSupport.json(run.stdout)
        #expect(walk["collections"] as? [String] == Self.allLayers + ["service_area", "uncovered_residential", "hotspots"])
        #expect((walk["conformance"] as? [String])?.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson") == true)
        let codes = walk["codes"] as? [String] ?? [], exportedCodes = walk["exported"] as? [String] ?? []
        #expect(!exportedCodes.isEmpty)
        #expect(codes == exportedCodes, "paged codes in stored order, each once")
        #expect(walk["matched"] as? Int == exportedCodes.count)
        #expect(walk["pages"] as? Int == (exportedCodes.count + 6) / 7)
        #expect(walk["one"] as? String == codes.first)

        // /api is an OpenAPI 3.0 document by openapi-spec-validator's reading, and describes every route.
        let api = try TestSupport.write(try server.get("/api").body, to: "api.json", in: folder)
        let validation = try TestSupport.run(TestSupport.python, ["-c", """
            import json
            from openapi_spec_validator import validate
            document = json.load(open("\(api)"))
            validate(document)
            print(json.dumps(sorted(document["paths"])))
            """])
        try #require(validation.status == 0, "openapi-spec-validator: \(validation.stderr)")
        let paths = try JSONSerialization.jsonObject(with: Data(validation.stdout.utf8)) as? [String] ?? []
        for path in ["/", "/conformance", "/api", "/collections", "/coverage", "/indicators", "/collections/parks",
                     "/collections/parks/items", "/collections/parks/items/{featureId}", "/collections/service_area/items"] {
            #expect(paths.contains(path), "\(path) described")
        }
    }

    /// /api describes every route the server's router has (walked, not listed here), each
    /// collection's among them, `POST /reports` where it is served — and is valid OpenAPI 3.0.
    @Test(arguments: [false, true]) func apiDescribesEveryRoute(publicReports: Bool) throws {
        let folder = try TestSupport.temporaryFolder("serve-api")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        let server = try RunningServer(project: project, options: publicReports ? ["--public-reports"] : [])
        defer { server.stop() }
        let api = try TestSupport.write(try server.get("/api").body, to: "api.json", in: folder)
        let validation = try TestSupport.run(TestSupport.python, ["-c", """
            import json
            from openapi_spec_validator import validate
            document = json.load(open("\(api)"))
            validate(document)
            print(json.dumps({path: sorted(operations) for path, operations in document["paths"].items()}))
            """])
        try #require(validation.status == 0, "openapi-spec-validator: \(validation.stderr)")
        let described = try TestSupport.json(validation.stdout).mapValues { $0 as? [String] ?? [] }

        let routes = try HabitatServer(project: project, publicReports: publicReports).router().routes.filter { $0.method != .head }
        #expect(routes.count >= 10)
        #expect(routes.contains { $0.path.description == "/reports" } == publicReports)
        func matches(_ route: String, _ path: String) -> Bool {
            let (served, written) = (route.split(separator: "/"), path.split(separator: "/"))
            return served.count == written.count && zip(served, written).allSatisfy { $0 == $1 || ($0.hasPrefix("{") && $1.hasPrefix("{")) }
        }
        for route in routes {
            let template = route.path.description
            let paths = template.contains("{collection}")
                ? ServedCollection.all.map { template.replacingOccurrences(of: "{collection}", with: $0.id) } : [template]
            for path in paths {
                #expect(described.contains { matches(path, $0.key) && $0.value.contains(route.method.rawValue.lowercased()) },
                        "\(route.method) \(path) is described in /api")
            }
        }
        #expect(described.keys.contains("/collections/hotspots/items"))
        #expect(described.keys.contains("/reports") == publicReports)
    }

    /// Every layer of a project, in the order the project makes them.
    static let allLayers = ["districts", "built_up_areas", "parks", "green_spaces", "canopy", "residential",
                            "old_residential", "urban_villages", "old_factories", "key_areas", "incidents", "inspections",
                            "grid_cells"]
}
