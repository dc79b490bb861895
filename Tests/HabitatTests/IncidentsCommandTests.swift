import Foundation
import Testing
import TestSupport

/// `habitat grid`, `habitat incidents` and `habitat report … incidents` on the sample city: its key
/// areas, the hotline's export of 2016–2020 and the inspections. The month's received and closed
/// cases and mean hours to close are counted again by pandas from the export itself; the autumn
/// 2018 cases around 南门农贸市场 (sample_city/disorder.py, CHRONIC) are a 热点难点 in December.
@Suite struct IncidentsCommandTests {
    static let layers = [("built_up_areas", "built_up"), ("key_areas", "key_areas")]

    func sample(in folder: URL) throws -> String {
        let project = try TestSupport.sampleProject(in: folder, layers: Self.layers)
        let geodata = TestSupport.root.appendingPathComponent("geodata").path
        for arguments in [["grid", project], ["import", project, "incidents", "\(geodata)/incidents.csv"],
                          ["import", project, "inspections", "\(geodata)/inspections.csv"]] {
            let run = try TestSupport.run(TestSupport.habitat, arguments)
            try #require(run.status == 0, "habitat \(arguments.joined(separator: " ")): \(run.stderr)")
        }
        return project
    }

    /// pandas on the export: cases reported and closed from 26 November to 25 December 2018.
    static let counter = """
        import json, sys
        import pandas as pd
        cases = pd.read_csv(sys.argv[1], encoding="utf-8-sig", dtype=str)
        reported = pd.to_datetime(cases["受理时间"])
        closed = pd.to_datetime(cases["办结时间"])
        start, end = pd.Timestamp("2018-11-26"), pd.Timestamp("2018-12-26")
        done = (closed >= start) & (closed < end)
        hours = (closed[done] - reported[done]).dt.total_seconds() / 3600
        print(json.dumps({"received": int(((reported >= start) & (reported < end)).sum()), "closed": int(done.sum()),
                          "mean_hours": float(hours.mean())}))
        """

    /// A case outside every county's built-up area (a village road) and naming no county still
    /// counts: on a line of its own and in the city's total (found by a planner's trial, where
    /// such cases vanished from every figure).
    @Test func aCaseOutsideTheBuiltUpAreasCountsInTheCitysTotal() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try TestSupport.sampleProject(in: folder, layers: Self.layers)
        let hotline = try TestSupport.write("""
            工单编号,受理时间,问题类型,诉求内容,地址,经度,纬度,坐标系,来源渠道,办结时间
            T1,2018-12-03 09:00:00,乱排乱倒,污水乱排,城东,103.827216,25.487296,高德,热线,2018-12-03 15:00:00
            T2,2018-12-04 10:00:00,乱排乱倒,路边倒垃圾,村道,103.70,25.40,GPS,热线,2018-12-04 12:00:00
            """, to: "hotline.csv", in: folder)
        let imported = try TestSupport.run(TestSupport.habitat, ["import", project, "incidents", hotline])
        try #require(imported.status == 0, "\(imported.stderr)")
        let run = try TestSupport.run(TestSupport.habitat, ["incidents", project, "--month", "2018-12", "--format", "json"])
        try #require(run.status == 0, "\(run.stderr)")
        let report = try TestSupport.json(run.stdout)
        #expect((report["total"] as? [String: Any])?["received"] as? Int == 2)
        let lines = try #require(report["lines"] as? [[String: Any]])
        let outside = lines.filter { $0["county"] as? String == "县区未定（建成区外）" && $0["kind"] as? String == "all" }
        #expect(outside.count == 1 && (outside.first?["counts"] as? [String: Any])?["received"] as? Int == 1, "\(lines)")
    }

    @Test func decemberFiguresFormAndHotspots() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sample(in: folder)
        let out = folder.appendingPathComponent("incidents").path
        let run = try TestSupport.run(TestSupport.habitat, ["incidents", project, "--month", "2018-12", "--format", "json", "--out", out])
        try #require(run.status == 0, "\(run.stderr)")
        let report = try TestSupport.json(run.stdout)
        let total = try #require(report["total"] as? [String: Any])

        let export = TestSupport.root.appendingPathComponent("geodata/incidents.csv").path
        let counted = try TestSupport.run(TestSupport.python, ["-c", Self.counter, export])
        try #require(counted.status == 0, "\(counted.stderr)")
        let truth = try TestSupport.json(counted.stdout)
        #expect(total["received"] as? Int == truth["received"] as? Int)
        #expect(total["closed"] as? Int == truth["closed"] as? Int)
        #expect(TestSupport.close(try #require(total["meanHoursToClose"] as? Double), try #require(truth["mean_hours"] as? Double), relative: 1e-9))
        #expect((total["received"] as? Int ?? 0) > 20)

        // The chronic spot: its first case, reported 2018-10-20 08:40 and still open on 25 December, is the
        // oldest open case of a 热点难点.
        let hotspots = try #require(report["hotspots"] as? [[String: Any]])
        let chronic = try #require(hotspots.first { $0["oldestOpenReported"] as? String == "2018-10-20" })
        #expect(chronic["hardSpot"] as? Bool == true && (chronic["cases"] as? Int ?? 0) >= 3)
        let geojson = try TestSupport.json(try String(contentsOfFile: "\(out)/hotspots.geojson", encoding: .utf8))
        let features = try #require(geojson["features"] as? [[String: Any]])
        #expect(features.count == hotspots.count)
        #expect(features.contains { ($0["properties"] as? [String: Any])?["oldest_rep"] as? String == "2018-10-20"
            && ($0["properties"] as? [String: Any])?["hard_spot"] as? Int == 1 })
        for name in ["incidents.json", "incidents.csv", "hotspots.gpkg"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(name)"), "\(name)")
        }

        // The form: one row per county, the city's row adding up to the figures above.
        let forms = folder.appendingPathComponent("forms").path
        let form = try TestSupport.run(TestSupport.habitat, ["report", project, "incidents", "--month", "2018-12", "--out", forms])
        try #require(form.status == 0, "\(form.stderr)")
        let csv = try String(contentsOfFile: "\(forms)/incidents.csv", encoding: .utf8)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(forms)/incidents.csv")).prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(csv.replacingOccurrences(of: "\u{FEFF}", with: "").hasPrefix("县（市、区）,本月受理案件（件）"))
        let rows = Dictionary(csv.components(separatedBy: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0.count > 8 }.map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
        let city = try #require(rows["全市合计"])
        #expect(city[7] == "\(total["received"] as? Int ?? -1)" && city[8] == "\(total["closed"] as? Int ?? -1)")
        #expect(rows["麒麟区"] != nil && rows["沾益区"] != nil)
        let qilin = try #require(rows["麒麟区"]), zhanyi = try #require(rows["沾益区"])
        #expect((1...7).allSatisfy { Int(qilin[$0])! + Int(zhanyi[$0])! == Int(city[$0])! }, "\(qilin) + \(zhanyi) ≠ \(city)")
        let book = try TestSupport.run(TestSupport.python, ["-c", TestSupport.workbookReader, "\(forms)/incidents.xlsx"])
        try #require(book.status == 0, "\(book.stderr)")
        let cells = try #require(try TestSupport.json(book.stdout)["cells"] as? [String: [Any]])
        #expect(cells["A1"]?.first as? String == "曲靖市城市“四治三改一拆一增”——治乱治脏工作月报表")
    }

    @Test(arguments: [
        (["incidents", "--month", "2018-13"], 2, "--month: '2018-13' is not a month"),
        (["incidents", "--month", "2018-12", "--district", "昆明"], 2, "--district: no county '昆明' in this project"),
        (["incidents", "--month", "2018-12", "--deadlines", "/nonexistent/rules.csv"], 2, "--deadlines: /nonexistent/rules.csv: cannot be read"),
        (["incidents", "--month", "2018-12", "--eps", "0"], 2, "--eps and --days take numbers above 0"),
        (["report", "incidents", "--month", "2018-12", "--district", "昆明", "--out", "x"], 2, "--district: no county '昆明'"),
        (["grid", "--cell", "0"], 2, "--cell takes metres from 1 to 100000"),
        (["report", "incidents", "--month", "2018-12", "--deadlines", "/nonexistent/rules.csv", "--out", "x"], 2,
         "--deadlines: /nonexistent/rules.csv: cannot be read"),
    ])
    func badUsageIsRefused(arguments: [String], status: Int32, message: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try TestSupport.sampleProject(in: folder, layers: [("built_up_areas", "built_up")])
        var call = arguments
        call.insert(project, at: 1)
        let run = try TestSupport.run(TestSupport.habitat, call)
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x").path))
    }

    @Test func aMalformedRulesFileIsBadInputNamingItsLine() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try TestSupport.sampleProject(in: folder, layers: [("built_up_areas", "built_up")])
        let rules = try TestSupport.write("kind,area_type,hours\n占道经营,*,soon\n", to: "rules.csv", in: folder)
        let run = try TestSupport.run(TestSupport.habitat, ["incidents", project, "--month", "2018-12", "--deadlines", rules])
        #expect(run.status == 1)
        #expect(run.stderr.contains("rules.csv:2: 'soon' is not a number of hours above 0"), "\(run.stderr)")
    }
}
