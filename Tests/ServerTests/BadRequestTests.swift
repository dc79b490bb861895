import Foundation
import Testing
import TestSupport

/// Bad requests get their 4xx with a JSON problem document naming what was wrong — never a stack
/// trace or a file path — and the server goes on serving.
@Suite(.serialized) struct BadRequestTests {
    @Test func refusedWithAProblemAndStillServing() throws {
        let folder = try TestSupport.temporaryFolder("serve-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        let server = try RunningServer(project: project)
        defer { server.stop() }

        let refused: [(path: String, status: Int, says: String)] = [
            ("/collections/parks/items?bbox=1,2,3", 400, "bbox"),
            ("/collections/parks/items?bbox=a,b,c,d", 400, "bbox"),
            ("/collections/parks/items?bbox=104,26,103,25", 400, "lower corner"),
            ("/collections/parks/items?bbox=103,-100,104,25", 400, "latitudes"),
            ("/collections/parks/items?bbox=nan,1,2,3", 400, "bbox"),
            ("/collections/parks/items?limit=-1", 400, "limit"),
            ("/collections/parks/items?limit=0", 400, "limit"),
            ("/collections/parks/items?limit=ten", 400, "limit"),
            ("/collections/parks/items?offset=-5", 400, "offset"),
            ("/collections/parks/items?offset=9223372036854775807", 400, "offset"),
            ("/collections/service_area/items?offset=9223372036854775000", 400, "offset"),
            ("/collections/parks/items?datetime=yesterday", 400, "datetime"),
            ("/collections/parks/items?datetime=2018-01-01/2019-01-01", 400, "interval"),
            ("/collections/parks/items?colour=green", 400, "unknown parameter 'colour'"),
            ("/collections/parks/items?area_m2=big", 400, "area_m2"),
            ("/collections/parks/items?limit=1&limit=2", 400, "twice"),
            ("/collections/parks/items?f=xml", 400, "f"),
            ("/collections/parks/items?bbox-crs=EPSG:3857&bbox=1,2,3,4", 400, "bbox-crs"),
            ("/collections?foo=1", 400, "unknown parameter"),
            ("/indicators?profile=../../../etc/passwd", 400, "profile"),
            ("/coverage?as-of=soon", 400, "as-of"),
            ("/collections/nowhere/items", 404, "no collection"),
            ("/collections/..%2F..%2Fetc/items", 404, "no collection"),
            ("/collections/..%2F..%2Fetc%2Fpasswd", 404, "no collection"),
            ("/collections/../../etc/passwd", 404, "no such resource"),
            ("/collections/parks/items/NO-SUCH-PARK", 404, "no feature"),
            ("/nothing/here", 404, "no such resource"),
        ]
        for (path, status, says) in refused {
            let response = try server.get(path, accept: "application/json", asIs: true)
            #expect(response.status == status, "\(path): \(response.status) \(response.body)")
            #expect(response.headers["content-type"] == "application/problem+json", "\(path)")
            let problem = try TestSupport.json(response.body)
            #expect(problem["status"] as? Int == status, "\(path): \(response.body)")
            #expect((problem["detail"] as? String)?.contains(says) == true, "\(path): \(response.body)")
            expectNothingRevealed(response.body, project: project, path)
        }

        // A 10 MB query string: refused at the door (400, the connection closed), the server serving on.
        let huge = try TestSupport.write(#"""
            import socket, sys
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
            request = b"GET /collections/parks/items?bbox=" + b"1" * (10 * 1024 * 1024) + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            # The server answers before it has read it all, and reads no more: send until it stops taking it.
            s.settimeout(5)
            sent = 0
            try:
                while sent < len(request):
                    sent += s.send(request[sent:sent + 65536])
            except OSError:
                pass
            try:
                print((s.recv(4096).split(b"\r\n")[0] or b"closed").decode())
            except OSError:
                print("closed")
            """#, to: "huge.py", in: folder)
        let answer = try TestSupport.run(TestSupport.python, [huge, String(server.port)]).stdout
        #expect(answer.hasPrefix("HTTP/1.1 400"), "10 MB query: \(answer)")

        #expect(server.isRunning)
        let after = try server.get("/collections")
        #expect(after.status == 200)
        #expect((try TestSupport.json(after.body)["collections"] as? [Any])?.count == OGCClientTests.allLayers.count + 3)
    }

    /// The project's path and folder, and any trace of a crash, stay on the server.
    func expectNothingRevealed(_ body: String, project: String, _ path: String) {
        let folder = URL(fileURLWithPath: project).deletingLastPathComponent().path
        for secret in [project, folder, ".gpkg", "Fatal error", "Stack", "Swift/", ".swift:"] {
            #expect(!body.contains(secret), "\(path) reveals \(secret): \(body)")
        }
    }
}
