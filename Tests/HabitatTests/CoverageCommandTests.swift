import Foundation
import Testing
import TestSupport

/// `habitat coverage` run as a planner runs it, its figures checked against geopandas.
@Suite struct CoverageCommandTests {
    static let sharedMissing = "../shared (the benchmark kit and OSM extracts) is not beside the project"

    /// Runs the Python that `make test` installs, failing with a hint where it is missing.
    func python(_ arguments: [String]) throws -> String {
        try #require(FileManager.default.isExecutableFile(atPath: TestSupport.python),
                     "no Python with geopandas at \(TestSupport.python): run `make test`, which creates .venv")
        let run = try TestSupport.run(TestSupport.python, arguments)
        try #require(run.status == 0, "python \(arguments): \(run.stderr)")
        return run.stdout
    }

    /// Every area's and the total's residential and covered m² agree to a relative 1e-9.
    func expectSameFigures(_ habitat: [String: Any], _ reference: [String: Any]) throws {
        let ours = try #require(habitat["areas"] as? [[String: Any]])
        let theirs = try #require(reference["areas"] as? [[String: Any]])
        try #require(ours.count == theirs.count)
        for (a, b) in zip(ours + [habitat["total"] as! [String: Any]], theirs + [reference["total"] as! [String: Any]]) {
            for key in ["residential_m2", "covered_m2"] {
                let x = try #require(a[key] as? Double), y = try #require(b[key] as? Double)
                #expect(TestSupport.close(x, y, relative: 1e-9), "\(a["name"] ?? "total") \(key): habitat \(x), reference \(y)")
            }
        }
    }

    func habitat(_ arguments: [String]) throws -> TestSupport.Run {
        try TestSupport.run(TestSupport.habitat, ["coverage"] + arguments)
    }

    @Test(.enabled(if: TestSupport.shared != nil, Comment(rawValue: sharedMissing)))
    func generatedCityMatchesTheReferenceAndWritesEveryLayer() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bench = TestSupport.shared!.appendingPathComponent("bench")
        let city = folder.appendingPathComponent("city").path, out = folder.appendingPathComponent("out").path
        _ = try python([bench.appendingPathComponent("gen_city.py").path, "--out", city, "--scale", "1"])
        let reference = try TestSupport.json(python([bench.appendingPathComponent("reference_coverage.py").path, city]))

        let run = try habitat(["--parks", "\(city)/parks.geojson", "--residential", "\(city)/residential.geojson",
                               "--built-up", "\(city)/built_up.geojson", "--out", out, "--format", "json"])
        try #require(run.status == 0, "\(run.stderr)")
        let printed = try TestSupport.json(run.stdout)
        try expectSameFigures(printed, reference)
        #expect(printed["eligible_parks"] as? Int == reference["eligible_parks"] as? Int)
        let written = try TestSupport.json(String(contentsOfFile: "\(out)/coverage.json", encoding: .utf8))
        try expectSameFigures(written, reference)

        let csv = try String(contentsOfFile: "\(out)/coverage.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "name,residential_m2,covered_m2,coverage_pct")
        #expect(csv.count == (reference["areas"] as! [Any]).count + 2)

        for layer in ["service_area", "uncovered_residential", "residential_coverage"] {
            let path = "\(out)/\(layer).geojson"
            let info = try TestSupport.run("ogrinfo", ["-al", "-so", path])
            #expect(info.status == 0, "GDAL cannot read \(layer): \(info.stderr)")
            #expect(try RFC7946.problems(path) == [], "\(layer)")
        }
        let perPolygon = try TestSupport.run("ogrinfo", ["-al", "-so", "\(out)/residential_coverage.geojson"]).stdout
        let residentialCount = try TestSupport.run("ogrinfo", ["-al", "-so", "\(city)/residential.geojson"]).stdout
        let count = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("Feature Count") } }
        #expect(count(perPolygon) == count(residentialCount))
        #expect(perPolygon.contains("covered_pct: Real"))
        try expectLayersAsGeopandasDrawsThem(out: out, city: city)
    }

    /// The service area is geopandas' union of the same buffers, polygon for polygon; the uncovered
    /// land of each built-up area is its residential land minus that union, short only of the
    /// slivers under a centimetre wide that the layer leaves out.
    func expectLayersAsGeopandasDrawsThem(out: String, city: String) throws {
        let helper = TestSupport.root.appendingPathComponent("Tests/HabitatTests/Helpers/coverage_layers.py").path
        let reference = try TestSupport.json(python([helper, city]))
        func features(_ layer: String) throws -> [[String: Any]] {
            try #require(TestSupport.json(String(contentsOfFile: "\(out)/\(layer).geojson", encoding: .utf8))["features"] as? [[String: Any]])
        }
        func property(_ feature: [String: Any], _ name: String) -> Any? { (feature["properties"] as? [String: Any])?[name] }
        let service = try features("service_area")
        let serviceArea = service.compactMap { property($0, "area_m2") as? Double }.reduce(0, +)
        #expect(TestSupport.close(serviceArea, try #require(reference["service_m2"] as? Double), relative: 1e-9))
        #expect(service.count == reference["service_polygons"] as? Int)
        var uncovered: [String: Double] = [:]
        for feature in try features("uncovered_residential") {
            uncovered[property(feature, "built_up_area") as? String ?? "", default: 0] += property(feature, "area_m2") as? Double ?? 0
        }
        let expected = try #require(reference["uncovered_m2"] as? [String: Double])
        #expect(Set(uncovered.keys) == Set(expected.keys))
        for (name, theirs) in expected {
            let ours = uncovered[name] ?? 0
            #expect(ours <= theirs * (1 + 1e-9) && ours >= theirs * (1 - 1e-6), "\(name): habitat \(ours) m², geopandas \(theirs) m²")
        }
    }

    @Test(.enabled(if: TestSupport.shared != nil, Comment(rawValue: sharedMissing)),
          arguments: [("liechtenstein", "8"), ("monaco", nil), ("north-bayreuth", nil)] as [(String, String?)])
    func realOpenStreetMapExtractsMatchGeopandas(extract: String, adminLevel: String?) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let helper = TestSupport.root.appendingPathComponent("Tests/HabitatTests/Helpers/osm_coverage.py").path
        let source = TestSupport.shared!.appendingPathComponent("data/osm/\(extract)").path
        let reference = try TestSupport.json(python([helper, source, folder.path, "--crs", "EPSG:32632"]
                                                    + (adminLevel.map { ["--built-up-admin-level", $0] } ?? [])))
        let run = try habitat(["--parks", "\(folder.path)/parks.geojson", "--residential", "\(folder.path)/residential.geojson",
                               "--crs", "EPSG:32632", "--format", "json"]
                              + (adminLevel != nil ? ["--built-up", "\(folder.path)/built_up.geojson"] : []))
        try #require(run.status == 0, "\(run.stderr)")
        try expectSameFigures(TestSupport.json(run.stdout), reference)
        #expect(try TestSupport.json(run.stdout)["eligible_parks"] as? Int == reference["eligible_parks"] as? Int)
    }

    /// Residential land handed over in EPSG:4544 metres (converted by GDAL's ogr2ogr), parks left in
    /// WGS 84: the same answer as both in WGS 84.
    @Test(.enabled(if: TestSupport.shared != nil, Comment(rawValue: sharedMissing)))
    func mixedCoordinateSystemsGiveTheSameAnswer() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let city = folder.path
        _ = try python([TestSupport.shared!.appendingPathComponent("bench/gen_city.py").path, "--out", city, "--scale", "1"])
        let converted = try TestSupport.run("ogr2ogr", ["-f", "GPKG", "-t_srs", "EPSG:4544", "\(city)/residential_4544.gpkg",
                                                        "\(city)/residential.geojson"])
        try #require(converted.status == 0, "\(converted.stderr)")
        let common = ["--parks", "\(city)/parks.geojson", "--built-up", "\(city)/built_up.geojson", "--format", "json"]
        let wgs84 = try habitat(common + ["--residential", "\(city)/residential.geojson"])
        let mixed = try habitat(common + ["--residential", "\(city)/residential_4544.gpkg"])
        try #require(wgs84.status == 0 && mixed.status == 0, "\(wgs84.stderr)\(mixed.stderr)")
        try expectSameFigures(TestSupport.json(mixed.stdout), TestSupport.json(wgs84.stdout))
    }

    /// Built-up areas named in a 名称 column, as a surveyor's file names them, are named so in every
    /// output; coverage.csv is for people (UTF-8 with BOM, figures to 2 decimals), coverage.json keeps
    /// every digit.
    @Test func builtUpAreasNamedIn名称AndACSVForPeople() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let geodata = TestSupport.root.appendingPathComponent("geodata").path
        let builtUp = try String(contentsOfFile: "\(geodata)/built_up.geojson", encoding: .utf8)
        try #require(builtUp.contains("\"name\":") || builtUp.contains("\"name\" :"))
        let renamed = try TestSupport.write(builtUp.replacingOccurrences(of: "\"name\"", with: "\"名称\""), to: "built_up.geojson", in: folder)
        let out = folder.appendingPathComponent("out").path
        let run = try habitat(["--parks", "\(geodata)/parks.geojson", "--residential", "\(geodata)/residential.geojson",
                               "--built-up", renamed, "--out", out, "--format", "json"])
        try #require(run.status == 0, "\(run.stderr)")
        let areas = try #require(TestSupport.json(run.stdout)["areas"] as? [[String: Any]])
        // The names the sample city's built-up file gives (tools/make_sample_city.py).
        #expect(areas.map { $0["name"] as? String } == ["麒麟中心城区", "沾益城区", "西城片区", "南城片区"])

        let written = try TestSupport.json(String(contentsOfFile: "\(out)/coverage.json", encoding: .utf8))
        let exact = try #require(written["areas"] as? [[String: Any]]) + [try #require(written["total"] as? [String: Any])]
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(out)/coverage.csv"))
        #expect(data.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let lines = String(decoding: data.dropFirst(3), as: UTF8.self).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(lines.first == ["name", "residential_m2", "covered_m2", "coverage_pct"])
        try #require(lines.count == exact.count + 1)
        for (row, area) in zip(lines.dropFirst(), exact) {
            #expect(row[0] == area["name"] as? String)
            for (cell, key) in zip(row.dropFirst(), ["residential_m2", "covered_m2", "coverage_pct"]) {
                let figure = try #require(Double(cell)), value = try #require(area[key] as? Double)
                // Two decimals, the JSON's figure rounded: within half a hundredth of it.
                #expect(cell.split(separator: ".").last?.count == 2 && abs(figure - value) <= 0.005 + 1e-9, "\(row[0]) \(key): \(cell) vs \(value)")
            }
        }
    }

    @Test func helpShowsAnExample() throws {
        let run = try habitat(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Example:") && run.stdout.contains("habitat coverage --parks"))
    }
}
