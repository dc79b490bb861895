import Foundation
import Testing
import TestSupport

@Suite struct IndicatorsCommandTests {
    static let geodata = TestSupport.root.appendingPathComponent("geodata").path
    static let layers = [("built_up_areas", "built_up"), ("parks", "parks"), ("green_spaces", "green_spaces"),
                         ("canopy", "canopy"), ("residential", "residential")]

    @discardableResult
    func habitat(_ arguments: [String]) throws -> TestSupport.Run {
        let run = try TestSupport.run(TestSupport.habitat, arguments)
        try #require(run.status == 0, "habitat \(arguments.joined(separator: " ")): \(run.stderr)")
        return run
    }

    func sampleProject(in folder: URL, _ store: TestStore = .geoPackage) throws -> String {
        try TestSupport.sampleProject(in: folder, layers: Self.layers, store: store)
    }

    /// Every indicator of every built-up area of the sample city, from a GeoPackage project and
    /// from one in PostGIS, against geopandas.
    @Test(arguments: TestStore.allCases) func sampleProjectAgreesWithGeopandas(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder, store)
        let helper = TestSupport.root.appendingPathComponent("Tests/HabitatTests/Helpers/indicators_reference.py").path
        try #require(FileManager.default.isExecutableFile(atPath: TestSupport.python), "run `make test`: it creates .venv")
        let reference = try TestSupport.run(TestSupport.python, [helper, Self.geodata])
        try #require(reference.status == 0, "\(reference.stderr)")
        let expected = try #require(TestSupport.json(reference.stdout)["areas"] as? [[String: Any]])

        let run = try habitat(["indicators", project, "--format", "json", "--year", "2026", "--profile", "gb55014-2021"])
        let year = try #require((TestSupport.json(run.stdout)["years"] as? [[String: Any]])?.first)
        let areas = try #require(year["areas"] as? [[String: Any]]).filter { $0["kind"] as? String == "built_up_area" }
        try #require(areas.count == expected.count)
        for (ours, theirs) in zip(areas, expected) {
            #expect(ours["name"] as? String == theirs["name"] as? String)
            for check in ours["indicators"] as? [[String: Any]] ?? [] {
                let indicator = try #require(check["indicator"] as? String)
                let value = try #require(check["value"] as? Double, "\(indicator) has no value")
                let reference = try #require(theirs[indicator] as? Double)
                #expect(TestSupport.close(value, reference, relative: 1e-9), "\(theirs["name"]!) \(indicator): \(value) vs \(reference)")
            }
        }
    }

    @Test func aYearlySeriesReportsEachYearAndItsGrowth() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        let out = folder.appendingPathComponent("out").path
        let run = try habitat(["indicators", project, "--years", "2016..2018", "--format", "json", "--out", out])
        let years = try #require(TestSupport.json(run.stdout)["years"] as? [[String: Any]])
        #expect(years.map { $0["year"] as? Int } == [2016, 2017, 2018])
        let growth = try #require(years[1]["growth"] as? [[String: Any]])
        #expect(growth.contains { $0["indicator"] as? String == "green_space_ratio" && $0["required"] as? Double != nil })
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["indicators.csv", "indicators.json"])
        let table = try habitat(["indicators", project, "--year", "2020"]).stdout
        #expect(table.contains("建成区绿地率") && table.contains("ha more"))
    }

    /// The sample city's built-up areas lie in 530302 and 530303; the project has no districts layer
    /// and no plans, yet every command names those counties 麒麟区 and 沾益区 (DOMAIN.md), as the forms do.
    @Test func countiesAreNamedAlikeInEveryCommand() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        let out = folder.appendingPathComponent("out").path
        let table = try habitat(["indicators", project, "--year", "2020", "--out", out]).stdout
        #expect(table.contains("麒麟区") && table.contains("沾益区") && !table.contains("530302") && !table.contains("(county)"), "\(table)")
        let json = try habitat(["indicators", project, "--year", "2020", "--format", "json"]).stdout
        let areas = try #require((TestSupport.json(json)["years"] as? [[String: Any]])?.first?["areas"] as? [[String: Any]])
        #expect(areas.filter { $0["kind"] as? String == "county" }.map { $0["name"] as? String } == ["麒麟区", "沾益区"])

        // indicators.csv is for people: UTF-8 with BOM, values to 2 decimals.
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(out)/indicators.csv"))
        #expect(data.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let rows = String(decoding: data.dropFirst(3), as: UTF8.self).split(separator: "\n").dropFirst()
        let values = rows.map { $0.split(separator: ",", omittingEmptySubsequences: false)[5] }.filter { !$0.isEmpty }
        #expect(!values.isEmpty && values.allSatisfy { $0.split(separator: ".").last?.count == 2 }, "\(values)")
        #expect(rows.contains { $0.contains(",麒麟区,530302,county,") })

        let forms = folder.appendingPathComponent("forms").path
        try habitat(["report", project, "greening", "--month", "2020-12", "--out", forms])
        let greening = try String(contentsOfFile: "\(forms)/greening.csv", encoding: .utf8)
        #expect(greening.contains("\n麒麟区,") && greening.contains("\n沾益区,") && !greening.contains("530302"), "\(greening)")
    }

    @Test func aMalformedProfileFileIsNamedWithItsLine() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("p.gpkg").path
        try habitat(["init", project])
        let profile = try TestSupport.write("rule,indicator,scope,year,level,condition,value,verified,source\n"
                                            + "target,park_coverage,all,,,>=,seventy,yes,mine\n", to: "mine.csv", in: folder)
        let bad = try TestSupport.run(TestSupport.habitat, ["indicators", project, "--profile", profile])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("mine.csv:2: 'seventy' is not a number"), "\(bad.stderr)")
        let unknown = try TestSupport.run(TestSupport.habitat, ["indicators", project, "--profile", "paris-2030"])
        #expect(unknown.status == 2 && unknown.stderr.contains("qujing-2016-2020"))
    }
}
