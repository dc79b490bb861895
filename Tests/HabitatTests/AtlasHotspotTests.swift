import Foundation
import Testing
import TestSupport

extension AtlasCommandTests {
    /// The atlas's hotspots layer: the month's clusters as `habitat incidents` writes them
    /// (hotspots.geojson), each drawn, the 热点难点 among them marked and labelled.
    @Test func atlasDrawsTheMonthsHotspotsAndMarksTheHardOnes() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try TestSupport.sampleProject(in: folder, layers: Self.layers + [("key_areas", "key_areas")])
        try habitat(["import", project, "incidents", TestSupport.root.appendingPathComponent("geodata/incidents.csv").path])
        let month = AtlasHotspotMonth.month
        let figures = folder.appendingPathComponent("figures").path
        try habitat(["incidents", project, "--month", month, "--out", figures])
        let written = try TestSupport.json(try String(contentsOfFile: "\(figures)/hotspots.geojson", encoding: .utf8))
        let expected = (written["features"] as? [[String: Any]] ?? []).compactMap { $0["properties"] as? [String: Any] }
        let hard = expected.filter { $0["hard_spot"] as? Int == 1 }.count
        try #require(hard > 0 && hard < expected.count, "\(month): \(expected.count) hotspots, \(hard) hard")

        let out = folder.appendingPathComponent("atlas").path
        try habitat(["atlas", project, "--month", month, "--out", out])
        let page = "\(out)/atlas.html"
        let data = try embedded(page)
        let members = { (list: [[String: Any]]) in Set(list.compactMap { $0["members"] as? String }) }
        #expect(members((data["hotspots"] ?? []).compactMap { $0["properties"] as? [String: Any] }) == members(expected))
        let check = try selfcheck(page, in: folder)
        #expect(check["errors"] as? [String] == [], "errors in the page: \(check["errors"] ?? "none recorded")")
        let layer = try #require((check["layers"] as? [[String: Any]])?.first { $0["layer"] as? String == "hotspots" })
        #expect(layer["paths"] as? Int == expected.count && layer["features"] as? Int == expected.count, "\(layer)")
        #expect(layer["hardSpots"] as? Int == hard && layer["labels"] as? Int == hard, "\(layer)")

        let shot = folder.appendingPathComponent("atlas.png").path
        _ = try chromium(["--window-size=1600,1200", "--screenshot=\(shot)", "file://\(page)"], in: folder)
        try? FileManager.default.removeItem(atPath: "/tmp/atlas-hotspots.png")
        try FileManager.default.copyItem(atPath: shot, toPath: "/tmp/atlas-hotspots.png")
    }
}

enum AtlasHotspotMonth {
    /// A month of the sample's cases with hotspots, some of them 热点难点.
    static let month = "2018-12"
}
