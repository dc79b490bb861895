import Foundation
import Testing
import TestSupport

/// `habitat import`'s choice of a sheet or folder (--sheet, --layer) and its limit (--max-features).
@Suite struct ImportCommandTests {
    static let headers = ["编号", "厂区名称", "经度", "纬度"]

    /// A project, and a workbook whose first sheet holds two factories and its second one.
    func projectAndWorkbook(in folder: URL) throws -> (project: String, workbook: String) {
        let project = folder.appendingPathComponent("p.gpkg").path
        try #require(try TestSupport.run(TestSupport.habitat, ["init", project]).status == 0)
        let workbook = try Workbook([
            .init("旧厂区", rows: [Self.headers, ["F1", "甲厂", "103.80", "25.50"], ["F2", "乙厂", "103.81", "25.51"]]),
            .init("二期", rows: [Self.headers, ["F3", "丙厂", "103.82", "25.52"]]),
        ]).write(to: "factories.xlsx", in: folder)
        return (project, workbook)
    }

    @Test func aSheetIsChosenByName() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (project, workbook) = try projectAndWorkbook(in: folder)
        let first = try TestSupport.run(TestSupport.habitat, ["import", project, "old_factories", workbook])
        #expect(first.status == 0 && first.stdout.contains("2 inserted"), "\(first.stderr)")
        #expect(first.stderr.contains("warning:") && first.stderr.contains("二期") && first.stderr.contains("--sheet"))
        let second = try TestSupport.run(TestSupport.habitat, ["import", project, "old_factories", workbook, "--sheet", "二期"])
        #expect(second.status == 0 && second.stdout.contains("1 inserted"), "\(second.stderr)")
        let unknown = try TestSupport.run(TestSupport.habitat, ["import", project, "old_factories", workbook, "--layer", "三期"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("三期") && unknown.stderr.contains("旧厂区, 二期"), "\(unknown.stderr)")
    }

    @Test func aSourcePastTheLimitIsRefusedWithHowToRaiseIt() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (project, workbook) = try projectAndWorkbook(in: folder)
        let refused = try TestSupport.run(TestSupport.habitat, ["import", project, "old_factories", workbook, "--max-features", "1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("factories.xlsx") && refused.stderr.contains("--max-features"), "\(refused.stderr)")
        let allowed = try TestSupport.run(TestSupport.habitat, ["import", project, "old_factories", workbook, "--max-features", "2"])
        #expect(allowed.status == 0 && allowed.stdout.contains("2 inserted"), "\(allowed.stderr)")
    }
}
