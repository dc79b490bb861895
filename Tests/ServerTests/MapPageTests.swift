import Foundation
import Testing
import TestSupport

/// `/` in headless Chromium, its network limited to loopback: the atlas's map, fed from the
/// items endpoints, draws every layer, and the indicators and progress panels are filled.
@Suite(.serialized) struct MapPageTests {
    @Test func mapDrawsTheLayersAndFillsThePanels() throws {
        let folder = try TestSupport.temporaryFolder("serve-map")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        let server = try RunningServer(project: project)
        defer { server.stop() }

        let dom = try server.chromium(["--dump-dom"], profileIn: folder).stdout
        let start = try #require(dom.range(of: "<pre id=\"selfcheck\""), "no selfcheck in the DOM")
        #expect(dom[start.upperBound...].prefix(80).contains("data-done=\"yes\""))
        let text = dom[start.upperBound...].drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
        let report = try TestSupport.json(text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&"))
        #expect((report["errors"] as? [Any])?.isEmpty == true, "page errors: \(report)")
        let layers = try #require(report["layers"] as? [[String: Any]])
        #expect(layers.map { $0["layer"] as? String ?? "" } == ["built-up-areas", "service-area", "residential", "uncovered-residential",
                                                                 "parks", "old-factories", "urban-villages", "old-residential",
                                                                 "hotspots"])

        // Each layer drew as many shapes as its collection holds (counted by the server's own
        // numberMatched, and at least one). The sample has no recent cases, so no hotspots now:
        // HotspotMapTests draws them.
        for layer in layers where layer["layer"] as? String != "hotspots" {
            let id = (layer["layer"] as? String ?? "").replacingOccurrences(of: "-", with: "_")
            let matched = try TestSupport.json(try server.get("/collections/\(id)/items?limit=1").body)["numberMatched"] as? Int
            #expect((matched ?? 0) > 0, "\(id)")
            #expect(layer["features"] as? Int == matched, "\(id): \(layer)")
            #expect((layer["paths"] as? Int ?? 0) >= 1, "\(id) drawn: \(layer)")
        }

        // The panels: the indicators table has rows, the progress table its counties.
        for panel in ["indicators-panel", "progress-panel"] {
            let section = try #require(dom.range(of: "<section id=\"\(panel)\""))
            let body = dom[section.upperBound...].prefix { $0 != "§" }.components(separatedBy: "</section>")[0]
            #expect(body.components(separatedBy: "<tr>").count > 2, "\(panel): \(body.prefix(300))")
        }

        let out = TestSupport.root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let shot = out.appendingPathComponent("serve-map.png").path
        try? FileManager.default.removeItem(atPath: shot)
        _ = try server.chromium(["--window-size=1600,1200", "--screenshot=\(shot)"], profileIn: folder)
        #expect(FileManager.default.fileExists(atPath: shot))
        #expect(server.isRunning)
    }
}
