import Foundation
import Testing
import TestSupport

/// What a planner's trial of the server found: an unencoded UTF-8 query, HEAD, a POST where only
/// GET is served, and a layer of areas and lines.
@Suite(.serialized) struct PlannerTrialTests {
    @Test func rawUTF8HeadMethodsAndGeometryTypes() throws {
        let folder = try TestSupport.temporaryFolder("serve-trial")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        let keyAreas = TestSupport.root.appendingPathComponent("geodata/key_areas.geojson").path
        try #require(try TestSupport.run(TestSupport.habitat, ["import", project, "key_areas", keyAreas]).status == 0)
        let server = try RunningServer(project: project)
        defer { server.stop() }

        // ?name=公园 as raw bytes (curl encodes nothing): the JSON problem, saying how to send it.
        let raw = try TestSupport.write(#"""
            import socket, sys
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
            s.sendall("GET /collections/parks/items?name=公园 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode("utf-8"))
            s.settimeout(30)
            answer = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer += chunk
            sys.stdout.write(answer.decode("utf-8"))
            """#, to: "raw.py", in: folder)
        let answer = try TestSupport.run(TestSupport.python, [raw, String(server.port)]).stdout
        let parts = answer.components(separatedBy: "\r\n\r\n")
        #expect(parts[0].hasPrefix("HTTP/1.1 400"), "\(answer)")
        #expect(parts[0].lowercased().contains("content-type: application/problem+json"), "\(answer)")
        let problem = (try? TestSupport.json(parts.dropFirst().joined())) ?? [:]
        #expect(problem["status"] as? Int == 400)
        #expect((problem["detail"] as? String)?.contains("percent-encoded") == true, "\(answer)")
        // Encoded, the same query is answered.
        #expect(try server.get("/collections/parks/items?name=%E5%85%AC%E5%9B%AD").status == 200)

        // HEAD on every GET route: GET's status and type, no body.
        let code = try #require(try ids(try server.get("/collections/parks/items?limit=1").body).first)
        for path in ["/", "/conformance", "/api", "/collections", "/collections/parks", "/collections/parks/schema",
                     "/collections/parks/items", "/collections/parks/items/\(code)", "/collections/service_area/items",
                     "/coverage", "/indicators"] {
            let get = try server.get(path)
            let head = try TestSupport.run("curl", ["-s", "-I", "--max-time", "60", server.base + path])
            let lines = head.stdout.components(separatedBy: "\r\n")
            #expect(lines[0].hasPrefix("HTTP/1.1 \(get.status)"), "HEAD \(path): \(lines[0])")
            #expect(get.status == 200, "GET \(path)")
            let type = lines.first { $0.lowercased().hasPrefix("content-type:") }
            #expect(type.map { $0.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces) } == get.headers["content-type"], "HEAD \(path)")
            #expect(head.stdout.hasSuffix("\r\n\r\n"), "HEAD \(path) has no body")
        }

        // A method a path does not answer: 405 naming those it does.
        // (`/collections/{layer}/items` takes POST: a feature, by a signed-in editor.)
        for path in ["/collections", "/collections/parks", "/"] {
            let post = try server.post(path, body: "{}")
            #expect(post.status == 405, "POST \(path): \(post.status) \(post.body)")
            #expect(post.headers["allow"] == "GET, HEAD", "POST \(path)")
            #expect(post.headers["content-type"] == "application/problem+json")
        }
        #expect(try server.post("/nothing/here", body: "{}").status == 404)
        #expect(try server.post("/reports", body: "{}").status == 404, "no public reports: no route")

        // The geometry each collection's schema advertises: what ogrinfo finds in the layer's
        // source — key areas hold lines as well as areas — and what the parks hold.
        let source = try TestSupport.run("ogrinfo", ["-ro", "-so", "-al", keyAreas]).stdout
        #expect(source.contains("Geometry: Unknown (any)"), "\(source)")
        func advertised(_ collection: String) throws -> [String: Any] {
            let schema = try TestSupport.json(try server.get("/collections/\(collection)/schema").body)
            return ((schema["properties"] as? [String: Any])?["geometry"] as? [String: Any]) ?? [:]
        }
        #expect(try advertised("key_areas")["format"] as? String == "geometry-any")
        #expect(try advertised("key_areas")["x-ogc-role"] as? String == "primary-geometry")
        let parks = try TestSupport.run("ogrinfo", ["-ro", "-so", "-al", TestSupport.root.appendingPathComponent("geodata/parks.geojson").path]).stdout
        #expect(parks.contains("Geometry: Polygon") || parks.contains("Geometry: Multi Polygon"), "\(parks)")
        #expect(try advertised("parks")["format"] as? String == "geometry-polygon-or-multipolygon")
        #expect(try advertised("service_area")["format"] as? String == "geometry-polygon-or-multipolygon")
    }

    /// A project an earlier habitat made, without the layers added since (key areas): served, those
    /// layers empty, rather than a 500 for the collections.
    @Test func aProjectWithoutTheNewerLayers() throws {
        let folder = try TestSupport.temporaryFolder("serve-older")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        for table in ["key_areas", "key_areas_history"] {
            let drop = try TestSupport.run("ogrinfo", [project, "-sql", "DROP TABLE \(table)"])
            try #require(drop.status == 0, "\(drop.stderr)")
        }
        try #require(!(try TestSupport.run("ogrinfo", ["-ro", "-q", project]).stdout.contains("key_areas")))
        let server = try RunningServer(project: project)
        defer { server.stop() }
        let collections = try server.get("/collections")
        #expect(collections.status == 200, "\(collections.body)")
        #expect((try? TestSupport.json(collections.body))?["collections"].map { ($0 as? [Any])?.count } == OGCClientTests.allLayers.count + 3)
        #expect(try server.get("/collections/key_areas").status == 200)
        let items = try server.get("/collections/key_areas/items")
        #expect(items.status == 200, "\(items.body)")
        #expect((try? TestSupport.json(items.body))?["numberMatched"] as? Int == 0)
        #expect(try server.get("/collections/parks/items?limit=1").status == 200)
    }
}
