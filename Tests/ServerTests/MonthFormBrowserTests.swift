import Foundation
import Inventory
import Testing
import TestSupport

/// The monthly loop in a real browser: a county's clerk fills the month form in headless Chromium
/// (typed into each field over the DevTools protocol), saves and submits it; the city's greening and
/// housing forms, downloaded from the server as XLSX and read by openpyxl, then show the typed
/// values cell for cell; the city page lists the county as submitted (late: 2018 is long past) and
/// the others as not; the county cannot write a neighbour's month, and the city reopens.
@Suite(.serialized) struct MonthFormBrowserTests {
    static let greening = "提升城市绿化品质工作进度表", housing = "曲靖市保障性安居工程建设进展情况月报表"

    func habitat(_ arguments: [String]) throws {
        let run = try TestSupport.run(TestSupport.habitat, arguments)
        try #require(run.status == 0, "habitat \(arguments.joined(separator: " ")): \(run.stderr)")
    }

    func account(_ project: String, _ name: String, _ scope: [String], _ password: String) throws {
        try habitat(["account", "add", project, name] + scope)
        let set = try TestSupport.run("/bin/sh", ["-c", "printf '%s\\n' \"$0\" | \"$1\" account password \"$2\" \"$3\"",
                                                  password, TestSupport.habitat, project, name])
        try #require(set.status == 0, "\(set.stderr)")
    }

    func token(_ server: RunningServer, _ name: String, _ password: String) throws -> String {
        let answer = try server.post("/login", body: "{\"name\":\"\(name)\",\"password\":\"\(password)\"}")
        try #require(answer.status == 200, "\(answer)")
        return try #require(try TestSupport.json(answer.body)["token"] as? String)
    }

    /// Every sheet of a workbook as openpyxl reads it: rows of cell values.
    func sheets(_ path: String) throws -> [String: [[Any]]] {
        let run = try TestSupport.run(TestSupport.python, ["-c", """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            print(json.dumps({s.title: [[c.value for c in row] for row in s.iter_rows()] for s in book.worksheets}, ensure_ascii=False))
            """, path])
        try #require(run.status == 0, "\(run.stderr)")
        return try TestSupport.json(run.stdout).mapValues { $0 as! [[Any]] }
    }

    /// A value for every figure a county enters, different from each other: words for the text,
    /// whole numbers for counts, hundredths for amounts.
    /// 其中 cells stay within the cells they are part of (the library refuses them otherwise):
    /// wholes from 100000, 城市棚户区 from 1000000 with its 其中 columns from 100000, 城中村 from 50000.
    static func typedValues() -> [String: String] {
        let partColumns: Set<Substring> = ["agreements_new_housing", "agreements_bought", "agreements_brokered", "agreements_free_cash",
                                           "started_rebuilt_units"]
        return Dictionary(uniqueKeysWithValues: FigureKey.all.enumerated().map { index, key in
            let names = key.key.split(separator: "."), part = names.count == 3 && partColumns.contains(names[2])
            let base: Double = switch names.count == 3 ? String(names[1]) : "" {
            case "shantytown": part ? 100_000 : 1_000_000
            case "urban_village": part ? 0 : 50_000
            default: part ? 0 : 100_000
            }
            return switch key.kind {
            case .text: (key.key, "第\(index)项说明")
            case .count: (key.key, String(Int(base) + 17 + index * 7))
            case .amount: (key.key, String(format: "%.2f", base + 100 + Double(index) * 13.37))
            }
        })
    }

    @Test func aCountysMonthFilledInChromiumAppearsInTheCitysForms() throws {
        let folder = try TestSupport.temporaryFolder("month-form")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("qujing.gpkg").path
        try habitat(["init", project])
        try account(project, "qilin", ["--district", "530302"], "麒麟-password-1")
        try account(project, "city", ["--city"], "city-password-1")
        let server = try RunningServer(project: project)
        defer { server.stop() }

        let typed = Self.typedValues()
        let json = String(decoding: try JSONSerialization.data(withJSONObject: typed), as: UTF8.self)
        let helper = TestSupport.root.appendingPathComponent("Tests/ServerTests/Helpers/fill_month_form.py").path
        let browser = try TestSupport.run(TestSupport.python, [helper, server.base, "qilin", "麒麟-password-1", "/figures/530302/2018-03",
                                                               json, folder.appendingPathComponent("chromium").path])
        try #require(browser.status == 0, "\(browser.stderr)")
        let result = try TestSupport.json(browser.stdout)
        #expect((result["status"] as? String)?.hasPrefix("逾期上报") == true, "\(result)")
        let saved = try #require(result["saved"] as? [String: String])
        #expect(saved.count == typed.count)

        // The city's forms, downloaded as XLSX.
        let city = try token(server, "city", "city-password-1")
        func download(_ form: String, _ query: String = "") throws -> [[Any]] {
            let file = folder.appendingPathComponent("\(form)\(query.isEmpty ? "" : "-county").xlsx").path
            let run = try TestSupport.run("curl", ["-s", "-f", "-o", file, "-H", "Authorization: Bearer \(city)",
                                                   "\(server.base)/forms/\(form)?month=2018-03&f=xlsx\(query)"])
            try #require(run.status == 0, "\(form): curl exit \(run.status)")
            return try #require(try sheets(file).values.first)
        }
        func number(_ value: Any?) -> Double? { value as? Double ?? (value as? Int).map(Double.init) }

        let greening = try download("greening")
        // Title, period line, 县（市、区）（公章）, two header rows; then 麒麟区 (the only county with anything), then 合计.
        #expect(greening[5][0] as? String == "麒麟区" && greening[6][0] as? String == "合计")
        #expect(greening[5][1] as? String == typed[FigureKey.greeningAward])
        #expect(greening[5][2] as? String == typed[FigureKey.greeningPlan])
        let investment = try #require(Double(typed[FigureKey.greeningInvestment]!))
        #expect(number(greening[5][3]) == investment && number(greening[5][4]) == investment && number(greening[6][3]) == investment)

        for form in [try download("housing"), try download("housing", "&district=530302")] {
            var checked = 0
            for (offset, row) in HousingLayout.rows.enumerated() {
                let cells = form[8 + offset]
                #expect(cells[0] as? String == row.label)
                for column in row.entered {
                    let index = HousingLayout.columns.firstIndex(of: column)! + 1
                    let want = try #require(Double(typed[HousingLayout.key(row, column)]!))
                    #expect(number(cells[index]) == want, "\(row.label) \(column.name): \(cells[index]) ≠ \(want)")
                    checked += 1
                }
            }
            #expect(checked == FigureKey.all.count - FigureKey.greening.count)
        }

        // The city page: 麒麟区 submitted (late), the others not.
        let page = try server.send("GET", "/figures?month=2018-03", headers: ["Authorization: Bearer \(city)"])
        #expect(page.status == 200)
        #expect(page.body.contains("<tr class=\"late\"><td><a href=\"/figures/530302/2018-03\">麒麟区</a></td><td>逾期上报</td>"), "\(page.body)")
        #expect(page.body.components(separatedBy: "<td>未上报</td>").count - 1 == 9)
        // Times as China reads them (the trial saw UTC instants under a 北京时间 deadline).
        #expect(page.body.contains("<th>上报时间（北京时间）</th>") && !page.body.contains("Z</td>"), "\(page.body)")

        // The county writes only its own district, and not its submitted month; the city reopens.
        let qilin = try token(server, "qilin", "麒麟-password-1")
        let form = "application/x-www-form-urlencoded"
        let neighbour = try server.send("POST", "/figures/530303/2018-03", headers: ["Authorization: Bearer \(qilin)"],
                                        body: "greening.investment_month=5", type: form)
        #expect(neighbour.status == 403, "\(neighbour)")
        let locked = try server.send("POST", "/figures/530302/2018-03", headers: ["Authorization: Bearer \(qilin)"],
                                     body: "greening.investment_month=5", type: form)
        #expect(locked.status == 409, "\(locked)")
        #expect(try server.send("POST", "/figures/530302/2018-03/reopen", headers: ["Authorization: Bearer \(qilin)"], body: "", type: form).status == 403)
        #expect(try server.send("POST", "/figures/530302/2018-03/reopen", headers: ["Authorization: Bearer \(city)"], body: "", type: form).status == 303)
        let again = try server.send("POST", "/figures/530302/2018-03", headers: ["Authorization: Bearer \(qilin)"],
                                    body: "greening.investment_month=5", type: form)
        #expect(again.status == 303, "\(again)")
        // Nobody signed in is refused.
        #expect(try server.send("POST", "/figures/530302/2018-03", body: "greening.investment_month=6", type: form).status == 401)
    }
}
