import Foundation
import Testing
import TestSupport
@testable import Planning

/// Each form's workbook read back by openpyxl (an independent reader) against its original's layout
/// (the 附件 of the plans, in ../shared/reference), written out here header by header.
@Suite struct FormLayoutTests {
    /// A header cell as printed: its text and how many rows and columns it spans.
    struct Printed: Equatable, CustomStringConvertible {
        let text: String, rows: Int, columns: Int
        init(_ text: String, _ rows: Int = 1, _ columns: Int = 1) { (self.text, self.rows, self.columns) = (text, rows, columns) }
        var description: String { "\(text) \(rows)×\(columns)" }
    }

    /// The originals' headers, row by row, left to right.
    static let originals: [MonthlyForm: [Printed]] = [
        .greening: [Printed("县（市、区）", 2), Printed("国家级、省级创园开展情况", 2), Printed("绿规编制成情况及说明", 2),
                    Printed("绿化投资完成情况（单位：万元）", 1, 2), Printed("建成区园林绿地面积（单位：公顷）", 1, 2),
                    Printed("公园绿地面积（单位：公顷）", 1, 2), Printed("公园个数（个）", 2),
                    Printed("本月新增投资量"), Printed("本年累计完成投资量"), Printed("本月增量"), Printed("总计"),
                    Printed("本月增量"), Printed("总计")],
        .factories: [Printed("州（市）", 2), Printed("“旧厂区”普查", 1, 2), Printed("“旧厂区”改造", 1, 2), Printed("改造比例（%）", 2),
                     Printed("单位排序", 2), Printed("备注", 2),
                     Printed("累积完成量"), Printed("月调查增量"), Printed("累积完成量"), Printed("月增改造量")],
        .residential: ["序号", "县（市、区）", "旧住宅区名称", "地址", "建设时间", "改造类型", "改造具体内容", "计划开始改造年度",
                       "计划改造完成年度", "总体建设进度"].map { Printed($0) },
        .register: [Printed("编号", 2), Printed("厂区名称", 2), Printed("厂房具体位置", 2), Printed("控规是否覆盖", 2),
                    Printed("建筑情况描述"), Printed("生产情况"), Printed("厂区总面积"), Printed("建筑占地面积"), Printed("总建筑面积"),
                    Printed("材料、结构、外观、年份"), Printed("产品、产量"), Printed("万平方米"), Printed("万平方米"), Printed("万平方米")],
    ]

    /// The lines each original prints above its table and below it, label by label.
    static let lines: [MonthlyForm: (above: [String], below: [String])] = [
        .greening: (["县（市、区）（公章）：曲靖市某局"], ["填表人：张三", "联系电话：0874-1234567", "填表日期：2018年12月24日"]),
        .factories: (["州（市）名称：", "填报单位（盖章）：曲靖市某局"],
                     ["注：1.2016年主要任务为旧厂区普查统计；", "2.2017年开始，主要任务为统计改造情况；", "3.改造比例=月改造量/余下总量×100%。",
                      "填表人：张三", "联系电话：0874-1234567", "填表日期：2018年12月24日"]),
        .residential: (["盖章：曲靖市某局", "本表数据截止时间：2018年3月25日", "填报时间：2018年12月24日"],
                       ["注：1.建设进度，填报格式为：未启动、前期、改造中、已竣工；", "负责人：", "填报人：张三", "联系电话：0874-1234567"]),
        .register: (["市（县）名称：", "填报单位（盖章）：曲靖市某局"],
                    ["填表说明：1.厂房具体位置需在市（县）域卫星图或地形图上标注后附图上报；", "填表人：张三"]),
    ]

    /// "C12" as a zero-based row and column.
    static func position(_ coordinate: String) -> (row: Int, column: Int) {
        let letters = coordinate.prefix { $0.isLetter }, digits = coordinate.drop { $0.isLetter }
        let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        return (Int(digits)! - 1, column)
    }

    @Test(arguments: [MonthlyForm.greening, .factories, .residential, .register])
    func theWorkbookHasTheOriginalsLayoutAndTheFiguresAsNumbers(_ form: MonthlyForm) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try ProgrammeInventory.read(project: MonthlyFormTests().project(in: folder))
        let table = try form.table(data, try ReportingPeriod(parsing: "2018-03"))
        let signature = FormSignature(unit: "曲靖市某局", preparer: "张三", phone: "0874-1234567", date: "2018-12-24")
        let out = folder.appendingPathComponent("forms").path
        try table.write(to: out, name: form.rawValue, signature: signature)
        let script = try TestSupport.write(TestSupport.workbookReader, to: "read.py", in: folder)
        let run = try TestSupport.run(TestSupport.python, [script, "\(out)/\(form.rawValue).xlsx"])
        try #require(run.status == 0, "\(run.stderr)")
        let read = try TestSupport.json(run.stdout)
        let cells = try #require(read["cells"] as? [String: [Any]])
        var spans: [String: (rows: Int, columns: Int)] = [:]
        for range in read["merged"] as? [String] ?? [] {
            let corners = range.split(separator: ":").map { Self.position(String($0)) }
            spans[range.split(separator: ":")[0].description] = (corners[1].row - corners[0].row + 1, corners[1].column - corners[0].column + 1)
        }
        // The header rows are the ones printed on every page: "$4:$5".
        let titles = try #require(read["titles"] as? String).split(separator: ":").compactMap { Int($0.dropFirst()) }
        let headerRows = (titles[0] - 1)...(titles[1] - 1)
        let printed = cells.map { (Self.position($0.key), $0) }.filter { headerRows.contains($0.0.row) }
            .sorted { ($0.0.row, $0.0.column) < ($1.0.row, $1.0.column) }
            .map { position, cell in Printed((cell.value[0] as? String ?? "?").replacingOccurrences(of: "\n", with: ""), spans[cell.key]?.rows ?? 1, spans[cell.key]?.columns ?? 1) }
        #expect(printed == Self.originals[form], "\(printed)")

        // The title first, the lines above the headers, and those below the table.
        // A line left to fill by hand ends in a rule.
        let texts = cells.map { (Self.position($0.key), ($0.value[0] as? String)?.trimmingCharacters(in: CharacterSet(charactersIn: "_"))) }.sorted { ($0.0.row, $0.0.column) < ($1.0.row, $1.0.column) }
        #expect(texts.first?.1 == form.title)
        let above = texts.filter { $0.0.row < headerRows.lowerBound && $0.0.row > 1 }.compactMap(\.1)
        let lastRow = headerRows.upperBound + table.rows.count
        let below = texts.filter { $0.0.row > lastRow }.compactMap(\.1)
        let expected = try #require(Self.lines[form])
        #expect(above == expected.above, "\(above)")
        #expect(expected.below.allSatisfy(below.contains), "\(below)")

        // Every figure is a number with the form's decimals, every entry text, and no cell a formula.
        for (offset, row) in table.rows.enumerated() {
            for (column, cell) in row.enumerated() {
                let name = String(UnicodeScalar(65 + column)!) + String(headerRows.upperBound + 2 + offset)
                switch cell {
                case let .number(_, decimals):
                    let found = try #require(cells[name], "\(name)")
                    #expect(found[0] as? Double == cell.shown && found[1] as? String == "n", "\(name): \(found)")
                    #expect(found[2] as? String == (decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals)), "\(name)")
                case let .text(text):
                    #expect(text.isEmpty ? cells[name] == nil : (cells[name]?[0] as? String == text && cells[name]?[1] as? String == "s"),
                            "\(name)")
                }
            }
        }
        #expect(!cells.values.contains { $0[1] as? String == "f" })
        #expect(read["orientation"] as? String == "landscape" && read["paper"] as? Int == 9)
        #expect(read["fitWidth"] as? Int == 1 && read["fitHeight"] as? Int == 0 && read["fit"] as? Bool == true)
    }

    /// 合计 as printed: the sum of the figures printed above it, read from the workbook.
    @Test func totalsAreTheSumOfThePrintedRows() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try ProgrammeInventory.read(project: MonthlyFormTests().project(in: folder))
        let out = folder.appendingPathComponent("forms").path
        for form in [MonthlyForm.greening, .factories] {
            try form.table(data, try ReportingPeriod(parsing: "2018-03")).write(to: out, name: form.rawValue)
        }
        let script = try TestSupport.write(TestSupport.workbookReader, to: "read.py", in: folder)
        for (form, columns) in [("greening", ["F", "G", "H", "I", "J"]), ("factories", ["B", "C", "D", "E"])] {
            let run = try TestSupport.run(TestSupport.python, [script, "\(out)/\(form).xlsx"])
            let cells = try #require(try TestSupport.json(run.stdout)["cells"] as? [String: [Any]])
            let totalRow = try #require(cells.first { $0.value[0] as? String == "合计" }.map { Self.position($0.key).row + 1 })
            let firstRow = totalRow - data.units.count
            for column in columns {
                let above = (firstRow..<totalRow).map { cells["\(column)\($0)"]?[0] as? Double ?? 0 }.reduce(0, +)
                let total = try #require(cells["\(column)\(totalRow)"]?[0] as? Double)
                #expect(abs(total - above) < 1e-9, "\(form) \(column): \(total) vs \(above)")
            }
        }
    }
}
