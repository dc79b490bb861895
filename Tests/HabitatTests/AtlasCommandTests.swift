import Foundation
import Testing
import TestSupport

/// `habitat atlas` opened in headless Chromium from a file:// URL with the network shut off: the
/// page counts the SVG paths it drew per legend layer and records a click on a residential polygon
/// into `<pre id="selfcheck">`, which `--dump-dom` gives back; the counts are checked against the
/// features embedded in the page and those in the project.
@Suite struct AtlasCommandTests {
    static let layers = [("built_up_areas", "built_up"), ("parks", "parks"), ("green_spaces", "green_spaces"), ("canopy", "canopy"),
                         ("residential", "residential"), ("old_factories", "old_factories"), ("urban_villages", "urban_villages")]

    @discardableResult
    func habitat(_ arguments: [String]) throws -> TestSupport.Run {
        let run = try TestSupport.run(TestSupport.habitat, arguments)
        try #require(run.status == 0, "habitat \(arguments.joined(separator: " ")): \(run.stderr)")
        return run
    }

    /// Chromium, headless, in a profile of its own, resolving no host name: nothing can be fetched.
    func chromium(_ arguments: [String], in folder: URL) throws -> TestSupport.Run {
        let run = try TestSupport.run("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path)/chromium",
                                                   "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=5000"] + arguments)
        try #require(run.status == 0, "chromium: \(run.stderr)")
        return run
    }

    /// What the page wrote into `<pre id="selfcheck">`, from the DOM Chromium dumps.
    func selfcheck(_ page: String, in folder: URL) throws -> [String: Any] {
        let dom = try chromium(["--dump-dom", "file://\(page)#selftest"], in: folder).stdout
        let start = try #require(dom.range(of: "<pre id=\"selfcheck\""), "no selfcheck in the DOM")
        let text = dom[start.upperBound...].drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
        let json = text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try TestSupport.json(json)
    }

    /// The features embedded in the page, per layer id.
    func embedded(_ page: String) throws -> [String: [[String: Any]]] {
        let html = try String(contentsOfFile: page, encoding: .utf8)
        var layers: [String: [[String: Any]]] = [:]
        let opening = "<script type=\"application/json\" id=\"layer-"
        var rest = html[...]
        while let start = rest.range(of: opening) {
            let id = String(rest[start.upperBound...].prefix { $0 != "\"" })
            let body = rest[start.upperBound...].drop { $0 != ">" }.dropFirst()
            let end = try #require(body.range(of: "</script>"))
            let text = String(body[..<end.lowerBound])
            let file = try TestSupport.write(text, to: "layer-\(id).geojson", in: URL(fileURLWithPath: page).deletingLastPathComponent())
            #expect(try RFC7946.problems(file) == [], "\(id)")
            let collection = try TestSupport.json(text)
            #expect(collection["type"] as? String == "FeatureCollection")
            layers[id] = collection["features"] as? [[String: Any]] ?? []
            rest = body[end.upperBound...]
        }
        return layers
    }

    func count(_ project: String, _ layer: String, where condition: String = "1 = 1") throws -> Int {
        let info = try TestSupport.run("ogrinfo", ["-ro", "-q", "-sql", "SELECT COUNT(*) AS n FROM \(layer) WHERE \(condition)", project])
        let line = try #require(info.stdout.split(separator: "\n").first { $0.contains("n (Integer") }, "\(info.stdout)\(info.stderr)")
        return try #require(Int(line.split(separator: "=").last!.trimmingCharacters(in: .whitespaces)))
    }

    @Test func sampleAtlasDrawsEveryLayerAndShowsCoveredShares() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try TestSupport.sampleProject(in: folder, layers: Self.layers)
        try habitat(["plan", "import", project, TestSupport.root.appendingPathComponent("geodata/plans").path])
        let out = folder.appendingPathComponent("atlas").path
        try habitat(["atlas", project, "--month", "2018-12", "--out", out])
        let page = "\(out)/atlas.html"
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<meta charset=\"utf-8\">") && html.contains("Noto Sans CJK SC") && html.contains("size:A4 landscape"))
        for form in ["greening", "factories", "residential", "villages"] { #expect(html.contains("href=\"forms/\(form).html\"")) }
        // Nothing to fetch (Leaflet's attribution links to its site, a link only).
        #expect(!html.contains("src=\"http") && !html.contains("url(http") && !html.contains("@import"))

        let data = try embedded(page)
        let check = try selfcheck(page, in: folder)
        #expect(check["errors"] as? [String] == [], "errors in the page: \(check["errors"] ?? "none recorded")")
        let drawn = try #require(check["layers"] as? [[String: Any]])
        #expect(Set(drawn.compactMap { $0["layer"] as? String }) == Set(data.keys))
        for entry in drawn {
            let id = try #require(entry["layer"] as? String)
            #expect(entry["paths"] as? Int == data[id]?.count, "\(id): \(entry["paths"] ?? "?") paths drawn for \(data[id]?.count ?? -1) features")
        }
        func features(_ prefix: String) -> Int { data.filter { $0.key.hasPrefix(prefix) }.map(\.value.count).reduce(0, +) }
        #expect(features("built-up") == (try count(project, "built_up_areas")))
        #expect(features("parks-") == (try count(project, "parks")))
        #expect(features("residential") == (try count(project, "residential")))
        #expect(features("factories-") == (try count(project, "old_factories")))
        #expect(features("villages") == (try count(project, "urban_villages")))
        #expect(features("suggested") == 5)
        #expect(features("service-") > 0 && features("uncovered") > 0)

        // The click landed on a residential polygon, and its popup gives that polygon's covered share.
        let clicked = try #require(check["clicked"] as? String, "no residential polygon clicked")
        let polygon = try #require(data["residential"]?.first { ($0["properties"] as? [String: Any])?["code"] as? String == clicked })
        let share = try #require((polygon["properties"] as? [String: Any])?["covered_pct"] as? Double)
        let popup = try #require(check["popup"] as? String)
        #expect(popup.contains(clicked) && popup.contains("covered share: \(String(format: "%.1f", share)) %"), "\(popup)")

        // A picture to look at, and the page printed: A4 landscape.
        let shot = folder.appendingPathComponent("atlas.png").path
        _ = try chromium(["--window-size=1600,1200", "--screenshot=\(shot)", "file://\(page)"], in: folder)
        let png = try #require(FileManager.default.contents(atPath: shot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 50_000)
        try? FileManager.default.removeItem(atPath: "/tmp/atlas-shot.png")
        try FileManager.default.copyItem(atPath: shot, toPath: "/tmp/atlas-shot.png")
        let pdf = folder.appendingPathComponent("atlas.pdf").path
        _ = try chromium(["--print-to-pdf=\(pdf)", "--no-pdf-header-footer", "file://\(page)"], in: folder)
        let info = try TestSupport.run("pdfinfo", [pdf])
        #expect(info.stdout.contains("Page size:       841.9") && info.stdout.contains("pts (A4)"), "\(info.stdout)")

        // One county: its built-up areas and what reports under it.
        let county = folder.appendingPathComponent("county").path
        try habitat(["atlas", project, "--month", "2018-12", "--district", "沾益区", "--out", county])
        let limited = try embedded("\(county)/atlas.html")
        #expect(limited["built-up"]?.count == (try count(project, "built_up_areas", where: "district = '530303'")))
        #expect(limited["residential"].map { 0 < $0.count && $0.count < features("residential") } == true)
        #expect(limited["villages"]?.allSatisfy { ($0["properties"] as? [String: Any])?["district"] as? String == "530303" } == true)

        // A county the project does not know is refused, naming those it does; nothing is written.
        let refused = try TestSupport.run(TestSupport.habitat, ["atlas", project, "--month", "2018-12", "--district", "某某县",
                                                                "--out", folder.appendingPathComponent("none").path])
        #expect(refused.status == 2 && refused.stderr.contains("no county '某某县'") && refused.stderr.contains("麒麟区 530302"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("none").path))
    }

    @Test func emptyProjectGivesAnAtlasThatSaysWhatIsMissing() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("empty.gpkg").path
        try habitat(["init", project])
        let out = folder.appendingPathComponent("atlas").path
        try habitat(["atlas", project, "--month", "2018-12", "--out", out])
        let page = "\(out)/atlas.html"
        let html = try String(contentsOfFile: page, encoding: .utf8)
        for layer in ["built_up_areas", "parks", "residential", "old_factories", "urban_villages"] {
            #expect(html.contains("\(layer): no features"), "\(layer)")
        }
        #expect(html.contains("no plans"))
        let check = try selfcheck(page, in: folder)
        #expect(check["errors"] as? [String] == [], "errors in the page: \(check["errors"] ?? "none recorded")")
        let drawn = try #require(check["layers"] as? [[String: Any]])
        #expect(!drawn.isEmpty && drawn.allSatisfy { $0["paths"] as? Int == 0 && $0["features"] as? Int == 0 })
    }
}
