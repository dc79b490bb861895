import Foundation
import Testing
import TestSupport

/// OGC API – Features Part 4 on the running server: a county creates, replaces, updates and
/// deletes features of its own district, each landing in history with it as author; into its
/// neighbour's district — the neighbour's features, a feature of its own moved onto the
/// neighbour's land — it is refused with 403 and nothing changes. Read with SQLite, not habitat.
@Suite(.serialized) struct FeatureEditTests {
    typealias Answer = (status: Int, headers: [String: String], body: String)

    static func square(_ x: Double, _ y: Double, _ side: Double) -> String {
        "[[[\(x), \(y)], [\(x + side), \(y)], [\(x + side), \(y + side)], [\(x), \(y + side)], [\(x), \(y)]]]"
    }

    /// 麒麟区 west of 103.80°, 沾益区 east of it, a park in each.
    static let layers = [
        ("districts", """
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"code": "530302", "name": "麒麟区"}, "geometry": {"type": "Polygon", "coordinates": \(square(103.76, 25.48, 0.04))}},
            {"type": "Feature", "properties": {"code": "530303", "name": "沾益区"}, "geometry": {"type": "Polygon", "coordinates": \(square(103.80, 25.48, 0.04))}}
            ]}
            """),
        ("parks", """
            {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"code": "P1", "name": "麒麟公园", "class": "G11", "district": "530302"}, "geometry": {"type": "Polygon", "coordinates": \(square(103.78, 25.50, 0.004))}},
            {"type": "Feature", "properties": {"code": "P2", "name": "珠江源公园", "class": "G11", "district": "530303"}, "geometry": {"type": "Polygon", "coordinates": \(square(103.81, 25.50, 0.004))}}
            ]}
            """),
    ]
    static let accounts: [(name: String, scope: [String])] = [
        ("麒麟区住建局", ["--district", "530302"]), ("沾益区住建局", ["--district", "530303"]), ("市住建局", ["--city"]),
        ("viewer", ["--city", "--read-only"]),
    ]

    func project(_ folder: URL, accounts: Bool = true) throws -> String {
        let path = folder.appendingPathComponent("qujing.gpkg").path
        var steps = [["init", path]]
        for (layer, text) in Self.layers { steps.append(["import", path, layer, try TestSupport.write(text, to: "\(layer).geojson", in: folder)]) }
        if accounts { for account in Self.accounts { steps.append(["account", "add", path, account.name] + account.scope) } }
        for step in steps {
            let run = try TestSupport.run(TestSupport.habitat, step)
            try #require(run.status == 0, "\(step): \(run.stderr)")
        }
        if accounts {
            for account in Self.accounts {
                let set = try TestSupport.run("/bin/sh", ["-c", "printf '%s\\n' \"$0\" | \"$1\" account password \"$2\" \"$3\"",
                                                          "password-\(account.name)", TestSupport.habitat, path, account.name])
                try #require(set.status == 0, "\(set.stderr)")
            }
        }
        return path
    }

    func token(_ server: RunningServer, _ name: String) throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["name": name, "password": "password-\(name)"])
        let answer = try server.send("POST", "/login", body: String(decoding: body, as: UTF8.self))
        try #require(answer.status == 200, "\(answer)")
        return try #require(try TestSupport.json(answer.body)["token"] as? String)
    }

    /// The layer, its history and the log, as SQLite reads them: what "nothing changed" compares.
    func snapshot(_ project: String) throws -> String {
        let run = try TestSupport.run(TestSupport.python, ["-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for query in ["SELECT code, name, district, hex(geom) FROM parks ORDER BY code",
                          "SELECT code, name, change, valid_from, valid_to, batch, hex(geom) FROM parks_history ORDER BY fid",
                          "SELECT * FROM import_log ORDER BY fid"]:
                print(db.execute(query).fetchall())
            """, project])
        try #require(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    func feature(_ properties: [String: Any], square: (Double, Double)?) throws -> String {
        var object: [String: Any] = ["type": "Feature", "properties": properties]
        if let square {
            object["geometry"] = try JSONSerialization.jsonObject(with: Data(#"{"type": "Polygon", "coordinates": \#(Self.square(square.0, square.1, 0.002))}"#.utf8))
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func aCountyChangesItsOwnDistrictAndNothingOfItsNeighbours() throws {
        let folder = try TestSupport.temporaryFolder("edits")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try project(folder)
        let server = try RunningServer(project: project)
        defer { server.stop() }
        let qilin = ["Authorization: Bearer \(try token(server, "麒麟区住建局"))"]
        let geo = "application/geo+json"

        // Into the neighbour's district: its features, a new one there, one's own moved there.
        let before = try snapshot(project)
        let refused: [(String, String, String?)] = [
            ("PUT", "/collections/parks/items/P2", try feature(["name": "改名", "class": "G11", "district": "530303"], square: (103.81, 25.50))),
            ("PATCH", "/collections/parks/items/P2", try feature(["name": "改名"], square: nil)),
            ("DELETE", "/collections/parks/items/P2", nil),
            ("POST", "/collections/parks/items", try feature(["name": "新公园", "class": "G11", "district": "530303"], square: (103.82, 25.49))),
            // Its own district's code, on the neighbour's land.
            ("POST", "/collections/parks/items", try feature(["name": "新公园", "class": "G11", "district": "530302"], square: (103.82, 25.49))),
            ("PATCH", "/collections/parks/items/P1", try feature([:], square: (103.81, 25.51))),
            ("PUT", "/collections/parks/items/P1", try feature(["name": "麒麟公园", "class": "G11", "district": "530302"], square: (103.81, 25.51))),
            // Its own feature given to the neighbour.
            ("PATCH", "/collections/parks/items/P1", try feature(["district": "530303"], square: nil)),
        ]
        for (method, path, body) in refused {
            let answer = try server.send(method, path, headers: qilin, body: body, type: geo)
            #expect(answer.status == 403, "\(method) \(path) \(body ?? ""): \(answer)")
            #expect(answer.body.contains("麒麟区住建局 may not change parks"), "\(answer.body)")
        }
        #expect(try snapshot(project) == before)

        // A read-only account, no account, another site's page: refused, nothing changed.
        let viewer = ["Authorization: Bearer \(try token(server, "viewer"))"]
        let body = try feature(["name": "新公园", "class": "G11"], square: (103.77, 25.49))
        #expect(try server.send("POST", "/collections/parks/items", headers: viewer, body: body, type: geo).status == 403)
        #expect(try server.send("POST", "/collections/parks/items", body: body, type: geo).status == 401)
        #expect(try server.send("DELETE", "/collections/parks/items/P1", headers: viewer).status == 403)
        // Bad features: 400 naming what is wrong.
        for (bad, named) in [(try feature(["colour": "green"], square: (103.77, 25.49)), "colour"),
                             (#"{"type": "Feature", "properties": {"name": "x"}, "geometry": {"type": "Polygon", "coordinates": [[1, 2]]}}"#, "geometry"),
                             (#"{"type": "Feature", "properties": {"name": true}, "geometry": null}"#, "name"),
                             (#"{"type": "Feature", "properties": {"name": "x"}}"#, "geometry"),
                             ("[1, 2]", "JSON object")] {
            let answer = try server.send("POST", "/collections/parks/items", headers: qilin, body: bad, type: geo)
            #expect(answer.status == 400 && answer.body.contains(named), "\(bad): \(answer)")
        }
        #expect(try server.send("POST", "/collections/service_area/items", headers: qilin, body: body, type: geo).status == 405)
        #expect(try snapshot(project) == before)

        // In its own district: created (its district by default), replaced, updated, deleted.
        let created = try server.send("POST", "/collections/parks/items", headers: qilin, body: body, type: geo)
        #expect(created.status == 201, "\(created)")
        let code = try #require(try TestSupport.json(created.body)["id"] as? String)
        #expect(created.headers["location"] == "/collections/parks/items/\(code)")
        let read = try server.send("GET", "/collections/parks/items/\(code)", headers: qilin)
        let properties = try #require(try TestSupport.json(read.body)["properties"] as? [String: Any])
        #expect(properties["name"] as? String == "新公园" && properties["district"] as? String == "530302", "\(read.body)")
        let replaced = try server.send("PUT", "/collections/parks/items/P1", headers: qilin,
                                       body: try feature(["name": "麒麟公园（扩建）", "class": "G11", "district": "530302"], square: (103.78, 25.50)), type: geo)
        #expect(replaced.status == 200 && replaced.body.contains("\"change\":\"update\""), "\(replaced)")
        let updated = try server.send("PATCH", "/collections/parks/items/P1", headers: qilin, body: try feature(["name": "麒麟公园"], square: nil), type: geo)
        #expect(updated.status == 200, "\(updated)")
        #expect(try server.send("DELETE", "/collections/parks/items/\(code)", headers: qilin).status == 204)
        #expect(try server.send("GET", "/collections/parks/items/\(code)", headers: qilin).status == 404)
        // The city changes anything.
        let city = ["Authorization: Bearer \(try token(server, "市住建局"))"]
        #expect(try server.send("DELETE", "/collections/parks/items/P2", headers: city).status == 204)

        // Each change in history, by its author.
        let history = try TestSupport.run(TestSupport.habitat, ["history", project, "parks"])
        let lines = history.stdout.split(separator: "\n")
        #expect(lines.filter { $0.contains("麒麟区住建局") }.count >= 4, "\(history.stdout)")
        #expect(lines.contains { $0.contains("P2") && $0.contains("市住建局") }, "\(history.stdout)")
    }

    @Test func cookieEditsCarryTheirCSRFTokenAndBodiesHaveALimit() throws {
        let folder = try TestSupport.temporaryFolder("edits-cookie")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try project(folder)
        let server = try RunningServer(project: project)
        defer { server.stop() }
        let signedIn = try server.send("POST", "/login", body: "name=\(("麒麟区住建局".addingPercentEncoding(withAllowedCharacters: .alphanumerics))!)&password=\(("password-麒麟区住建局".addingPercentEncoding(withAllowedCharacters: .alphanumerics))!)",
                                       type: "application/x-www-form-urlencoded")
        let cookie = "Cookie: " + String((signedIn.headers["set-cookie"] ?? "").prefix { $0 != ";" })
        let page = try server.send("GET", "/login", headers: [cookie])
        let csrf = try #require(page.body.range(of: "name=\"csrf\" value=\"").map { String(page.body[$0.upperBound...].prefix { $0 != "\"" }) })
        let before = try snapshot(project)
        let patch = try feature(["name": "麒麟公园二期"], square: nil)
        #expect(try server.send("PATCH", "/collections/parks/items/P1", headers: [cookie], body: patch, type: "application/geo+json").status == 403)
        #expect(try snapshot(project) == before)
        #expect(try server.send("PATCH", "/collections/parks/items/P1", headers: [cookie, "X-CSRF-Token: \(csrf)"], body: patch,
                                type: "application/geo+json").status == 200)

        // Over the limit: 413, read no further.
        let huge = try feature(["name": String(repeating: "x", count: 5 * 1024 * 1024)], square: (103.77, 25.49))
        let answer = try server.send("POST", "/collections/parks/items", headers: [cookie, "X-CSRF-Token: \(csrf)"], body: huge, type: "application/geo+json")
        #expect(answer.status == 413, "\(answer.status)")
        #expect(try server.get("/").status == 200)
    }

    @Test func withoutAccountsNothingChanges() throws {
        let folder = try TestSupport.temporaryFolder("edits-public")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try project(folder, accounts: false)
        let server = try RunningServer(project: project)
        defer { server.stop() }
        let before = try snapshot(project)
        let answer = try server.send("DELETE", "/collections/parks/items/P1")
        #expect(answer.status == 401, "\(answer)")
        #expect(try server.send("POST", "/collections/parks/items", body: try feature(["name": "x", "class": "G11"], square: (103.77, 25.49)),
                                type: "application/geo+json").status == 401)
        #expect(try snapshot(project) == before)
    }
}
