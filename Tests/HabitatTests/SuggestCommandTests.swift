import Foundation
import Testing
import TestSupport

/// `habitat suggest` on the sample project, each pick's gain checked against geopandas, and on bad
/// input.
@Suite struct SuggestCommandTests {
    static let geodata = TestSupport.root.appendingPathComponent("geodata").path
    static let layers = [("built_up_areas", "built_up"), ("parks", "parks"), ("residential", "residential"),
                         ("old_factories", "old_factories"), ("urban_villages", "urban_villages")]

    @discardableResult
    func habitat(_ arguments: [String]) throws -> TestSupport.Run {
        let run = try TestSupport.run(TestSupport.habitat, arguments)
        try #require(run.status == 0, "habitat \(arguments.joined(separator: " ")): \(run.stderr)")
        return run
    }

    func sampleProject(in folder: URL) throws -> String {
        try TestSupport.sampleProject(in: folder, layers: Self.layers)
    }

    /// Each pick's newly covered m² and people, against coverage recomputed by geopandas with the
    /// picks added as parks one after another.
    func expectGainsAgreeWithGeopandas(_ picks: [[String: Any]]) throws {
        try #require(FileManager.default.isExecutableFile(atPath: TestSupport.python), "run `make test`: it creates .venv")
        let helper = TestSupport.root.appendingPathComponent("Tests/HabitatTests/Helpers/suggest_reference.py").path
        let codes = picks.compactMap { $0["code"] as? String }
        let reference = try TestSupport.run(TestSupport.python, [helper, Self.geodata, "\(Self.geodata)/old_factories.geojson",
                                                                 "\(Self.geodata)/urban_villages.geojson", "--codes"] + codes)
        try #require(reference.status == 0, "\(reference.stderr)")
        let gains = try #require(TestSupport.json(reference.stdout)["gains"] as? [[String: Any]])
        try #require(gains.count == picks.count)
        for (ours, theirs) in zip(picks, gains) {
            for (key, theirKey) in [("newly_covered_m2", "covered_m2"), ("newly_covered_people", "people")] {
                let x = try #require(ours[key] as? Double), y = try #require(theirs[theirKey] as? Double)
                #expect(y > 0 && TestSupport.close(x, y, relative: 1e-9), "\(theirs["code"]!) \(key): habitat \(x), geopandas \(y)")
            }
        }
    }

    @Test func sampleProjectGainsAgreeWithGeopandasAndEveryFileIsWritten() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        let out = folder.appendingPathComponent("out").path
        let run = try habitat(["suggest", project, "--k", "3", "--format", "json", "--out", out])
        let printed = try TestSupport.json(run.stdout)
        let picks = try #require(printed["picks"] as? [[String: Any]])
        try #require(picks.count == 3)
        try expectGainsAgreeWithGeopandas(picks)
        #expect(picks.map { $0["rank"] as? Int } == [1, 2, 3])

        // The generator's deliberate cases (tools/make_sample_city.py): F-004 of 1200 m², F-025 over
        // a park, F-026 2 km out of town, UV-011 a point.
        let excluded = try #require(printed["excluded"] as? [[String: Any]])
        let reasons = Dictionary(excluded.map { ($0["code"] as! String, $0["reason"] as! String) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["F-004"] == "too_small")
        #expect(reasons["F-025"] == "already_a_park")
        #expect(reasons["F-026"] == "outside_built_up_areas")
        #expect(reasons["UV-011"] == "point_without_footprint")
        // F-027, surveyed as a point with its 厂区总面积 (8500 m²), is a candidate by its approximate footprint.
        #expect(reasons["F-027"] == nil)

        let written = try TestSupport.json(String(contentsOfFile: "\(out)/suggestions.json", encoding: .utf8))
        #expect((written["picks"] as? [[String: Any]])?.map { $0["code"] as? String } == picks.map { $0["code"] as? String })
        let csv = try Data(contentsOf: URL(fileURLWithPath: "\(out)/suggestions.csv"))
        #expect(csv.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let lines = String(decoding: csv.dropFirst(3), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 4 && lines[0].hasPrefix("排名,图层,编号,名称,县（市、区）,类别,用地面积（平方米）"))
        let excludedCSV = String(decoding: try Data(contentsOf: URL(fileURLWithPath: "\(out)/excluded.csv")).dropFirst(3), as: UTF8.self)
        #expect(excludedCSV.split(separator: "\n").count == excluded.count + 1)
        #expect(excludedCSV.contains("F-004,") && excludedCSV.contains("too_small"))
        for layer in ["suggested_sites", "new_service_area"] {
            let path = "\(out)/\(layer).geojson"
            let info = try TestSupport.run("ogrinfo", ["-al", "-so", path])
            #expect(info.status == 0 && info.stdout.contains("Feature Count: 3"), "\(layer): \(info.stdout)\(info.stderr)")
            #expect(try RFC7946.problems(path) == [], "\(layer)")
        }
    }

    /// Weighted by people, the picks' people again agree with geopandas, and the first pick brings
    /// at least as many people within reach as the area-weighted first pick does.
    @Test func peopleWeightAgreesWithGeopandas() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        let byPeople = try #require(TestSupport.json(habitat(["suggest", project, "--k", "2", "--weight", "population",
                                                              "--format", "json"]).stdout)["picks"] as? [[String: Any]])
        try expectGainsAgreeWithGeopandas(byPeople)
        let byArea = try #require(TestSupport.json(habitat(["suggest", project, "--k", "1", "--format", "json"]).stdout)["picks"] as? [[String: Any]])
        #expect(try #require(byPeople[0]["newly_covered_people"] as? Double) >= #require(byArea[0]["newly_covered_people"] as? Double))
    }

    /// A small project near Qujing, in lon/lat: one built-up area, one park, two residential blocks.
    func smallProject(in folder: URL, populations: (String, String) = ("100", "200")) throws -> String {
        let square = { (x: Double, y: Double, d: Double) in
            "[[[\(x),\(y)],[\(x + d),\(y)],[\(x + d),\(y + d)],[\(x),\(y + d)],[\(x),\(y)]]]"
        }
        func collection(_ features: [(String, String)]) -> String {
            "{\"type\":\"FeatureCollection\",\"features\":[" + features.map { properties, rings in
                "{\"type\":\"Feature\",\"properties\":{\(properties)},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":\(rings)}}"
            }.joined(separator: ",") + "]}"
        }
        let path = folder.appendingPathComponent("small.gpkg").path
        try habitat(["init", path])
        try habitat(["import", path, "built_up_areas", TestSupport.write(collection([("\"name\":\"城区\"", square(103.78, 25.48, 0.04))]),
                                                                          to: "built_up.geojson", in: folder)])
        try habitat(["import", path, "parks", TestSupport.write(collection([("\"name\":\"公园1\"", square(103.79, 25.49, 0.001))]),
                                                                 to: "parks.geojson", in: folder)])
        try habitat(["import", path, "residential", TestSupport.write(collection([
            ("\"name\":\"居住区1\",\"population\":\(populations.0)", square(103.80, 25.50, 0.002)),
            ("\"name\":\"居住区2\",\"population\":\(populations.1)", square(103.81, 25.50, 0.002)),
        ]), to: "residential.geojson", in: folder)])
        return path
    }

    func expectRefused(_ arguments: [String], status: Int32, saying words: [String], in folder: URL) throws {
        let out = folder.appendingPathComponent("out-\(UUID().uuidString)").path
        let run = try TestSupport.run(TestSupport.habitat, ["suggest"] + arguments + ["--out", out])
        #expect(run.status == status, "\(arguments): \(run.stderr)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && words.allSatisfy { run.stderr.contains($0) }, "\(arguments): \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "\(arguments) wrote \(out)")
    }

    @Test func badInputIsRefusedInOneLine() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try smallProject(in: folder)
        let lines = try TestSupport.write("""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"L1"},
            "geometry":{"type":"LineString","coordinates":[[103.80,25.49],[103.81,25.49]]}}]}
            """, to: "lines.geojson", in: folder)
        let empty = try TestSupport.write("{\"type\":\"FeatureCollection\",\"features\":[]}", to: "empty.geojson", in: folder)
        let site = try TestSupport.write("""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"S1"},"geometry":{"type":"Polygon",
            "coordinates":[[[103.803,25.499],[103.804,25.499],[103.804,25.500],[103.803,25.500],[103.803,25.499]]]}}]}
            """, to: "site.geojson", in: folder)
        let shapefile = folder.appendingPathComponent("nocrs.shp").path
        let converted = try TestSupport.run("ogr2ogr", ["-f", "ESRI Shapefile", shapefile, site])
        try #require(converted.status == 0, "\(converted.stderr)")
        try FileManager.default.removeItem(atPath: folder.appendingPathComponent("nocrs.prj").path)

        try expectRefused([project], status: 1, saying: ["old_factories and urban_villages hold no sites"], in: folder)
        try expectRefused([project, "--candidates", "old_residential"], status: 1, saying: ["layer old_residential has no features"], in: folder)
        try expectRefused([project, "--candidates", empty], status: 1, saying: ["empty.geojson has no features"], in: folder)
        try expectRefused([project, "--candidates", lines], status: 1, saying: ["lines.geojson", "L1", "LineString"], in: folder)
        try expectRefused([project, "--candidates", shapefile], status: 1, saying: ["nocrs.shp", "no coordinate reference system"], in: folder)
        try expectRefused([project, "--candidates", site, "--k", "0"], status: 2, saying: ["--k must be at least 1"], in: folder)
        try expectRefused([project, "--candidates", site, "--k", "2", "--budget-m2", "9000"], status: 2, saying: ["not both"], in: folder)
        try expectRefused([project, "--candidates", "nowhere.geojson"], status: 2, saying: ["nowhere.geojson", "neither a layer"], in: folder)
        try expectRefused([project, "--candidates", site, "--class", "用地变更"], status: 2, saying: ["--class 用地变更"], in: folder)
        // The site is about 100 × 111 m (11 000 m²: 500 m), 100 m west of the first block, 700 m
        // from the second.
        let fine = try TestSupport.json(habitat(["suggest", project, "--candidates", site, "--weight", "population",
                                                 "--format", "json"]).stdout)
        #expect((fine["picks"] as? [[String: Any]])?.map { $0["code"] as? String } == ["S1"])
    }

    @Test(arguments: [("null", "missing"), ("-5", "-5")])
    func aPopulationMissingOrNegativeIsNamed(population: String, shown: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try smallProject(in: folder, populations: ("100", population))
        let site = try TestSupport.write("""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"S1"},"geometry":{"type":"Polygon",
            "coordinates":[[[103.803,25.499],[103.804,25.499],[103.804,25.500],[103.803,25.500],[103.803,25.499]]]}}]}
            """, to: "site.geojson", in: folder)
        try expectRefused([project, "--candidates", site, "--weight", "population"], status: 1,
                          saying: ["residential", "population is \(shown)"], in: folder)
        // Weighted by area, the people are simply not reported.
        let byArea = try TestSupport.json(habitat(["suggest", project, "--candidates", site, "--format", "json"]).stdout)
        let picks = try #require(byArea["picks"] as? [[String: Any]])
        try #require(picks.count == 1)
        #expect(picks[0]["newly_covered_m2"] as? Double ?? 0 > 0)
        #expect(picks[0]["newly_covered_people"] == nil)
    }
}
