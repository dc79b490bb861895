import Foundation
import Testing
import GeoCore
import TestSupport
@testable import Inventory

/// Figures entered per county and month, and their submission, in both stores: what a county may
/// write, the lock of a submitted month, and the deadline (the 25th, China time) checked by `date`.
@Suite struct MonthlyFiguresTests {
    static let investment = FigureKey.greeningInvestment
    static let county = Editor(name: "qilin-clerk", scope: .district("530302"))
    static let city = Editor(name: "city-office", scope: .city)

    func project(_ store: TestStore, in folder: URL) throws -> String {
        let path = try store.newProject(in: folder)
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
        return path
    }

    /// The day in Asia/Shanghai of an instant, as GNU date (with the system's tz database) says.
    static func shanghaiDay(_ instant: String) throws -> Int {
        let run = try TestSupport.run("/usr/bin/env", ["TZ=Asia/Shanghai", "date", "-d", instant, "+%d"])
        return Int(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines))!
    }

    @Test(arguments: TestStore.allCases) func aCountyWritesItsOwnMonthUntilItSubmits(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(store, in: folder)
        // A project made before figures were kept has none, and gains the tables with its first entry.
        #expect(try ProjectFile.open(path).monthlyFigures().entries.isEmpty)

        try ProjectFile.enterFigures(path, [("530302", "2018-03", Self.investment, .number(12.5)),
                                            ("530302", "2018-03", FigureKey.greeningAward, .text("已申报"))], by: Self.county)
        try ProjectFile.enterFigures(path, [("530302", "2018-03", Self.investment, .number(20))], by: Self.county)
        let figures = try ProjectFile.open(path).monthlyFigures()
        #expect(figures.value("530302", "2018-03", Self.investment) == .number(20))
        #expect(figures.value("530302", "2018-03", FigureKey.greeningAward) == .text("已申报"))
        #expect(figures.entries.count == 3 && figures.entries.allSatisfy { $0.enteredBy == "qilin-clerk" })
        #expect(figures.current("530302", "2018-03").map(\.key) == [FigureKey.greeningAward, Self.investment])

        // Refused whole: another county's figure beside its own, words in a number, a negative count.
        #expect(throws: FiguresError.outOfScope(editor: "qilin-clerk", district: "530303")) {
            try ProjectFile.enterFigures(path, [("530302", "2018-03", Self.investment, .number(1)),
                                                ("530303", "2018-03", Self.investment, .number(1))], by: Self.county)
        }
        let units = try #require(FigureKey.named("housing.shantytown.started_units"))
        #expect(throws: FiguresError.negative(units, -1)) {
            try ProjectFile.enterFigures(path, [("530302", "2018-03", units.key, .number(-1))], by: Self.county)
        }
        #expect(throws: FiguresError.wrongKind(units, .number(1.5))) {
            try ProjectFile.enterFigures(path, [("530302", "2018-03", units.key, .number(1.5))], by: Self.county)
        }
        #expect(throws: FiguresError.wrongKind(try #require(FigureKey.named(Self.investment)), .text("一百"))) {
            try ProjectFile.enterFigures(path, [("530302", "2018-03", Self.investment, .text("一百"))], by: Self.county)
        }
        #expect(throws: FiguresError.unknownKey("housing.nowhere")) {
            try ProjectFile.enterFigures(path, [("530302", "2018-03", "housing.nowhere", .number(1))], by: Self.city)
        }
        #expect(try ProjectFile.open(path).monthlyFigures().entries.count == 3)

        // Submitted, the month locks; only the city reopens it; then the county writes again.
        try ProjectFile.submitFigures(path, district: "530302", month: "2018-03", by: Self.county)
        #expect(throws: FiguresError.submitted(district: "530302", month: "2018-03")) {
            try ProjectFile.enterFigures(path, [("530302", "2018-03", Self.investment, .number(30))], by: Self.county)
        }
        #expect(throws: FiguresError.submitted(district: "530302", month: "2018-03")) {
            try ProjectFile.submitFigures(path, district: "530302", month: "2018-03", by: Self.county)
        }
        #expect(throws: FiguresError.cityOnly(editor: "qilin-clerk")) {
            try ProjectFile.reopenFigures(path, district: "530302", month: "2018-03", by: Self.county)
        }
        #expect(throws: FiguresError.outOfScope(editor: "qilin-clerk", district: "530303")) {
            try ProjectFile.submitFigures(path, district: "530303", month: "2018-03", by: Self.county)
        }
        #expect(throws: FiguresError.notSubmitted(district: "530303", month: "2018-03")) {
            try ProjectFile.reopenFigures(path, district: "530303", month: "2018-03", by: Self.city)
        }
        // Another month of the same county is not locked.
        try ProjectFile.enterFigures(path, [("530302", "2018-04", Self.investment, .number(5))], by: Self.county)
        try ProjectFile.reopenFigures(path, district: "530302", month: "2018-03", by: Self.city)
        try ProjectFile.enterFigures(path, [("530302", "2018-03", Self.investment, .number(30))], by: Self.county)
        #expect(try ProjectFile.open(path).monthlyFigures().value("530302", "2018-03", Self.investment) == .number(30))
        let events = try ProjectFile.open(path).submissions().events
        #expect(events.map(\.action) == [.submit, .reopen] && events.map(\.by) == ["qilin-clerk", "city-office"])

        if store == .geoPackage {
            // GDAL sees the two tables as the project's attribute tables.
            let info = try TestSupport.run("ogrinfo", ["-ro", "-q", path])
            #expect(info.stdout.contains("monthly_figures") && info.stdout.contains("figure_submissions"), "\(info.stdout)")
        }
    }

    /// On time is by the end of the 25th in China: 15:59:59 UTC on the 25th is the 25th's last second
    /// there, 16:00 UTC already the 26th (as `date` with TZ=Asia/Shanghai says).
    @Test(arguments: TestStore.allCases) func submittedByThe25thInChinaIsOnTime(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(store, in: folder)
        let lastSecond = "2018-03-25T15:59:59.000Z", firstLate = "2018-03-25T16:00:00.000Z"
        #expect(try Self.shanghaiDay(lastSecond) == 25 && Self.shanghaiDay(firstLate) == 26)
        let parse = ISO8601DateFormatter()
        parse.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        try ProjectFile.submitFigures(path, district: "530302", month: "2018-03", by: Self.city, at: parse.date(from: lastSecond)!)
        try ProjectFile.submitFigures(path, district: "530303", month: "2018-03", by: Self.city, at: parse.date(from: firstLate)!)
        let project = try ProjectFile.open(path)
        let status = Dictionary(uniqueKeysWithValues: try project.submissionStatus(month: "2018-03").map { ($0.district, $0.status) })
        #expect(status["530302"] == .onTime(lastSecond))
        #expect(status["530303"] == .late(firstLate))
        #expect(status["530324"] == .notSubmitted)
        #expect(status.count == 10)
        // Reopened, a month is not submitted until it is submitted again, and then late if after the 25th.
        try ProjectFile.reopenFigures(path, district: "530302", month: "2018-03", by: Self.city, at: parse.date(from: firstLate)!)
        #expect(try ProjectFile.open(path).submissions().status("530302", "2018-03") == .notSubmitted)
        try ProjectFile.submitFigures(path, district: "530302", month: "2018-03", by: Self.city, at: parse.date(from: "2018-04-01T00:00:00.000Z")!)
        #expect(try ProjectFile.open(path).submissions().status("530302", "2018-03") == .late("2018-04-01T00:00:00.000Z"))
        // A month is submitted once it has begun: 2018-04 runs from 26 March 00:00 in China, which is
        // 16:00 UTC on the 25th (the trial submitted 2027-06 in 2026 and it showed as on time).
        let lastBefore = parse.date(from: "2018-03-25T15:59:59.000Z")!, first = parse.date(from: "2018-03-25T16:00:00.000Z")!
        #expect(throws: FiguresError.notBegun("2018-04")) {
            try ProjectFile.submitFigures(path, district: "530324", month: "2018-04", by: Self.city, at: lastBefore)
        }
        #expect(throws: FiguresError.notBegun("2019-01")) {
            try ProjectFile.submitFigures(path, district: "530324", month: "2019-01", by: Self.city, at: parse.date(from: "2018-12-25T15:59:59.000Z")!)
        }
        try ProjectFile.submitFigures(path, district: "530324", month: "2018-04", by: Self.city, at: first)
        try ProjectFile.submitFigures(path, district: "530324", month: "2019-01", by: Self.city, at: parse.date(from: "2018-12-25T16:00:00.000Z")!)
        #expect(try ProjectFile.open(path).submissions().status("530324", "2018-04") == .onTime("2018-03-25T16:00:00.000Z"))
    }

    /// Clerks' typing (the trial of issue 13): "12,5" was read as 125 and "1,2,3" as 123; 1e308
    /// printed inf; NaN was "negative". Plain decimals only, commas only between thousands,
    /// full-width digits as their ASCII, no exponents, and no more than `FigureKey.largest`.
    @Test func typedFiguresArePlainDecimals() throws {
        let amount = try #require(FigureKey.named(Self.investment))
        let count = try #require(FigureKey.named("housing.shantytown.started_units"))
        for (typed, number) in [("1,234.5", 1234.5), ("1234.5", 1234.5), (" 12 ", 12), ("１２", 12), ("１，２３４．５", 1234.5),
                                ("1,000,000", 1_000_000), ("0.25", 0.25), ("1000000000", 1e9)] {
            #expect(try amount.parse(typed) == .number(number), "\(typed)")
        }
        for typed in ["12,5", "1,2,3", "1,23", "12,34.5", "1e3", "1e308", "1E3", "NaN", "nan", "inf", "-inf", "0x10", "1.", ".5", "12 5", "1,234,5"] {
            #expect(throws: FiguresError.notPlainNumber(amount, typed), "\(typed)") { try amount.parse(typed) }
        }
        #expect(throws: FiguresError.negative(amount, -3)) { try amount.parse("-3") }
        #expect(throws: FiguresError.negative(amount, -3)) { try amount.parse("－３") }
        #expect(throws: FiguresError.tooLarge(amount, 1_000_000_000.5)) { try amount.parse("1,000,000,000.5") }
        #expect(throws: FiguresError.tooLarge(count, 12_345_678_901)) { try count.parse("12345678901") }
        // Numbers as a workbook holds them are checked alike.
        #expect(throws: FiguresError.notPlainNumber(amount, "nan")) { try amount.check(.number(.nan)) }
        #expect(throws: FiguresError.notPlainNumber(amount, "inf")) { try amount.check(.number(.infinity)) }
        #expect(throws: FiguresError.tooLarge(amount, 1e308)) { try amount.check(.number(1e308)) }
        #expect("\(FiguresError.notPlainNumber(amount, "12,5"))".contains("'12,5' is not a plain number"))
    }

    /// Only the programme's reporting units have figures and submissions: 999999 was accepted and
    /// then printed as a row of the official forms.
    @Test(arguments: TestStore.allCases) func onlyReportingUnitsHaveFigures(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(store, in: folder)
        #expect(throws: FiguresError.notReportingUnit("999999")) {
            try ProjectFile.enterFigures(path, [("530302", "2018-03", Self.investment, .number(1)),
                                                ("999999", "2018-03", Self.investment, .number(1))], by: Self.city)
        }
        #expect(throws: FiguresError.notReportingUnit("999999")) {
            try ProjectFile.submitFigures(path, district: "999999", month: "2018-03", by: Self.city)
        }
        #expect(throws: FiguresError.notReportingUnit("530300")) {
            try ProjectFile.reopenFigures(path, district: "530300", month: "2018-03", by: Self.city)
        }
        #expect(try ProjectFile.open(path).monthlyFigures().entries.isEmpty)
        #expect(try ProjectFile.open(path).submissionStatus(month: "2018-03").count == 10)
        #expect(Counties.reportingUnit("罗平县") == "530324" && Counties.reportingUnit("999999") == nil && Counties.reportingUnit("经开区") == "经开区")
    }

    /// The trial's housing form had 其中：城中村 400 under 4、城市棚户区 4 (issue 13): a 其中 cell, or the
    /// 其中 cells of a cell together, may not exceed it, as the month will stand after the entry.
    @Test(arguments: TestStore.allCases) func partsStayWithinTheirWhole(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(store, in: folder)
        func key(_ name: String) throws -> FigureKey { try #require(FigureKey.named("housing.\(name)")) }
        func enter(_ figures: [(String, Double)]) throws {
            try ProjectFile.enterFigures(path, figures.map { ("530302", "2018-03", "housing.\($0.0)", .number($0.1)) }, by: Self.county)
        }
        #expect(throws: FiguresError.partsExceedWhole(whole: try key("shantytown.agreements"), 4, parts: ["其中：城中村 签订征收补偿协议户数 合计 400"])) {
            try enter([("shantytown.agreements", 4), ("urban_village.agreements", 400)])
        }
        #expect(throws: FiguresError.partsExceedWhole(whole: try key("forest.started_units"), 10, parts: ["6、国有林区棚户区 新开工 其中：改、扩、翻建套数 11"])) {
            try enter([("forest.started_units", 10), ("forest.started_rebuilt_units", 11)])
        }
        // Equal is within; the resettlement kinds together against the agreements signed.
        try enter([("shantytown.agreements", 10), ("urban_village.agreements", 10), ("mining.agreements", 10),
                   ("mining.agreements_new_housing", 4), ("mining.agreements_bought", 6)])
        #expect(throws: FiguresError.self) { try enter([("mining.agreements_free_cash", 1)]) }
        // A later entry is checked against what the month holds.
        #expect(throws: FiguresError.self) { try enter([("shantytown.agreements", 9)]) }
        try enter([("shantytown.agreements", 12), ("urban_village.agreements", 12)])
        #expect(try ProjectFile.open(path).monthlyFigures().value("530302", "2018-03", "housing.urban_village.agreements") == .number(12))
    }
}
