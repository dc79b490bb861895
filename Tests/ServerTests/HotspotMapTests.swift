import Foundation
import Testing
import TestSupport

/// The map page's hotspots layer, fed from `/collections/hotspots`: cases clustered around now, one
/// cluster with a case open 40 days (a 热点难点), one of cases five days old; headless Chromium
/// draws both, the 热点难点 marked and labelled.
@Suite(.serialized) struct HotspotMapTests {
    @Test func mapPageDrawsTheHotspotsAndMarksTheHardOnes() throws {
        let folder = try TestSupport.temporaryFolder("serve-hotspots")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)

        // Moments on the programme's clock (UTC+8), days before now.
        let formatter = DateFormatter()
        (formatter.locale, formatter.timeZone, formatter.dateFormat) = (Locale(identifier: "en_US_POSIX"), TimeZone(secondsFromGMT: 8 * 3600), "yyyy-MM-dd HH:mm:ss")
        func daysAgo(_ days: Double) -> String { formatter.string(from: Date().addingTimeInterval(-days * 86_400)) }
        // Four cases within ~15 m (1e-4° ≈ 10 m), the first open for 40 days; three within ~15 m
        // 2 km away, five days old; and one case alone, which clusters with nothing.
        var rows = ["工单编号,受理时间,问题类型,诉求内容,经度,纬度,来源渠道"]
        for (n, (lon, lat)) in [(103.8000, 25.5000), (103.8001, 25.5000), (103.8000, 25.5001), (103.8001, 25.5001)].enumerated() {
            rows.append("H\(n),\(daysAgo(n == 0 ? 40 : 3)),占道经营,摊点,\(lon),\(lat),热线")
        }
        for (n, (lon, lat)) in [(103.8200, 25.5000), (103.8201, 25.5000), (103.8200, 25.5001)].enumerated() {
            rows.append("S\(n),\(daysAgo(5)),乱扔,垃圾,\(lon),\(lat),热线".replacingOccurrences(of: "乱扔", with: "乱吐乱扔"))
        }
        rows.append("L0,\(daysAgo(2)),乱贴乱画,小广告,103.7800,25.4800,热线")
        let csv = try TestSupport.write(rows.joined(separator: "\n") + "\n", to: "recent.csv", in: folder)
        let imported = try TestSupport.run(TestSupport.habitat, ["import", project, "incidents", csv])
        try #require(imported.status == 0, "import: \(imported.stderr)")

        let server = try RunningServer(project: project)
        defer { server.stop() }
        let served = try TestSupport.json(try server.get("/collections/hotspots/items?f=json").body)
        let features = try #require(served["features"] as? [[String: Any]])
        let properties = features.compactMap { $0["properties"] as? [String: Any] }
        #expect(properties.map { $0["cases"] as? Int ?? 0 }.sorted() == [3, 4], "\(properties)")
        #expect(properties.first { $0["cases"] as? Int == 4 }?["hard_spot"] as? Int == 1)
        #expect(properties.first { $0["cases"] as? Int == 4 }?["oldest_open"] as? String == "H0")
        #expect(properties.first { $0["cases"] as? Int == 3 }?["hard_spot"] as? Int == 0)

        let dom = try server.chromium(["--dump-dom"], profileIn: folder).stdout
        let start = try #require(dom.range(of: "<pre id=\"selfcheck\""), "no selfcheck in the DOM")
        let text = dom[start.upperBound...].drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
        let report = try TestSupport.json(text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&"))
        #expect((report["errors"] as? [Any])?.isEmpty == true, "page errors: \(report)")
        let layer = try #require((report["layers"] as? [[String: Any]])?.first { $0["layer"] as? String == "hotspots" })
        #expect(layer["features"] as? Int == 2 && layer["paths"] as? Int == 2, "\(layer)")
        #expect(layer["hardSpots"] as? Int == 1 && layer["labels"] as? Int == 1, "\(layer)")
        #expect(dom.contains("热点难点"))

        let out = TestSupport.root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let shot = out.appendingPathComponent("serve-hotspots.png").path
        try? FileManager.default.removeItem(atPath: shot)
        _ = try server.chromium(["--window-size=1600,1200", "--screenshot=\(shot)"], profileIn: folder)
        #expect(FileManager.default.fileExists(atPath: shot))
    }
}
