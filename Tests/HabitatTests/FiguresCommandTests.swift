import Foundation
import Testing
import TestSupport

/// The monthly figures workbook, end to end through the built `habitat`: its layout checked against
/// the reference form's text and read by openpyxl and GDAL; figures typed into it by openpyxl come back
/// in the forms' workbooks cell for cell; bad workbooks are refused whole; submitted months lock.
@Suite struct FiguresCommandTests {
    static let greening = "提升城市绿化品质工作进度表", housing = "曲靖市保障性安居工程建设进展情况月报表"
    static let helper = TestSupport.root.appendingPathComponent("Tests/HabitatTests/Helpers/figures_workbook.py").path

    func habitat(_ arguments: [String]) throws -> TestSupport.Run { try TestSupport.run(TestSupport.habitat, arguments) }

    func succeed(_ arguments: [String]) throws -> String {
        let run = try habitat(arguments)
        try #require(run.status == 0, "habitat \(arguments.joined(separator: " ")): \(run.stderr)")
        return run.stdout
    }

    /// Makes `project` and a blank figures workbook for 2018-03 beside it; the workbook's path.
    func initWithBlankMarch(_ project: String, in folder: URL) throws -> String {
        _ = try succeed(["init", project])
        let template = folder.appendingPathComponent("blank.xlsx").path
        _ = try succeed(["template", "figures", "--month", "2018-03", template])
        return template
    }

    func python(_ arguments: [String]) throws -> String {
        let run = try TestSupport.run(TestSupport.python, arguments)
        try #require(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    /// Every sheet's rows of cell values as openpyxl reads them.
    func sheets(_ path: String) throws -> [String: [[Any]]] {
        try TestSupport.json(python([Self.helper, "read", path])).mapValues { $0 as! [[Any]] }
    }

    /// The cell at an Excel address ("D6") of rows read by openpyxl; NSNull where empty.
    static func cell(_ rows: [[Any]], _ address: String) -> Any {
        let letters = address.prefix { $0.isLetter }, row = Int(address.dropFirst(letters.count))! - 1
        let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        return row < rows.count && column < rows[row].count ? rows[row][column] : NSNull()
    }

    static func address(_ row: Int, _ column: Int) -> String { "\(UnicodeScalar(65 + column)!)\(row)" }

    /// The reference's housing rows (说明 aside): each row's label and, for the rows with a cell in
    /// every column, which of its 16 cells print ——.
    static func referenceRows() throws -> [(label: String, dashes: [Bool]?)] {
        let text = try String(contentsOf: TestSupport.shared!.appendingPathComponent("reference/000_f9e6d49306978cae.txt"), encoding: .utf8)
        let start = try #require(text.range(of: "\t1-7合计\n")), end = try #require(text.range(of: "负责人：", range: start.upperBound..<text.endIndex))
        return text[start.lowerBound..<end.lowerBound].components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let label = lines.first, !label.isEmpty else { return nil }
            let cells = lines.dropFirst()
            return (label.replacingOccurrences(of: " ", with: ""), cells.count == 16 ? cells.map { $0 == "——" } : nil)
        }
    }

    @Test(.enabled(if: TestSupport.shared != nil, "../shared/reference is not beside the project"))
    func templateIsLaidOutAsTheReferenceForm() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("figures.xlsx").path
        _ = try succeed(["template", "figures", "--month", "2018-03", path])

        // GDAL sees one layer per form.
        let info = try TestSupport.run("ogrinfo", ["-ro", "-q", path])
        #expect(info.stdout.contains(Self.greening) && info.stdout.contains(Self.housing), "\(info.stdout)")

        let book = try sheets(path)
        let housing = try #require(book[Self.housing]), greening = try #require(book[Self.greening])
        #expect(Self.cell(housing, "A2") as? String == "统计期间：2017年12月26日至2018年3月25日；本月：2018年2月26日至2018年3月25日")
        // Every header of the reference, in the header rows.
        let headers = Set((3..<8).flatMap { housing[$0] }.compactMap { ($0 as? String)?.replacingOccurrences(of: "\n", with: "") })
        for header in ["分类指标", "年度计划投资", "2016年1月至报告期末", "棚户区征收情况", "保障性住房（棚户区安置房）建设情况", "完成投资", "入住套数",
                       "签订征收补偿协议户数", "征收面积", "新开工", "基本建成", "竣工", "合计", "其中：新建安置住房安置", "其中：货币化安置",
                       "套数", "面积", "其中：改、扩、翻建套数", "政府收购房源安置", "政府搭桥，居民选购商品房安置", "居民自由支配货币补偿款"] {
            #expect(headers.contains(header), "\(header)")
        }
        // The rows in the reference's order, —— where the reference prints it.
        let reference = try Self.referenceRows()
        #expect(reference.count == 13)
        for (offset, row) in reference.enumerated() {
            let cells = housing[8 + offset]
            #expect(cells[0] as? String == row.label)
            if let dashes = row.dashes {
                #expect(cells[1...16].map { ($0 as? String) == "——" } == dashes, "\(row.label)")
            }
        }
        // The rent subsidy (说明 6): the plan in 年度计划投资, households paid in 新开工套数 and newly paid in 竣工套数, the money in 完成投资.
        #expect(housing[20][1...16].enumerated().filter { !($0.element is String) }.map(\.offset) == [0, 7, 12, 14])
        #expect(greening[5][0] as? String == "麒麟区" && greening[14][0] as? String == "经开区" && greening[15][0] as? String == "合计")
        // 530304 as the programme's documents (and so its forms) name it: 马龙县, never 马龙区 (issue 13).
        let documents = try String(contentsOf: TestSupport.shared!.appendingPathComponent("reference/000_f9e6d49306978cae.txt"), encoding: .utf8)
        #expect(documents.contains("马龙县") && !documents.contains("马龙区"))
        #expect(greening[7][0] as? String == "马龙县")
        #expect(greening[3].compactMap { $0 as? String }.contains("国家级、省级创园开展情况"))
    }

    /// Two counties type their March into the workbook (麒麟区 its January and the December before
    /// too); the city's forms and 麒麟区's own show each typed value where it was typed, the city's the
    /// two counties' sum, 合计 and 小计 the sums of their rows, 本年累计 the sum of January and March.
    @Test(arguments: TestStore.allCases) func typedFiguresComeBackInTheFormsCellForCell(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try store.newProject(in: folder)
        _ = try succeed(["init", project])
        var typed: [String: [String: [String: [String: Any]]]] = [:]  // month → county → sheet → cell → value
        for (month, county, seed) in [("2018-03", "麒麟区", "1"), ("2018-03", "沾益区", "2"), ("2018-01", "麒麟区", "3"), ("2017-12", "麒麟区", "4")] {
            let template = folder.appendingPathComponent("blank-\(month).xlsx").path, filled = folder.appendingPathComponent("\(county)-\(month).xlsx").path
            _ = try succeed(["template", "figures", "--month", month, template])
            typed[month, default: [:]][county] = try TestSupport.json(python([Self.helper, "fill", template, filled, county, seed]))
                .mapValues { $0 as! [String: Any] }
            _ = try succeed(["figures", "import", project, filled, "--district", county])
        }
        func typedCell(_ month: String, _ county: String, _ sheet: String, _ address: String) -> Any? {
            typed[month]?[county]?[sheet]?[address]
        }
        func number(_ value: Any?) -> Double? { value as? Double ?? (value as? Int).map(Double.init) }
        let out = folder.appendingPathComponent("forms").path, own = folder.appendingPathComponent("own").path
        for form in ["greening", "housing"] {
            _ = try succeed(["report", project, form, "--month", "2018-03", "--out", out])
            _ = try succeed(["report", project, form, "--month", "2018-03", "--district", "麒麟区", "--out", own])
        }

        // Greening: rows 麒麟区 and 沾益区 (the project knows no other county), then 合计.
        let greening = try #require(try sheets("\(out)/greening.xlsx")[Self.greening])
        var investment = 0.0, yearToDate = 0.0
        for (row, county) in [(6, "麒麟区"), (7, "沾益区")] {
            #expect(Self.cell(greening, "A\(row)") as? String == county)
            for column in ["B", "C"] {
                #expect(Self.cell(greening, "\(column)\(row)") as? String == typedCell("2018-03", county, Self.greening, "\(column)\(row)") as? String)
            }
            // The template lists 麒麟区 and 沾益区 first too: the same rows.
            let march = try #require(number(typedCell("2018-03", county, Self.greening, "D\(row)")))
            let january = number(typedCell("2018-01", county, Self.greening, "D\(row)")) ?? 0
            #expect(abs((Self.cell(greening, "D\(row)") as? Double ?? .nan) - march) < 0.005)
            #expect(abs((Self.cell(greening, "E\(row)") as? Double ?? .nan) - (march + january)) < 0.005)
            investment += march
            yearToDate += march + january
        }
        #expect(Self.cell(greening, "A8") as? String == "合计")
        #expect(abs((Self.cell(greening, "D8") as? Double ?? .nan) - investment) < 0.01)
        #expect(abs((Self.cell(greening, "E8") as? Double ?? .nan) - yearToDate) < 0.01)

        // Housing: the city's form sums both counties; 麒麟区's its own.
        let template = try #require(try sheets(folder.appendingPathComponent("blank-2018-03.xlsx").path)[Self.housing])
        for (path, counties) in [("\(out)/housing.xlsx", ["麒麟区", "沾益区"]), ("\(own)/housing.xlsx", ["麒麟区"])] {
            let form = try #require(try sheets(path)[Self.housing])
            var expected: [String: Double] = [:]
            func value(_ row: Int, _ column: Int) -> Double? {
                let address = Self.address(row, column)
                if let known = expected[address] { return known }
                let entered = counties.compactMap { number(typedCell("2018-03", $0, Self.housing, address)) }
                let parts: [Int] = row == 9 ? [10, 14, 15, 16, 18, 19, 20] : row == 10 && entered.isEmpty ? [11, 12, 13] : []
                let sum = entered.isEmpty ? parts.compactMap { value($0, column) }.reduce(0, +) : entered.reduce(0, +)
                expected[address] = sum
                return sum
            }
            var checked = 0
            for row in 9...21 {
                #expect(Self.cell(form, "A\(row)") as? String == Self.cell(template, "A\(row)") as? String)
                for column in 1...16 {
                    let address = Self.address(row, column), shown = Self.cell(form, address)
                    if Self.cell(template, address) as? String == "——" {
                        #expect(shown as? String == "——", "\(address)")
                    } else {
                        let want = try #require(value(row, column))
                        #expect(abs((number(shown) ?? .nan) - want) < 0.005, "\(path) \(address): \(shown) ≠ \(want)")
                        checked += 1
                    }
                }
            }
            // Every cell but the ——: 7 in 小计, 8 in 新建改建, 12 each in 购买 and 长期租赁, 7 each in rows 2 and 3, 12 in the rent subsidy.
            #expect(checked == 13 * 16 - 65)
        }
    }

    /// Bad workbooks are refused whole, each problem naming its sheet, row and column; nothing lands.
    /// The clerks' trial (issue 13): "12,5" typed as text was imported as 125, 1e3 as 1000; a
    /// district outside the programme could be submitted.
    @Test func commasExponentsAndOtherDistrictsAreRefused() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("qujing.gpkg").path
        let template = try initWithBlankMarch(project, in: folder)
        let filled = folder.appendingPathComponent("filled.xlsx").path
        _ = try python(["-c", """
            import sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            book[sys.argv[3]]["D6"] = "12,5"
            book[sys.argv[4]]["B16"] = "1e3"
            book[sys.argv[4]]["I16"] = "１２"
            book.save(sys.argv[2])
            """, template, filled, Self.greening, Self.housing])
        let run = try habitat(["figures", "import", project, filled, "--district", "麒麟区"])
        #expect(run.status == 1)
        for problem in ["sheet \(Self.greening), row 6, column D", "'12,5' is not a plain number",
                        "sheet \(Self.housing), row 16, column B", "'1e3' is not a plain number", "filled.xlsx: 2 problem(s), nothing imported"] {
            #expect(run.stderr.contains(problem), "\(problem)\n\(run.stderr)")
        }
        #expect(try succeed(["figures", "show", project, "--format", "csv"]).split(separator: "\r\n").count == 1)

        for arguments in [["figures", "submit", project, "--district", "999999", "--month", "2018-03"],
                          ["figures", "import", project, filled, "--district", "999999"]] {
            let other = try habitat(arguments)
            #expect(other.status != 0 && other.stderr.contains("999999"), "\(other.stderr)")
        }
        #expect(try habitat(["figures", "status", project, "--month", "2018-03", "--format", "csv"]).stdout.contains("999999") == false)
        // One name for 530304 on the command line as on the forms, whichever name the clerk types.
        let malong = try succeed(["figures", "submit", project, "--district", "马龙区", "--month", "2018-03"])
        #expect(malong.hasPrefix("马龙县 2018-03"), "\(malong)")
        let status = try succeed(["figures", "status", project, "--month", "2018-03", "--format", "csv"])
        #expect(status.contains("马龙县,530304") && !status.contains("马龙区"), "\(status)")
        // The time in China, as GNU date says for the instant the project keeps (issue 13: UTC was printed).
        let kept = try TestSupport.run("ogrinfo", ["-ro", "-q", "-sql", "SELECT at FROM figure_submissions WHERE district = '530304'", project])
        let instant = try #require(kept.stdout.components(separatedBy: "at (String) = ").last?.prefix(24)).description
        let china = try TestSupport.run("/usr/bin/env", ["TZ=Asia/Shanghai", "date", "-d", instant, "+%Y-%m-%d %H:%M"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(instant.hasSuffix("Z") && status.contains("马龙县,530304,submitted late,\(china)"), "\(instant) \(china)\n\(status)")
    }

    /// A formula openpyxl wrote has no value calculated (openpyxl with data_only reads None, GDAL
    /// nothing): it was skipped with exit 0 and "0 figure(s)" (issue 13); it is refused, named.
    @Test func aFormulaWithoutItsValueIsRefused() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("qujing.gpkg").path
        let template = try initWithBlankMarch(project, in: folder)
        let filled = folder.appendingPathComponent("formula.xlsx").path
        let cached = try python(["-c", """
            import sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            book[sys.argv[3]]["D6"] = "=40+45"
            book[sys.argv[4]]["B16"] = 100
            book.save(sys.argv[2])
            print(openpyxl.load_workbook(sys.argv[2], data_only=True)[sys.argv[3]]["D6"].value)
            """, template, filled, Self.greening, Self.housing])
        #expect(cached.trimmingCharacters(in: .whitespacesAndNewlines) == "None")
        let run = try habitat(["figures", "import", project, filled, "--district", "麒麟区"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("sheet \(Self.greening), row 6, column D: a formula with no value calculated"), "\(run.stderr)")
        #expect(run.stderr.contains("formula.xlsx: 1 problem(s), nothing imported"), "\(run.stderr)")
        #expect(try succeed(["figures", "show", project, "--format", "csv"]).split(separator: "\r\n").count == 1)
    }

    @Test(arguments: TestStore.allCases) func badWorkbooksAreRefusedWhole(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try store.newProject(in: folder)
        let template = try initWithBlankMarch(project, in: folder)
        func typed(_ name: String, _ cells: [String: [String: Any]]) throws -> String {
            let path = folder.appendingPathComponent(name).path
            let cellsJSON = String(decoding: try JSONSerialization.data(withJSONObject: cells), as: UTF8.self)
            _ = try python(["-c", """
                import json, sys, openpyxl
                book = openpyxl.load_workbook(sys.argv[1])
                for sheet, cells in json.loads(sys.argv[3]).items():
                    for address, value in cells.items():
                        book[sheet][address] = value
                book.save(sys.argv[2])
                """, template, path, cellsJSON])
            return path
        }
        let bad = try typed("bad.xlsx", [
            Self.greening: ["D6": "一百", "A15": "某县", "B15": "已申报", "E7": 5],
            Self.housing: ["C16": -3, "I11": 2.5, "C9": 10, "C10": 4, "B16": 100],
        ])
        let run = try habitat(["figures", "import", project, bad, "--district", "麒麟区"])
        #expect(run.status == 1)
        for problem in ["sheet \(Self.greening), row 6, column D (绿化投资完成情况（单位：万元） 本月新增投资量)", "'一百' is not a plain number",
                        "sheet \(Self.greening), row 15, column A (县（市、区）): unknown county '某县'",
                        "sheet \(Self.greening), row 7, column A (县（市、区）): figures of 沾益区, but --district names 麒麟区",
                        "sheet \(Self.housing), row 16, column C (2016年1月至报告期末 棚户区征收情况 签订征收补偿协议户数 合计)",
                        "-3 is negative",
                        "sheet \(Self.housing), row 11, column I", "is not a whole number",
                        "sheet \(Self.housing), row 9, column C", "habitat adds up from the rows below",
                        "sheet \(Self.housing), row 10, column C", "the form does not ask for"] {
            #expect(run.stderr.contains(problem), "\(problem)\n\(run.stderr)")
        }
        #expect(run.stderr.contains("bad.xlsx: 7 problem(s), nothing imported"), "\(run.stderr)")
        // The good cells (B16 of housing, 城市棚户区's plan) did not land either.
        #expect(try succeed(["figures", "show", project, "--format", "csv"]).split(separator: "\r\n").count == 1)

        // Without --district the housing form has no county; with a month other than the form's, the month is wrong.
        let housingOnly = try typed("housing.xlsx", [Self.housing: ["B16": 100]])
        let noCounty = try habitat(["figures", "import", project, housingOnly])
        #expect(noCounty.status == 1 && noCounty.stderr.contains("the housing form is one county's: name it with --district"), "\(noCounty.stderr)")
        let otherMonth = try habitat(["figures", "import", project, housingOnly, "--district", "麒麟区", "--month", "2018-04"])
        #expect(otherMonth.status == 1 && otherMonth.stderr.contains("the form is for 2018-03, not 2018-04"), "\(otherMonth.stderr)")

        // A submitted month is locked until the city reopens it.
        _ = try succeed(["figures", "submit", project, "--district", "麒麟区", "--month", "2018-03"])
        let locked = try habitat(["figures", "import", project, housingOnly, "--district", "530302"])
        #expect(locked.status == 1 && locked.stderr.contains("housing.xlsx: 麒麟区 has submitted 2018-03: its figures are locked"), "\(locked.stderr)")
        #expect(try succeed(["figures", "status", project, "--month", "2018-03"]).contains("麒麟区  530302  submitted late"))
        _ = try succeed(["figures", "reopen", project, "--district", "麒麟区", "--month", "2018-03"])
        _ = try succeed(["figures", "import", project, housingOnly, "--district", "530302"])
        let shown = try succeed(["figures", "show", project, "--format", "csv"])
        #expect(shown.contains("麒麟区,2018-03,housing.shantytown.plan_investment,4、城市棚户区 年度计划投资,100,万元,habitat-cli,"), "\(shown)")
    }
}
