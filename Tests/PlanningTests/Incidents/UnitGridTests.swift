import Foundation
import Testing
import GeoCore
import Inventory
import TestSupport
@testable import Planning

/// The unit grid checked by geopandas/shapely: its cells tile each built-up area exactly (their
/// areas add up to it to 1e-9), overlap nowhere, have unique codes, and every case lies in the
/// cell it was given. Made again, the grid keeps its codes.
@Suite struct UnitGridTests {
    static func square(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> String {
        "\"POLYGON ((\(x) \(y), \(x + w) \(y), \(x + w) \(y + h), \(x) \(y + h), \(x) \(y)))\""
    }

    func load(_ layer: String, _ csv: String, into path: String, in folder: URL) throws {
        var importer = Importer(layer: layer, source: try TestSupport.write(csv, to: "\(layer).csv", in: folder))
        importer.declared = .crs(try CRS("EPSG:4544"))
        _ = try importer.run(into: path)
    }

    func reference(_ path: String) throws -> [String: Any] {
        let helper = TestSupport.root.appendingPathComponent("Tests/PlanningTests/Incidents/Helpers/grid_reference.py").path
        let run = try TestSupport.run(TestSupport.python, [helper, path])
        try #require(run.status == 0, "geopandas: \(run.stderr)")
        return try TestSupport.json(run.stdout)
    }

    @Test func cellsTileTheBuiltUpAreasExactly() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("grid.gpkg").path
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
        // The sample city's built-up areas (an ellipse of 8 × 6 km among them), two more of 麒麟区 that
        // overlap each other and lie off the lattice (a county's areas are dissolved, so its cells overlap
        // nowhere), one of 沾益区 sharing an edge with B2, and one of 沾益区 overlapping B1 by a sliver of
        // 0.01 × 50 m = 0.5 m², which stays 麒麟区's (the lower code).
        var importer = Importer(layer: "built_up_areas", source: TestSupport.root.appendingPathComponent("geodata/built_up.geojson").path)
        importer.codeField = "name"
        _ = try importer.run(into: path)
        try load("built_up_areas", """
            编号,名称,行政区划代码,WKT
            B1,东片,530302,\(Self.square(520_013.7, 2_830_021.3, 350.5, 250.25))
            B2,东片二,530302,\(Self.square(520_300.1, 2_830_200.9, 200.3, 199.7))
            B3,交界,530303,\(Self.square(520_500.4, 2_830_350.0, 120.0, 120.0))
            B4,细缝,530303,\(Self.square(520_364.19, 2_830_021.3, 100.0, 50.0))
            """, into: path, in: folder)
        // Cases: inside, on a cell's edge (x = 520100: the cell of lower code takes it), and outside every area.
        try load("incidents", """
            工单编号,受理时间,问题类型,WKT
            A1,2018-03-01 09:00,占道经营,"POINT (520150.5 2830100.5)"
            A2,2018-03-01 09:00,占道经营,"POINT (520100 2830150.5)"
            A3,2018-03-01 09:00,占道经营,"POINT (530000 2840000)"
            """, into: path, in: folder)
        let stored = try UnitGrid.store(project: path, cellSize: 100)
        #expect(stored.change.inserted == stored.grid.cells.count && stored.change.incidentsReassigned == 2)

        let truth = try reference(path)
        for (district, figures) in try #require(truth["districts"] as? [String: [String: Double]]) {
            // 沾益区's cells leave out the sliver 麒麟区's cells hold.
            let (land, cells) = (figures["built_up_m2"]! - (district == "530303" ? 0.5 : 0), figures["cells_m2"]!)
            #expect(TestSupport.close(cells, land, relative: 1e-9), "\(district): cells \(cells) m², built-up \(land) m²")
        }
        let areas = try #require(truth["built_up"] as? [String: [String: Double]])
        #expect(areas.count == 8)
        for (code, figures) in areas {
            #expect(TestSupport.close(figures["cells_m2"]!, figures["area_m2"]!, relative: 1e-9), "\(code): \(figures)")
        }
        #expect(try #require(truth["overlap_m2"] as? Double) < 1e-6)
        #expect(truth["codes"] as? Int == truth["unique_codes"] as? Int)
        #expect(truth["codes"] as? Int == stored.grid.cells.count)
        #expect(stored.grid.cells.count > 5000)

        // Each case in the cell covering it: A1 in one, A2 on an edge between two (the lower code), A3 in none.
        let project = try ProjectFile.open(path)
        let incidents = try project.layer("incidents")
        let covering = try #require(truth["incidents"] as? [String: [String]])
        #expect(covering["A1"]?.count == 1 && covering["A2"]?.count == 2 && covering["A3"] == [])
        for index in incidents.features.indices {
            let code = incidents.text("code", at: index)!
            #expect(incidents.text("grid_cell", at: index) == covering[code]?.min(), "\(code)")
            #expect(incidents.text("district", at: index) == (code == "A3" ? nil : "530302"))
        }
        #expect(covering["A1"] == ["530302-100-5201-28301"], "column 520150.5 / 100 = 5201, row 2830100.5 / 100 = 28301")

        // Made again, nothing changes; a case imported now is assigned its cell on import.
        let again = try UnitGrid.store(project: path, cellSize: 100)
        #expect(again.change.unchanged == stored.grid.cells.count)
        #expect(again.change.inserted + again.change.updated + again.change.deleted + again.change.incidentsReassigned == 0)
        try load("incidents", "工单编号,受理时间,问题类型,WKT\nA4,2018-03-02 09:00,乱吐乱扔,\"POINT (520150.5 2830100.5)\"\n", into: path, in: folder)
        let a4 = try ProjectFile.open(path).layer("incidents")
        #expect(a4.features.indices.first { a4.text("code", at: $0) == "A4" }.flatMap { a4.text("grid_cell", at: $0) } == "530302-100-5201-28301")
    }

    @Test func countiesWhoseBuiltUpAreasOverlapAreRefused() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("grid.gpkg").path
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
        // 10 × 10 m = 100 m² of 沾益区's B2 lies in 麒麟区's B1.
        try load("built_up_areas", """
            编号,名称,行政区划代码,WKT
            B1,麒麟,530302,\(Self.square(520_000, 2_830_000, 100, 100))
            B2,沾益,530303,\(Self.square(520_090, 2_830_090, 100, 100))
            """, into: path, in: folder)
        #expect(throws: GridError.countiesOverlap("B1", "530302", "B2", "530303", squareMetres: 100)) {
            try UnitGrid.store(project: path, cellSize: 100)
        }
        #expect(try ProjectFile.open(path).layer("grid_cells").features.isEmpty)
    }

    @Test func aBuiltUpAreaWithoutDistrictIsNamed() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("grid.gpkg").path
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
        #expect(throws: GridError.noBuiltUpAreas(path)) { try UnitGrid.store(project: path, cellSize: 100) }
        try load("built_up_areas", "编号,名称,WKT\nB9,无名,\(Self.square(520_000, 2_830_000, 100, 100))\n", into: path, in: folder)
        #expect(throws: GridError.noDistrict(builtUpArea: "B9")) { try UnitGrid.store(project: path, cellSize: 100) }
        #expect(try ProjectFile.open(path).layer("grid_cells").features.isEmpty)
    }
}
