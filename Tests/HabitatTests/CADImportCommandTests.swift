import Foundation
import Testing
import TestSupport

/// `habitat import` with a CAD drawing, as a new user tries it: the factory form and the survey
/// institute's outlines (two closed R12 POLYLINEs on 厂区, TEXT labels on 编号, GBK). Areas are
/// read back with GDAL's SQLite dialect (ST_Area), not with habitat.
@Suite struct CADImportCommandTests {
    func project(in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("p.gpkg").path
        let run = try TestSupport.run(TestSupport.habitat, ["init", path, "--crs", "EPSG:4544"])
        try #require(run.status == 0, "\(run.stderr)")
        return path
    }

    /// Sites A (200 m × 150 m = 30,000 m²) and B (100 m × 80 m = 8,000 m²) in EPSG:4544.
    func outlines(in folder: URL) throws -> String {
        var drawing = DXF(.r12)
        drawing.polyline("1A", layer: "厂区", [(379_000, 2_822_000), (379_200, 2_822_000), (379_200, 2_822_150), (379_000, 2_822_150)], closed: true)
        drawing.polyline("2A", layer: "厂区", [(379_300, 2_822_000), (379_400, 2_822_000), (379_400, 2_822_080), (379_300, 2_822_080)], closed: true)
        drawing.text("1B", layer: "编号", at: (379_100, 2_822_075), "F-QL-001")
        drawing.text("2B", layer: "编号", at: (379_350, 2_822_040), "F-QL-002")
        return try drawing.write(to: "outlines.dxf", in: folder)
    }

    @Test func theFactoryFormTakesItsOutlinesFromADrawing() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let form = try TestSupport.write("编号,厂区名称,X,Y\nF-QL-001,罗平化肥厂,2822075,379100\nF-QL-002,麒麟水泥厂,2822040,379350\n",
                                         to: "form.csv", in: folder)
        let run = try TestSupport.run(TestSupport.habitat, ["import", path, "old_factories", form, "--crs", "EPSG:4544",
                                                            "--geometry", try outlines(in: folder), "--geometry-crs", "EPSG:4544",
                                                            "--outline-layer", "厂区", "--label-layer", "编号"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2 inserted"), "\(run.stdout)")
        let areas = try TestSupport.run("ogrinfo", ["-q", "-dialect", "SQLite", "-sql",
                                                    "SELECT code, ST_Area(geom) AS area, ST_GeometryType(geom) AS kind FROM old_factories ORDER BY code", path])
        #expect(areas.stdout.contains("code (String) = F-QL-001\n  area (Real) = 30000\n  kind (String) = MULTIPOLYGON"), "\(areas.stdout)")
        #expect(areas.stdout.contains("code (String) = F-QL-002\n  area (Real) = 8000\n  kind (String) = MULTIPOLYGON"), "\(areas.stdout)")
    }

    @Test func layersOfADrawingAreCheckedAndNamed() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let form = try TestSupport.write("编号,厂区名称\nF-QL-001,罗平化肥厂\n", to: "form.csv", in: folder)
        // Layers of a drawing with no drawing: bad usage.
        let noDrawing = try TestSupport.run(TestSupport.habitat, ["import", path, "old_factories", form, "--outline-layer", "厂区"])
        #expect(noDrawing.status == 2 && noDrawing.stderr.contains("--outline-layer and --label-layer pick layers of a CAD drawing"), "\(noDrawing.stderr)")
        let noGeometry = try TestSupport.run(TestSupport.habitat, ["import", path, "old_factories", form, "--geometry-crs", "EPSG:4544"])
        #expect(noGeometry.status == 2 && noGeometry.stderr.contains("--geometry-crs goes with --geometry FILE"), "\(noGeometry.stderr)")
        // A layer the drawing has nothing on: named with those it has.
        let wrongLayer = try TestSupport.run(TestSupport.habitat, ["import", path, "old_factories", form, "--geometry", try outlines(in: folder),
                                                                   "--geometry-crs", "EPSG:4544", "--outline-layer", "红线"])
        #expect(wrongLayer.status == 1)
        #expect(wrongLayer.stderr.contains("outlines.dxf: no lines or hatches on layer 红线 (layers with lines or hatches: 厂区 (2))"), "\(wrongLayer.stderr)")
    }
}
