import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// Site outlines as survey institutes deliver them: CAD drawings in CGCS2000 Gauss-Krüger metres
/// with no CRS, each site a closed polyline and its code a label inside it. Drawings are written
/// by hand (R12 and R2000 entities, GBK) and by GDAL's DXF writer; areas are worked out by hand
/// from the coordinates, positions in other zones by gdaltransform.
@Suite struct CADOutlineTests {
    /// A rectangle's corners, anticlockwise from its south-west one, in EPSG:4544 near Qujing's centre.
    static func rectangle(_ x: Double, _ y: Double, _ width: Double, _ height: Double) -> [(Double, Double)] {
        [(x, y), (x + width, y), (x + width, y + height), (x, y + height)]
    }

    /// Site A: 200 m × 150 m = 30,000 m²; site B: 100 m × 80 m = 8,000 m².
    static let siteA = rectangle(379_000, 2_822_000, 200, 150), siteB = rectangle(379_300, 2_822_000, 100, 80)
    static func middle(_ corners: [(Double, Double)]) -> (Double, Double) {
        ((corners[0].0 + corners[2].0) / 2, (corners[0].1 + corners[2].1) / 2)
    }

    static func wkt(_ corners: [(Double, Double)], polygon: Bool = false) -> String {
        let ring = (corners + [corners[0]]).map { "\($0.0) \($0.1)" }.joined(separator: ",")
        return polygon ? "POLYGON ((\(ring)))" : "LINESTRING (\(ring))"
    }

    static let form = "编号,厂区名称,厂区总面积（万平方米）\nF-QL-001,罗平化肥厂,3\nF-QL-002,麒麟水泥厂,0.8\n"

    func project(in folder: URL, withSampleBuiltUp: Bool = false) throws -> String {
        try emptyProject(in: folder, withSampleBuiltUp: withSampleBuiltUp)
    }

    /// Each feature's code, geometry kind and area.
    func sites(_ path: String, _ layer: String) throws -> [String: (kind: Geometry.Kind, area: Double)] {
        let current = try ProjectFile.open(path).current(layer)
        var sites: [String: (Geometry.Kind, Double)] = [:]
        for (index, feature) in current.features.enumerated() {
            let geometry = try #require(feature.geometry)
            sites[current.value("code", at: index).description] = (geometry.kind, geometry.area)
        }
        return sites
    }

    func expectArea(_ site: (kind: Geometry.Kind, area: Double)?, _ expected: Double, _ comment: Comment) {
        #expect(site?.kind == .multiPolygon, comment)
        #expect(site.map { abs($0.area - expected) <= expected * 1e-9 } == true, "\(comment): \(site?.area ?? 0) m² vs \(expected)")
    }

    /// R12: one POLYLINE flagged closed without repeating its first vertex, one not flagged that
    /// repeats it, TEXT labels. R2000: a closed LWPOLYLINE labelled by an MTEXT with formatting
    /// codes, and a HATCH labelled by the site's name in the form, wrapped over two lines. Texts
    /// naming no row (a note on another layer) are no labels.
    @Test(arguments: [DXF.Version.r12, .r2000])
    func aDrawingsOutlinesJoinTheFormByTheirLabels(version: DXF.Version) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        var drawing = DXF(version)
        if version == .r12 {
            drawing.polyline("1A", layer: "厂区", Self.siteA, closed: true)
            drawing.polyline("2A", layer: "厂区", Self.siteB + [Self.siteB[0]], closed: false)
            drawing.text("1B", layer: "编号", at: Self.middle(Self.siteA), "F-QL-001")
            drawing.text("2B", layer: "编号", at: Self.middle(Self.siteB), "F-QL-002")
        } else {
            drawing.polyline("1A", layer: "厂区", Self.siteA, closed: true)
            drawing.hatch("2A", layer: "厂区", Self.siteB)
            drawing.text("1B", layer: "编号", at: Self.middle(Self.siteA), #"{\fSimSun|b0|i0|c134;F-QL-001}"#, mtext: true)
            drawing.text("2B", layer: "编号", at: Self.middle(Self.siteB), #"麒麟\P水泥厂"#, mtext: true)
        }
        drawing.text("1C", layer: "注记", at: (379_050, 2_822_050), "厂区范围")
        let outlines = try drawing.write(to: "outlines.dxf", in: folder)
        var importer = Importer(layer: "old_factories", source: try TestSupport.write(Self.form, to: "form.csv", in: folder))
        importer.geometrySource = outlines
        importer.geometryDeclared = try CoordinateSystem(parsing: "EPSG:4544")
        #expect(try importer.run(into: path).inserted == 2)
        let sites = try sites(path, "old_factories")
        expectArea(sites["F-QL-001"], 30_000, "\(version) F-QL-001")
        expectArea(sites["F-QL-002"], 8_000, "\(version) F-QL-002")
        let layer = try ProjectFile.open(path).current("old_factories")
        #expect(layer.features.indices.allSatisfy { layer.value("approximate", at: $0) == .integer(0) })
        #expect(Set(layer.features.indices.map { layer.value("name", at: $0).description }) == ["罗平化肥厂", "麒麟水泥厂"])
    }

    /// A drawing alone, written by GDAL: codes and names from the labels on 编号, outlines from
    /// 用地红线 (a closed polyline, a hatch over a closed polyline counted once, a site in two
    /// parts), other layers (a road, a note) left alone; into every layer that holds areas.
    @Test(arguments: ["parks", "urban_villages", "old_residential", "built_up_areas", "districts", "old_factories"])
    func aDrawingAloneImportsIntoEveryAreaLayer(layer: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        // Site C in two parts: 50 m × 40 m + 30 m × 20 m = 2,000 + 600 = 2,600 m².
        let partOne = Self.rectangle(379_500, 2_822_000, 50, 40), partTwo = Self.rectangle(379_600, 2_822_000, 30, 20)
        func label(_ corners: [(Double, Double)], _ text: String) -> (wkt: String, layer: String, label: String?) {
            let (x, y) = Self.middle(corners)
            return ("POINT (\(x) \(y))", "编号", text)
        }
        let source = try DXF.byGDAL([
            (Self.wkt(Self.siteA), "用地红线", nil), label(Self.siteA, "S-1"),
            (Self.wkt(Self.siteB), "用地红线", nil), (Self.wkt(Self.siteB, polygon: true), "用地红线", nil), label(Self.siteB, "S-2"),
            (Self.wkt(partOne), "用地红线", nil), label(partOne, "S-3"), (Self.wkt(partTwo), "用地红线", nil), label(partTwo, "S-3"),
            ("LINESTRING (378900 2821990,379700 2821990)", "道路", nil), ("POINT (379050 2822050)", "注记", "面积3公顷"),
        ], to: "drawing.dxf", in: folder)
        var importer = Importer(layer: layer, source: source)
        importer.declared = try CoordinateSystem(parsing: "EPSG:4544")
        importer.outlineLayer = "用地红线"
        importer.labelLayer = "编号"
        #expect(try importer.run(into: path).inserted == 3)
        let sites = try sites(path, layer)
        #expect(sites.keys.sorted() == ["S-1", "S-2", "S-3"])
        expectArea(sites["S-1"], 30_000, "\(layer) S-1")
        expectArea(sites["S-2"], 8_000, "\(layer) S-2")
        expectArea(sites["S-3"], 2_600, "\(layer) S-3")
        let current = try ProjectFile.open(path).current(layer)
        #expect(current.features.indices.allSatisfy { current.value("name", at: $0) == current.value("code", at: $0) })
        if layer == "parks" {
            let areas = current.features.indices.map { current.value("area_m2", at: $0).doubleValue ?? 0 }.sorted()
            #expect(zip(areas, [2_600.0, 8_000, 30_000]).allSatisfy { abs($0 - $1) <= $1 * 1e-9 }, "\(areas)")
        }
    }

    /// Without --label-layer every text of a drawing alone is a label: an outline holding two is
    /// listed. A line that does not close, or closes round nothing, is refused even where the
    /// layer takes lines.
    @Test func aDrawingAlonesOutlinesNeedOneLabelAndClosedLines() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        var drawing = DXF(.r2000)
        drawing.polyline("1A", layer: "厂区", Self.siteA, closed: true)
        drawing.text("1B", layer: "编号", at: Self.middle(Self.siteA), "F-QL-001")
        drawing.text("1C", layer: "注记", at: (379_050, 2_822_050), "面积3公顷")
        // Its ends 0.5 m apart: (379300, 2822000.5) to (379300, 2822000).
        drawing.polyline("2A", layer: "厂区", Self.siteB + [(379_300, 2_822_000.5)], closed: false)
        // Closed over two vertices: there and back.
        drawing.polyline("3A", layer: "厂区", [(379_500, 2_822_000), (379_600, 2_822_000)], closed: true)
        let source = try drawing.write(to: "drawing.dxf", in: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var importer = Importer(layer: "old_factories", source: source)
        importer.declared = try CoordinateSystem(parsing: "EPSG:4544")
        #expect { try importer.run(into: path) } throws: { error in
            guard case let InventoryError.rejected(_, problems) = error else { return false }
            return problems == [
                "LWPOLYLINE 2A on layer 厂区: is an open line where an outline is expected: its ends are 0.500 m apart (an outline closes within 0.010 m)",
                "LWPOLYLINE 3A on layer 厂区: is a closed line with fewer than three corners, which encloses no area",
                "LWPOLYLINE 1A on layer 厂区 holds the labels of 2 sites: 'F-QL-001', '面积3公顷' (--label-layer picks the layer of the codes)",
            ]
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// Every problem of a drawing and a form is listed by entity and row, and nothing lands; with
    /// --skip-invalid the one good site does, and the drawing's problems are still said.
    @Test func everyProblemOfADrawingIsListed() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        var drawing = DXF(.r2000)
        // Its ends 5 mm apart, on the line x = 379000: closed, and its area still 30,000 m².
        drawing.polyline("1A", layer: "厂区", Self.siteA + [(379_000, 2_822_000.005)], closed: false)
        drawing.text("1B", layer: "编号", at: Self.middle(Self.siteA), "F-QL-001")
        drawing.polyline("2A", layer: "厂区", Self.siteB + [(379_300, 2_822_000.5)], closed: false)
        drawing.text("2B", layer: "编号", at: Self.middle(Self.siteB), "F-QL-002")
        drawing.polyline("3A", layer: "厂区", Self.rectangle(379_500, 2_822_000, 100, 100), closed: true)
        drawing.text("3B", layer: "编号", at: (379_550, 2_822_050), "F-QL-09")
        drawing.polyline("4A", layer: "厂区", Self.rectangle(379_700, 2_822_000, 100, 100), closed: true)
        drawing.polyline("4B", layer: "厂区", Self.rectangle(379_750, 2_822_000, 100, 100), closed: true)
        drawing.text("4C", layer: "编号", at: (379_775, 2_822_050), "F-QL-004")
        drawing.text("5B", layer: "编号", at: (380_500, 2_823_000), "F-QL-005")
        let outlines = try drawing.write(to: "problems.dxf", in: folder)
        let form = try TestSupport.write("编号,厂区名称\nF-QL-001,一厂\nF-QL-002,二厂\nF-QL-003,三厂\nF-QL-004,四厂\nF-QL-005,五厂\n",
                                         to: "form.csv", in: folder)
        var importer = Importer(layer: "old_factories", source: form)
        importer.geometrySource = outlines
        importer.geometryDeclared = try CoordinateSystem(parsing: "EPSG:4544")
        let drawingProblems = [
            "problems.dxf: LWPOLYLINE 2A on layer 厂区: is an open line where an outline is expected: its ends are 0.500 m apart (an outline closes within 0.010 m)",
            "problems.dxf: label 'F-QL-002' (TEXT 2B on layer 编号) lies outside every outline",
            "problems.dxf: label 'F-QL-004' (TEXT 4C on layer 编号) lies inside 2 outlines: LWPOLYLINE 4A on layer 厂区, LWPOLYLINE 4B on layer 厂区",
            "problems.dxf: label 'F-QL-005' (TEXT 5B on layer 编号) lies outside every outline",
            "problems.dxf: LWPOLYLINE 3A on layer 厂区 has no label naming a row of the form",
            "problems.dxf: LWPOLYLINE 4A on layer 厂区 has no label naming a row of the form",
            "problems.dxf: LWPOLYLINE 4B on layer 厂区 has no label naming a row of the form",
        ]
        let rowProblems = ["row 3 (\"二厂\")", "row 4 (\"三厂\")", "row 5 (\"四厂\")", "row 6 (\"五厂\")"].enumerated().map { index, row in
            "\(row): 编号 F-QL-00\(index + 2) has no outline in problems.dxf (no label inside one names it)"
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect { try importer.run(into: path) } throws: { error in
            guard case let InventoryError.rejected(_, problems) = error else { return false }
            return problems == drawingProblems + rowProblems
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        // On the label layer, a text naming no row is a label mistyped.
        importer.labelLayer = "编号"
        #expect { try importer.run(into: path) } throws: { error in
            guard case let InventoryError.rejected(_, problems) = error else { return false }
            return problems.contains("problems.dxf: label 'F-QL-09' (TEXT 3B on layer 编号) names no row of the form")
                && problems.count == drawingProblems.count + rowProblems.count + 1
        }

        importer.skipInvalid = true
        let summary = try importer.run(into: path)
        #expect(summary.inserted == 1 && summary.rejected == 4)
        #expect(drawingProblems.allSatisfy(summary.notes.contains), "\(summary.notes)")
        expectArea(try sites(path, "old_factories")["F-QL-001"], 30_000, "the outline closed across 5 mm")
    }

    /// Without a declared CRS, a drawing in Gauss-Krüger metres finds its zone by the project's
    /// built-up areas: one in zone 34 (EPSG:4543) lands where gdaltransform puts its corners in the
    /// project's EPSG:4544. Where the zone cannot be told, or the coordinates are no Gauss-Krüger
    /// metres, the message names the file and --geometry-crs.
    @Test func aDrawingsZoneIsFoundOrAskedFor() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corners = try Self.siteA.map { corner -> (Double, Double) in
            let run = try TestSupport.run("/bin/sh", ["-c", "echo '\(corner.0) \(corner.1)' | gdaltransform -s_srs EPSG:4544 -t_srs EPSG:4543 -output_xy"])
            let numbers = run.stdout.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            try #require(numbers.count == 2, "gdaltransform: \(run.stdout)\(run.stderr)")
            return (numbers[0], numbers[1])
        }
        var drawing = DXF(.r12)
        drawing.polyline("1A", layer: "厂区", corners, closed: true)
        drawing.text("1B", layer: "编号", at: Self.middle(corners), "F-QL-001")
        let outlines = try drawing.write(to: "zone34.dxf", in: folder)
        let form = try TestSupport.write(Self.form, to: "form.csv", in: folder)
        var importer = Importer(layer: "old_factories", source: form)
        importer.geometrySource = outlines
        importer.skipInvalid = true  // F-QL-002 has no outline here

        let path = try project(in: folder, withSampleBuiltUp: true)
        #expect(try importer.run(into: path).inserted == 1)
        // The feature records the zone its outline was drawn in; so does one from the drawing alone.
        #expect(try ProjectFile.open(path).current("old_factories").value("source", at: 0) == .string("form.csv (EPSG:4543)"))
        #expect(try Importer(layer: "parks", source: outlines).run(into: path).inserted == 1)
        #expect(try ProjectFile.open(path).current("parks").value("source", at: 0) == .string("zone34.dxf (EPSG:4543)"))
        let imported = try #require(try ProjectFile.open(path).current("old_factories").features.first?.geometry).coordinates
        let expected = (Self.siteA + [Self.siteA[0]]).flatMap { [$0.0, $0.1] }
        try #require(imported.count == expected.count, "\(imported)")
        // A polygon's ring may start at another corner; each corner must be there within 1 mm.
        for index in stride(from: 0, to: expected.count, by: 2) {
            #expect(stride(from: 0, to: imported.count, by: 2).contains { abs(imported[$0] - expected[index]) < 0.001 && abs(imported[$0 + 1] - expected[index + 1]) < 0.001 },
                    "(\(expected[index]), \(expected[index + 1])) not in \(imported)")
        }

        let empty = folder.appendingPathComponent("empty.gpkg").path
        _ = try ProjectFile.create(empty, crs: CRS("EPSG:4544"), name: "")
        #expect { try importer.run(into: empty) } throws: { error in
            "\(error)".hasPrefix("zone34.dxf: the file states no coordinate reference system, and the easting")
                && "\(error)".contains("does not tell its Gauss-Krüger zone (the project has no districts or built-up areas to tell it by); "
                    + "give --geometry-crs with the zone's code (EPSG:4534–4554), or write the zone before the easting")
        }

        var local = DXF(.r12)
        local.polyline("1A", layer: "厂区", Self.rectangle(0, 0, 200, 150), closed: true)
        local.text("1B", layer: "编号", at: (100, 75), "F-QL-001")
        importer.geometrySource = try local.write(to: "local.dxf", in: folder)
        #expect { try importer.run(into: path) } throws: { error in
            "\(error)" == "local.dxf: the file states no coordinate reference system and its coordinates are not Gauss-Krüger metres; "
                + "declare the one they are in with --geometry-crs (an EPSG code, gcj02 or bd09)"
        }
    }
}
