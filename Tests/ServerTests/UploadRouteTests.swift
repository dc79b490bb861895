import Foundation
import Testing
import TestSupport

/// `POST /collections/{layer}/uploads` on the running server: a county's survey lands in its
/// district whole or not at all (403 with the rejects where a feature lies in another's, 400 for
/// any other), a file's name never reaches outside the upload area, a body past the limit is 413,
/// and a server killed (SIGKILL) in the middle of an upload leaves nothing of it and serves again.
@Suite(.serialized) struct UploadRouteTests {
    let edits = FeatureEditTests()

    static func park(_ code: String, _ x: Double, _ y: Double, opened: String = "2018-05-01", district: String? = nil) -> String {
        let stated = district.map { #", "district": "\#($0)""# } ?? ""
        return #"{"type": "Feature", "properties": {"code": "\#(code)", "name": "游园\#(code)", "class": "G14", "opened": "\#(opened)"\#(stated)}, "#
            + #""geometry": {"type": "Polygon", "coordinates": \#(FeatureEditTests.square(x, y, 0.0005))}}"#
    }

    static func collection(_ features: [String]) -> String {
        #"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ",\n"))]}"#
    }

    /// A raw upload of `text` named `name`.
    func upload(_ server: RunningServer, _ text: String, name: String, headers: [String], accept: String? = nil) throws
        -> (status: Int, headers: [String: String], body: String) {
        try server.send("POST", "/collections/parks/uploads", headers: headers + ["Content-Disposition: attachment; filename=\"\(name)\""]
                        + (accept.map { ["Accept: \($0)"] } ?? []), body: text, type: "application/octet-stream")
    }

    @Test func aCountysSurveyLandsInItsDistrictWholeOrNotAtAll() throws {
        let folder = try TestSupport.temporaryFolder("uploads")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try edits.project(folder)
        let server = try RunningServer(project: project)
        defer { server.stop() }
        let qilin = ["Authorization: Bearer \(try edits.token(server, "麒麟区住建局"))"]
        let before = try edits.snapshot(project)

        // One feature on the neighbour's land: refused whole, 403, every reject in the table.
        let mixed = Self.collection([Self.park("N1", 103.785, 25.49), Self.park("N2", 103.815, 25.49), Self.park("N3", 103.77, 25.49, opened: "someday")])
        let refused = try upload(server, mixed, name: "survey.geojson", headers: qilin)
        #expect(refused.status == 403, "\(refused)")
        let rejects = try #require(try TestSupport.json(refused.body)["rejects"] as? [[String: String]])
        #expect(rejects.map { $0["field"] ?? "" }.sorted() == ["geometry", "opened"], "\(rejects)")
        #expect(rejects.contains { ($0["feature"] ?? "").contains("游园N2") && ($0["reason"] ?? "").contains("boundary of district 530302") })
        #expect(!refused.body.contains(folder.path) && !refused.body.contains("habitat-uploads"), "no path: \(refused.body)")
        let page = try upload(server, mixed, name: "survey.geojson", headers: qilin, accept: "text/html")
        #expect(page.status == 403 && page.body.contains("<th>reason</th>") && page.body.contains("someday"), "\(page.body)")
        // Only a bad value: 400.
        let bad = try upload(server, Self.collection([Self.park("N3", 103.77, 25.49, opened: "someday")]), name: "survey.geojson", headers: qilin)
        #expect(bad.status == 400 && bad.body.contains("opened"), "\(bad)")
        // Another county, a read-only account, no account at all.
        let zhanyi = ["Authorization: Bearer \(try edits.token(server, "沾益区住建局"))"]
        let good = Self.collection([Self.park("N1", 103.785, 25.49), Self.park("N2", 103.775, 25.495)])
        #expect(try upload(server, good, name: "survey.geojson", headers: zhanyi).status == 403)
        #expect(try upload(server, good, name: "survey.geojson", headers: ["Authorization: Bearer \(try edits.token(server, "viewer"))"]).status == 403)
        #expect(try upload(server, good, name: "survey.geojson", headers: []).status == 401)
        #expect(try edits.snapshot(project) == before)

        // Its own: imported, with it as the author. A name that climbs out lands inside all the same.
        let escape = "../../../../../..\(folder.path)/escaped.geojson"
        let landed = try upload(server, good, name: escape, headers: qilin)
        #expect(landed.status == 201, "\(landed)")
        #expect(try TestSupport.json(landed.body)["inserted"] as? Int == 2, "\(landed.body)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("escaped.geojson").path))
        let history = try TestSupport.run(TestSupport.habitat, ["history", project, "parks"])
        #expect(history.stdout.split(separator: "\n").filter { $0.contains("游园N") && $0.contains("麒麟区住建局") }.count == 2, "\(history.stdout)")
        for name in ["..", "../", "a/..", ".hidden.geojson"] {
            let answer = try upload(server, good, name: name, headers: qilin)
            #expect(answer.status == 400 && answer.body.contains("no file name an upload may have"), "\(name): \(answer)")
        }

        // As a browser's form sends it, the name with a Windows path.
        let file = try TestSupport.write(Self.collection([Self.park("N4", 103.78, 25.485)]), to: "form.geojson", in: folder)
        let form = try TestSupport.run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", qilin[0], "-H", "Expect:",
                                                "-F", "file=@\(file);filename=C:\\fakepath\\survey.geojson", server.base + "/collections/parks/uploads"])
        #expect(form.stdout == "201", "\(form.stdout) \(form.stderr)")

        // Past the limit: 413, and the server goes on.
        let huge = String(repeating: " ", count: 33 * 1024 * 1024)
        #expect(try upload(server, huge, name: "huge.geojson", headers: qilin).status == 413)
        #expect(try server.send("GET", "/collections/parks/items/N4", headers: qilin).status == 200)
    }

    @Test func aServerKilledDuringAnUploadLeavesNothingOfItAndServesAgain() throws {
        let folder = try TestSupport.temporaryFolder("uploads-killed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try edits.project(folder)
        var server = try RunningServer(project: project)
        defer { server.stop() }
        let token = try edits.token(server, "麒麟区住建局")
        let before = try edits.snapshot(project)

        // Some 2,000 parks, sent slowly: the server is killed while they arrive.
        let parks = (0..<2_000).map { Self.park("K\($0)", 103.762 + Double($0 % 40) * 0.0009, 25.482 + Double($0 / 40) * 0.0007) }
        let file = try TestSupport.write(Self.collection(parks), to: "survey.geojson", in: folder)
        let sending = try TestSupport.start("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--limit-rate", "100k", "-H", "Expect:",
                                                     "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/octet-stream",
                                                     "--data-binary", "@\(file)", server.base + "/collections/parks/uploads?name=survey.geojson"])
        Thread.sleep(forTimeInterval: 2)
        #expect(sending.isRunning, "the upload is still under way")
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()
        #expect(server.process.terminationReason == .uncaughtSignal)
        _ = sending.finish()
        #expect(try edits.snapshot(project) == before)

        // Restarted: it serves, the session holds, and the county uploads.
        server = try RunningServer(project: project)
        #expect(try server.get("/").status == 200)
        let again = try server.send("POST", "/collections/parks/uploads?name=survey.geojson", headers: ["Authorization: Bearer \(token)"],
                                    body: try String(contentsOfFile: file, encoding: .utf8), type: "application/octet-stream")
        #expect(again.status == 201, "\(again)")
        #expect(try TestSupport.json(again.body)["inserted"] as? Int == 2_000, "\(again.body)")
        #expect(try edits.snapshot(project) != before)
    }
}
