import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// The official forms as counties fill them: the form's title and 填报单位 rows, and a blank row,
/// above the headers.
@Suite struct TitleBlockTests {
    /// Sheet rows 1–4 are the title block and the headers; the factories are rows 5, 6 and 7.
    static let form: [[String]] = [
        ["云南省旧厂区现状统计表", "", "", "", ""],
        ["填报单位：曲靖市住房和城乡建设局", "", "", "填报日期：2017年5月", ""],
        ["", "", "", "", ""],
        ["编号", "厂区名称", "厂区总面积（万平方米）", "经度", "纬度"],
        ["F1", "罗平化肥厂", "1.5", "104.30", "24.88"],
        ["F2", "麒麟水泥厂", "0.8", "103.80", "25.48"],
        ["F3", "沾益纺织厂", "0.25", "103.82", "25.60"],
    ]

    /// The form as Excel saves it: a CSV whose every row has every comma, or a workbook whose
    /// title spans the form and whose blank row is left out.
    func write(_ rows: [[String]], as kind: String, in folder: URL) throws -> String {
        if kind == "csv" {
            return try TestSupport.write(rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n",
                                         to: "form.csv", in: folder)
        }
        return try Workbook([.init("旧厂区", rows: rows, merged: ["A1:E1"])]).write(to: "form.xlsx", in: folder)
    }

    func project(in folder: URL) throws -> String { try emptyProject(in: folder) }

    @Test(arguments: ["csv", "xlsx"])
    func theHeadersBelowATitleBlockAreFound(kind: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let source = try write(Self.form, as: kind, in: folder)
        #expect(try Importer(layer: "old_factories", source: source).run(into: path).inserted == 3)
        let layer = try ProjectFile.open(path).current("old_factories")
        let first = try #require(layer.features.indices.first { layer.value("code", at: $0) == .string("F1") })
        #expect(layer.value("name", at: first) == .string("罗平化肥厂"))
        #expect(layer.value("site_area_m2", at: first) == .real(15_000))  // 1.5 万平方米
    }

    @Test(arguments: ["csv", "xlsx"])
    func aBadRowBelowATitleBlockIsNamedByItsRowInTheSheet(kind: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        var rows = Self.form
        rows[6][2] = "约3"  // sheet row 7
        let source = try write(rows, as: kind, in: folder)
        #expect { try Importer(layer: "old_factories", source: source).run(into: path) } throws: { error in
            guard case let InventoryError.rejected(_, problems) = error else { return false }
            return problems.count == 1 && problems[0].hasPrefix("row 7 (\"沾益纺织厂\"): column 厂区总面积（万平方米）")
        }
    }

    @Test(arguments: ["csv", "xlsx"])
    func aTableWithoutTheFormsHeadersSaysSo(kind: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let source = try write([["甲", "乙", "丙"], ["F1", "罗平化肥厂", "104.30"], ["F2", "麒麟水泥厂", "103.80"]], as: kind, in: folder)
        #expect { try Importer(layer: "old_factories", source: source).run(into: path) } throws: { error in
            "\(error)".hasPrefix("\(source): the headers of old_factories were not found") && "\(error)".contains("--field")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
