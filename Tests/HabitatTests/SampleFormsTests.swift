import Foundation
import Testing
import TestSupport

/// The sample city fills all four monthly forms for 2018-12 with figures that follow by hand from
/// the generator's tables (`tools/sample_city/progress.py`) and the households the villages have in
/// `geodata/urban_villages.geojson`, not from habitat's own output.
@Suite struct SampleFormsTests {
    static let layers = [("built_up_areas", "built_up"), ("parks", "parks"), ("green_spaces", "green_spaces"),
                         ("residential", "residential"), ("old_factories", "old_factories"), ("urban_villages", "urban_villages"),
                         ("old_residential", "old_residential"), ("old_factories", "old_factories_2018"),
                         ("urban_villages", "urban_villages_2018")]

    /// The form's rows by their first cell (the county, or 合计), each with the cells after it.
    func rows(_ csv: String) -> [String: [String]] {
        var rows: [String: [String]] = [:]
        for line in csv.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: .newlines) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if let key = cells.first, !key.isEmpty { rows[key] = Array(cells.dropFirst()) }
        }
        return rows
    }

    @Test func theSampleFillsTheFourFormsAsItsTablesSay() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try TestSupport.sampleProject(in: folder, layers: Self.layers)
        let plans = TestSupport.root.appendingPathComponent("geodata/plans").path
        let out = folder.appendingPathComponent("forms").path
        for arguments in [["plan", "import", project, plans]] + ["greening", "factories", "residential", "villages"].map({
            ["report", project, $0, "--month", "2018-12", "--out", out]
        }) {
            let run = try TestSupport.run(TestSupport.habitat, arguments)
            try #require(run.status == 0, "habitat \(arguments.joined(separator: " ")): \(run.stderr)")
        }
        func form(_ name: String) throws -> [String: [String]] {
            rows(try String(contentsOfFile: "\(out)/\(name).csv", encoding: .utf8))
        }

        // Villages. 麒麟区 (530302) completed UV-004 (262 households, 2017-09-30), UV-010 (70, 2018-05-20)
        // and UV-009 (344, 2018-12-01): 676 in all, 70 + 344 = 414 in 2018, 344 in December; signed
        // 120 + 262 + 300 + 344 + 70 = 1096 (UV-003, -004, -006, -009, -010), of whom 50 + 180 + 200 + 250
        // + 70 = 750 took cash: 68.43 %. 沾益区 (530303): UV-001, 86 households, all in 2018-12, 86
        // signed, 60 cash: 69.77 %; its 2018 plan (households.csv) 1378.
        let villages = try form("villages")
        #expect(villages["麒麟区"] == ["0", "676", "414", "344", "1096", "750", "68.43"])
        #expect(villages["沾益区"] == ["1378", "86", "86", "86", "86", "60", "69.77"])
        #expect(villages["合计"]?.dropFirst().first == "762")

        // Factories: all 27 surveyed in 2016 (26 in 麒麟区, F-026 in 沾益区); renovated by the end of
        // 2018 F-002, F-005, F-008, F-012 (all 麒麟区), F-008 and F-012 in December; 改造比例 = 2 over
        // the 26 − 2 left when December began: 8.33 %; in total 2 / (27 − 2) = 8.00 %.
        let factories = try form("factories")
        #expect(factories["麒麟区"]?.prefix(6) == ["26", "0", "4", "2", "8.33", "1"])
        #expect(factories["沾益区"]?.prefix(5) == ["1", "0", "0", "0", "0.00"])
        #expect(factories["合计"]?.prefix(5) == ["27", "0", "4", "2", "8.00"])

        // Old residential areas: the 8 of OLD_RESIDENTIAL, 4 of them 已竣工 (OR-001, -002, -005, -007).
        let residential = try String(contentsOfFile: "\(out)/residential.csv", encoding: .utf8)
        #expect(residential.contains(",合计,8个,") && residential.contains("已竣工4个"))
        #expect(residential.contains("2,麒麟区,文昌街住宅区,,,综合提升改造,房屋维修养护、建筑节能及供热采暖设施改造,2018-01,2018-12,已竣工"))
        #expect(residential.contains(",沾益区,沾益老城片区,"))

        // Greening: the sample's 390 parks, each in a built-up area of 麒麟区 or 沾益区 but for the few
        // outside every one; the totals are positive.
        let greening = try form("greening")
        let total = try #require(greening["合计"])
        #expect((Double(total[5]) ?? 0) > 0 && (Double(total[7]) ?? 0) > 0 && (Int(total[8]) ?? 0) > 0, "\(total)")
    }
}
