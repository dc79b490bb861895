import Foundation
import Testing
import TestSupport

/// The forms as an office prints them: each workbook, converted by LibreOffice, fits one A4
/// landscape page for the sample's ten reporting units (pdfinfo reads the PDF).
@Suite struct PrintedFormTests {
    @Test func everyFormPrintsOnOneLandscapePage() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("sample.gpkg").path
        let geodata = TestSupport.root.appendingPathComponent("geodata").path
        var commands = [["init", project, "--crs", "EPSG:4544"], ["plan", "import", project, "\(geodata)/plans"]]
        for (layer, file) in [("built_up_areas", "built_up"), ("parks", "parks"), ("green_spaces", "green_spaces")] {
            commands.append(["import", project, layer, "\(geodata)/\(file).geojson"])
        }
        let out = folder.appendingPathComponent("forms").path
        let forms = ["greening", "factories", "residential", "villages", "register"]
        for form in forms {
            commands.append(["report", project, form, "--month", "2018-12", "--unit", "曲靖市住房和城乡建设局", "--out", out])
        }
        for command in commands {
            let run = try TestSupport.run(TestSupport.habitat, command)
            try #require(run.status == 0, "habitat \(command.joined(separator: " ")): \(run.stderr)")
        }
        let greening = try String(contentsOfFile: "\(out)/greening.csv", encoding: .utf8)
        // The plans (2016) name 530304 马龙县, and a project's plans name its counties.
        #expect(["麒麟区", "沾益区", "马龙县", "宣威市", "陆良县", "师宗县", "罗平县", "富源县", "会泽县", "经开区"].allSatisfy(greening.contains))

        // LibreOffice keeps its profile in the test's folder, so that no other instance holds it.
        let convert = try TestSupport.run("soffice", ["-env:UserInstallation=file://\(folder.path)/profile", "--headless",
                                                      "--convert-to", "pdf", "--outdir", "\(out)/pdf"] + forms.map { "\(out)/\($0).xlsx" })
        try #require(convert.status == 0, "\(convert.stderr)")
        for form in forms {
            let info = try TestSupport.run("pdfinfo", ["\(out)/pdf/\(form).pdf"])
            #expect(info.stdout.contains("Pages:           1"), "\(form): \(info.stdout)")
            // A4 landscape: 297 × 210 mm is 841.89 × 595.28 points.
            #expect(info.stdout.contains("Page size:       841.89 x 595.3"), "\(form): \(info.stdout)")
        }
    }
}
