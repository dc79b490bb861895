import Foundation
import Testing
import TestSupport

/// `habitat serve --public-reports`: `POST /reports` files a received incident through the import
/// path, keeps the phone number private, and refuses or neutralises abuse — oversized bodies,
/// floods from one address, markup, bad coordinates — while the server keeps serving.
@Suite(.serialized) struct PublicReportTests {
    static let script = #"<script>alert("x")</script> & "quotes", commas"#

    @Test func withoutTheFlagThereIsNoRoute() throws {
        let folder = try TestSupport.temporaryFolder("reports-off")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try RunningServer(project: try sampleProject(in: folder))
        defer { server.stop() }
        let answer = try server.post("/reports", body: #"{"lon": 103.8, "lat": 25.5, "kind": "占道经营", "text": "x"}"#)
        #expect(answer.status == 404, "\(answer)")
        #expect(try sqlite(folder, "SELECT count(*) FROM incidents") == "0")
    }

    @Test func aReportBecomesAReceivedIncidentWithItsTextLiteralAndItsPhonePrivate() throws {
        let folder = try TestSupport.temporaryFolder("reports-filed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        let server = try RunningServer(project: project, options: ["--public-reports"])
        defer { server.stop() }

        let body = try JSONSerialization.data(withJSONObject: ["lon": 103.8, "lat": 25.5, "kind": "乱贴乱画", "text": Self.script,
                                                               "phone": "13800138000"])
        let filed = try server.post("/reports", body: String(decoding: body, as: UTF8.self))
        #expect(filed.status == 201, "\(filed)")
        let code = try #require(try TestSupport.json(filed.body)["id"] as? String)
        // A form post, in GCJ-02 as a phone map gives it (a point of the sample's hotline export).
        let form = try server.post("/reports", body: "lon=103.832332&lat=25.501652&crs=GCJ-02&kind=%E4%B9%B1%E6%8E%92%E4%B9%B1%E5%80%92&text=a+b",
                                   type: "application/x-www-form-urlencoded")
        #expect(form.status == 201, "\(form)")

        // Stored as written, in status received (reported, neither resolved nor closed), by the import path:
        // a batch in the log and a version in the history. Read with SQLite, not through habitat.
        #expect(try sqlite(folder, "SELECT descr FROM incidents WHERE code = '\(code)'") == Self.script)
        #expect(try sqlite(folder, "SELECT kind || '|' || channel || '|' || coalesce(resolved, '') || coalesce(closed, '') FROM incidents WHERE code = '\(code)'")
                == "乱贴乱画|信箱|")
        #expect(try sqlite(folder, "SELECT count(*) FROM incidents_history WHERE code = '\(code)' AND change = 'insert'") == "1")
        #expect(try sqlite(folder, "SELECT count(*) FROM import_log WHERE layer = 'incidents'") == "2")
        #expect(try sqlite(folder, "SELECT phone FROM report_contacts WHERE code = '\(code)'") == "13800138000")

        // The point where it was said to be: GDAL reprojects the stored point back to WGS 84.
        let exported = try TestSupport.run("ogr2ogr", ["-f", "CSV", "/vsistdout/", project, "incidents", "-where", "code = '\(code)'",
                                                        "-select", "code", "-t_srs", "EPSG:4326", "-lco", "GEOMETRY=AS_XY"])
        let row = try #require(exported.stdout.split(separator: "\n").dropFirst().first).split(separator: ",")
        #expect(abs((Double(row[0]) ?? 0) - 103.8) < 1e-7 && abs((Double(row[1]) ?? 0) - 25.5) < 1e-7, "\(exported.stdout)")

        // Escaped on the HTML pages, literal in JSON, and the phone number nowhere.
        for path in ["/collections/incidents/items?f=html", "/collections/incidents/items/\(code)?f=html"] {
            let page = try server.get(path)
            #expect(page.status == 200)
            #expect(!page.body.contains("<script>alert"), "\(path)")
            #expect(page.body.contains("&lt;script&gt;alert("), "\(path)")
        }
        let item = try server.get("/collections/incidents/items/\(code)?f=json")
        #expect(((try TestSupport.json(item.body))["properties"] as? [String: Any])?["descr"] as? String == Self.script)
        for path in ["/collections/incidents/items?f=json", "/collections/incidents/items?f=html", "/collections/incidents/items/\(code)",
                     "/collections/incidents/items/\(code)?f=html", "/collections", "/collections/report_contacts/items"] {
            #expect(!(try server.get(path).body.contains("13800138000")), "\(path) shows the phone number")
        }
        #expect(server.isRunning)
    }

    @Test func badReportsAreRefusedWithAProblem() throws {
        let folder = try TestSupport.temporaryFolder("reports-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try RunningServer(project: try sampleProject(in: folder), options: ["--public-reports"])
        defer { server.stop() }
        func report(_ lon: String, _ lat: String, crs: String = "", kind: String = "占道经营") -> String {
            #"{"lon": \#(lon), "lat": \#(lat), \#(crs.isEmpty ? "" : #""crs": "\#(crs)", "#)"kind": "\#(kind)", "text": "x"}"#
        }
        // Nine, within one address's ten a window: every refusal here is the report's fault, not the rate's.
        let refused: [(body: String, type: String, status: Int, says: String)] = [
            (report("200", "25.5"), "application/json", 400, "lon"),
            (report("103.8", "-91"), "application/json", 400, "lat"),
            (report(#""nan""#, "25.5"), "application/json", 400, "lon"),
            (report("103.8", #""inf""#), "application/json", 400, "lat"),
            (report("0", "0"), "application/json", 400, "outside"),
            (report("116.4", "39.9", crs: "BD-09"), "application/json", 400, "outside"),
            (report("103.8", "25.5", kind: "乱停乱放"), "application/json", 400, "kind"),
            (#"{"lat": 25.5, "kind": "占道经营", "text": "x"}"#, "application/json", 400, "lon"),
            ("lon=103.8&lat=25.5&kind=x", "text/plain", 415, "application/json"),
        ]
        for (body, type, status, says) in refused {
            let answer = try server.post("/reports", body: body, type: type)
            #expect(answer.status == status, "\(body): \(answer)")
            #expect(answer.headers["content-type"] == "application/problem+json", "\(body)")
            #expect((try TestSupport.json(answer.body)["detail"] as? String)?.contains(says) == true, "\(body): \(answer.body)")
        }
        #expect(try sqlite(folder, "SELECT count(*) FROM incidents") == "0")
        #expect(server.isRunning)
        #expect(try server.get("/collections/incidents/items").status == 200)
    }

    @Test func oversizedBodiesAndFloodsAreRefusedAndTheServerServesOn() throws {
        let folder = try TestSupport.temporaryFolder("reports-abuse")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try RunningServer(project: try sampleProject(in: folder), options: ["--public-reports"])
        defer { server.stop() }
        // A 1 MB body: refused (413) before it is read whole. Then 1,000 reports on one keep-alive
        // connection from 127.0.0.1: the oversized one took the first of the address's ten, so nine
        // are filed and the rest refused (429).
        let flood = try TestSupport.write(#"""
            import http.client, json, socket, sys
            port = int(sys.argv[1])
            s = socket.create_connection(("127.0.0.1", port))
            big = b'{"text": "' + b"x" * (1024 * 1024) + b'"}'
            s.settimeout(10)
            try:
                s.sendall(b"POST /reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                          + str(len(big)).encode() + b"\r\n\r\n" + big)
            except OSError:
                pass
            try:
                print((s.recv(4096).split(b"\r\n")[0] or b"closed").decode())
            except OSError:
                print("closed")
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            statuses = {}
            for n in range(1000):
                body = json.dumps({"lon": 103.8, "lat": 25.5, "kind": "乱吐乱扔", "text": "flood %d" % n})
                connection.request("POST", "/reports", body=body, headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                statuses[response.status] = statuses.get(response.status, 0) + 1
            print(json.dumps(statuses, sort_keys=True))
            """#, to: "flood.py", in: folder)
        let lines = try TestSupport.run(TestSupport.python, [flood, String(server.port)]).stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("HTTP/1.1 413") == true, "1 MB body: \(lines.first ?? "")")
        #expect(lines.last == #"{"201": 9, "429": 991}"#, "\(lines)")
        #expect(try sqlite(folder, "SELECT count(*) FROM incidents") == "9")
        #expect(server.isRunning)
        #expect(try server.get("/collections/incidents/items").status == 200)
    }

    /// One value from the project, read with Python's sqlite3.
    func sqlite(_ folder: URL, _ query: String) throws -> String {
        let project = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".gpkg") })
        let script = try TestSupport.write("""
            import sqlite3, sys
            row = sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()
            print("" if row is None or row[0] is None else row[0], end="")
            """, to: "query.py", in: folder)
        let run = try TestSupport.run(TestSupport.python, [script, folder.appendingPathComponent(project).path, query])
        try #require(run.status == 0, "\(query): \(run.stderr)")
        return run.stdout
    }
}
