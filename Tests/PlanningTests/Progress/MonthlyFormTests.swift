import Foundation
import Testing
import GeoCore
import GeoIO
import Inventory
import TestSupport
@testable import Planning

/// A project with known events around the month edges; every expected cell is worked out by hand
/// in the comments.
@Suite struct MonthlyFormTests {
    static func square(_ x: Double, _ side: Double) -> String {
        "\"POLYGON ((\(x) 2800000, \(x + side) 2800000, \(x + side) \(2800000 + side), \(x) \(2800000 + side), \(x) 2800000))\""
    }

    func project(in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("forms.gpkg").path
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
        _ = try Plans.importFolder(TestSupport.root.appendingPathComponent("geodata/plans").path, into: path)
        func load(_ layer: String, _ csv: String) throws {
            var importer = Importer(layer: layer, source: try TestSupport.write(csv, to: "\(layer).csv", in: folder))
            importer.declared = .crs(try CRS("EPSG:4544"))
            _ = try importer.run(into: path)
        }
        let point = "\"POINT (500000 2800000)\""
        try load("old_factories", """
            编号,名称,行政区划代码,改造类别,调查日期,改造完成日期,WKT
            F1,罗平一厂,530324,用地变更类,2016-06-01,2018-03-25,\(point)
            F2,罗平二厂,530324,用地变更类,2016-06-01,2018-03-26,\(point)
            F3,罗平三厂,530324,改造提升类,2018-03-10,,\(point)
            F4,罗平四厂,530324,拆旧建新类,2016-07-01,2017-11-30,\(point)
            F5,麒麟一厂,530302,改造提升类,2016-05-01,2018-02-26,\(point)
            F6,麒麟二厂,530302,改造提升类,2016-05-01,,\(point)
            """)
        try load("urban_villages", """
            编号,名称,行政区划代码,改造户数,签约户数,货币化安置户数,改造完成日期,WKT
            V1,西关村,530303,100,80,50,2018-01-15,\(point)
            V2,东关村,530303,60,60,30,2017-12-20,\(point)
            V3,南关村,530303,40,0,0,2018-01-26,\(point)
            V4,北关村,530303,30,0,0,2017-12-28,\(point)
            """)
        // 罗平县's built-up area, 7 km square, holds every park and green space below.
        try load("built_up_areas", """
            编号,名称,行政区划代码,WKT
            B1,罗平县城,530324,\(Self.square(499000, 7000))
            """)
        try load("parks", """
            编号,名称,行政区划代码,类别,建成开放日期,WKT
            P1,月末公园,530324,G12,2018-03-25,\(Self.square(500000, 100))
            P2,次月公园,530324,G11,2018-03-26,\(Self.square(501000, 141.4213562373095))
            P3,老公园,530324,G14,2015-01-01,\(Self.square(502000, 70.71067811865476))
            """)
        try load("green_spaces", """
            编号,名称,行政区划代码,类别,计入绿地率(1/0),建成日期,WKT
            G1,广场,530324,G3,1,2018-03-01,\(Self.square(503000, 54.772255750516614))
            G2,远郊林地,530324,EG,0,2018-03-01,\(Self.square(504000, 100))
            G3,城郊湿地,530324,EG,,2018-03-01,\(Self.square(505000, 100))
            """)
        try load("old_residential", """
            编号,旧住宅区名称,县（市、区）,地址,建设时间,改造类型,改造具体内容,计划开始改造年度,计划改造完成年度,总体建设进度,户数,竣工日期,WKT
            R1,城南小区,宣威市,宣威市城南,1990,综合提升改造,环境综合整治,2017-03,2018-06,改造中,120,,\(point)
            R2,北关小区,宣威市,宣威市北关,1985,棚户区改造,房屋维修养护,2016-05,2017-12,已竣工,80,2017-12-10,\(point)
            """)
        return path
    }

    func row(_ table: FormTable, _ county: String) throws -> Int {
        try #require(table.rows.firstIndex { $0[0] == .text(county) || ($0.count > 1 && $0[1] == .text(county)) }, "\(county)")
    }

    @Test func factoriesFormAtTheMonthEdges() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try ProgrammeInventory.read(project: project(in: folder))
        let march = try MonthlyForm.factories.table(data, try ReportingPeriod(parsing: "2018-03"))
        // March 2018 runs 2018-02-26 … 2018-03-25.
        // 罗平县: 4 surveyed (F3 this month); renovated F4 (2017) and F1 (on the 25th: this month), F2 (26th) not yet.
        //   改造比例 = 1 this month / (4 − 1 renovated before) = 33.33 %.
        let luoping = try row(march, "罗平县")
        #expect(march.rows[luoping].map(\.text) == ["罗平县", "4", "1", "2", "1", "33.33", "2", ""])
        // 麒麟区: 2 surveyed; F5 renovated on 02-26, the first day of March's period: 1 / 2 = 50 %, ranked first.
        #expect(march.rows[try row(march, "麒麟区")].map(\.text) == ["麒麟区", "2", "0", "1", "1", "50.00", "1", ""])
        // 宣威市 has no factories but keeps its row; with nothing to renovate it has no ratio and no rank.
        #expect(march.rows[try row(march, "宣威市")].map(\.text) == ["宣威市", "0", "0", "0", "0", "", "", ""])
        // The total is the sum of the rows; its ratio is 2 / (6 − 1) = 40 %.
        #expect(march.rows.last?.map(\.text) == ["合计", "6", "1", "3", "2", "40.00", "", ""])
        let april = try MonthlyForm.factories.table(data, try ReportingPeriod(parsing: "2018-04"))
        // April: F2 (03-26) is this month's; 1 / (4 − 2) = 50 %.
        #expect(april.rows[try row(april, "罗平县")].map(\.text) == ["罗平县", "4", "0", "3", "1", "50.00", "1", ""])
        // 麒麟区 renovates nothing in April: 0 / (2 − 1) = 0 %, second of the two counties with a ratio.
        #expect(april.rows[try row(april, "麒麟区")].map(\.text) == ["麒麟区", "2", "0", "1", "0", "0.00", "2", ""])
        #expect(april.rows[try row(april, "宣威市")].map(\.text) == ["宣威市", "0", "0", "0", "0", "", "", ""])
    }

    @Test func villagesFormStartsTheYearOn26December() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try ProgrammeInventory.read(project: project(in: folder))
        // January 2018 runs 2017-12-26 … 2018-01-25, and so does its year to date: V1 (01-15) and V4
        // (2017-12-28) are this month's and this year's (100 + 30 = 130); V2 (2017-12-20) only
        // cumulative (60 + 130 = 190); V3 (01-26) falls in February. Plan 2018 for 沾益区: 1378 households.
        // 货币化安置率 = (50 + 30 + 0 + 0) / (80 + 60 + 0 + 0) = 57.14 %.
        let january = try MonthlyForm.villages.table(data, try ReportingPeriod(parsing: "2018-01"))
        #expect(january.rows[try row(january, "沾益区")].map(\.text) == ["沾益区", "1378", "190", "130", "130", "140", "80", "57.14"])
        // February 2018 (01-26 … 02-25): V3's 40 this month; the year so far 130 + 40.
        let february = try MonthlyForm.villages.table(data, try ReportingPeriod(parsing: "2018-02"))
        #expect(february.rows[try row(february, "沾益区")].map(\.text) == ["沾益区", "1378", "230", "170", "40", "140", "80", "57.14"])
        // December 2017 (11-26 … 12-25; the year from 2016-12-26): V2 only. V4 on the 28th is not
        // December's and not 2017's: every event falls in exactly one month and one year.
        let december = try MonthlyForm.villages.table(data, try ReportingPeriod(parsing: "2017-12"))
        #expect(december.rows[try row(december, "沾益区")].map(\.text) == ["沾益区", "1144", "60", "60", "60", "140", "80", "57.14"])
        // A county without villages still has its row.
        #expect(december.rows[try row(december, "罗平县")].map(\.text) == ["罗平县", "1000", "0", "0", "0", "0", "0", "0.00"])
        // The city total is the sum of the counties: the plan for 2018 is the whole 4951 households.
        #expect(january.rows.last?[1] == .number(4951, 0))
    }

    @Test func theReportingYearRunsFrom26DecemberTo25December() throws {
        let january = try ReportingPeriod(parsing: "2019-01")
        #expect(january.monthStart == "2018-12-26" && january.yearStart == "2018-12-26" && january.end == "2019-01-25")
        // Each day of December 2018 in exactly one month: the 25th December's, the 26th–31st January's.
        let december = try ReportingPeriod(parsing: "2018-12")
        for day in 1...31 {
            let date = "2018-12-" + (day < 10 ? "0" : "") + String(day)
            #expect(december.inMonth(date) != january.inMonth(date), "\(date)")
            #expect(december.inYear(date) != january.inYear(date), "\(date)")
        }
    }

    @Test func greeningFormCountsLandOpenedByThe25th() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try ProgrammeInventory.read(project: project(in: folder))
        let march = try MonthlyForm.greening.table(data, try ReportingPeriod(parsing: "2018-03"))
        // 罗平县: parks P1 (1 ha, opened on the 25th) and P3 (0.5 ha, 2015) are open, P2 (2 ha, 26th) not yet;
        // the square G1 (0.3 ha, 03-01) counts toward green land; the regional EG land does not, whether
        // its 计入绿地率 says 0 (G2) or is left empty (G3, 1 ha).
        let luoping = march.rows[try row(march, "罗平县")].map(\.text)
        #expect(luoping == ["罗平县", "未录入", "未录入", "未录入", "未录入", "1.30", "1.80", "1.00", "1.50", "2"])
        #expect(march.rows.last?.map(\.text).suffix(5) == ["1.30", "1.80", "1.00", "1.50", "2"])
    }

    /// Two counties with a park of 1.004 ha each: each row shows 1.00 ha, so the 合计 row shows 2.00 —
    /// the sum of what the rows show, as a form filled by hand — not the 2.008 → 2.01 of the raw areas.
    @Test func formTotalsAreTheSumOfTheFiguresShown() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("totals.gpkg").path
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
        let side = 10_040.0.squareRoot()
        var importer = Importer(layer: "parks", source: try TestSupport.write("""
            编号,名称,行政区划代码,类别,建成开放日期,WKT
            P1,东园,530302,G12,2018-03-01,\(Self.square(500000, side))
            P2,西园,530303,G12,2018-03-01,\(Self.square(501000, side))
            """, to: "parks.csv", in: folder))
        importer.declared = .crs(try CRS("EPSG:4544"))
        _ = try importer.run(into: path)
        var areas = Importer(layer: "built_up_areas", source: try TestSupport.write("""
            编号,名称,行政区划代码,WKT
            B1,东城,530302,\(Self.square(499900, 500))
            B2,西城,530303,\(Self.square(500900, 500))
            """, to: "built_up_areas.csv", in: folder))
        areas.declared = .crs(try CRS("EPSG:4544"))
        _ = try areas.run(into: path)
        let march = try MonthlyForm.greening.table(try ProgrammeInventory.read(project: path), try ReportingPeriod(parsing: "2018-03"))
        #expect(march.rows.map { $0.suffix(5).map(\.text) } == [
            ["1.00", "1.00", "1.00", "1.00", "1"], ["1.00", "1.00", "1.00", "1.00", "1"], ["2.00", "2.00", "2.00", "2.00", "2"],
        ])
    }

    /// The greening form and 绿地率 count the same green spaces: here G1 alone (54.77² = 3000 m²).
    @Test func theFormAndTheIndicatorsCountTheSameGreenSpaces() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let counted = try ProgrammeInventory.read(project: project(in: folder)).green.countedGreenSpaces.map(\.geometry.area)
        #expect(counted.count == 1 && abs((counted.first ?? 0) - 3000) < 1e-6, "\(counted)")
    }

    /// Two built-up areas, 1 km squares: 东城 of 麒麟区 (530302) at x 600 000, 罗平 of 罗平县 (530324) at x 610 000.
    func overlappingGreenLand(in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("green.gpkg").path
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
        func box(_ x: Double, _ y: Double, _ width: Double, _ height: Double) -> String {
            "\"POLYGON ((\(x) \(y), \(x + width) \(y), \(x + width) \(y + height), \(x) \(y + height), \(x) \(y)))\""
        }
        func load(_ layer: String, _ csv: String) throws {
            var importer = Importer(layer: layer, source: try TestSupport.write(csv, to: "\(layer).csv", in: folder))
            importer.declared = .crs(try CRS("EPSG:4544"))
            _ = try importer.run(into: path)
        }
        try load("built_up_areas", """
            编号,名称,行政区划代码,城区人口,WKT
            B1,东城,530302,10000,\(box(600000, 2800000, 1000, 1000))
            B2,罗平,530324,10000,\(box(610000, 2800000, 1000, 1000))
            """)
        // PA says 罗平县 but lies in 东城 (4 ha); PB (4 ha) opens in March; PC (1 ha) lies in no built-up
        // area; PD (2 ha) lies 1.5 ha in 罗平, its point-on-surface (610 950, 2 800 050) too.
        try load("parks", """
            编号,名称,行政区划代码,类别,建成开放日期,WKT
            PA,错区公园,530324,G12,2018-01-10,\(box(600000, 2800000, 200, 200))
            PB,新公园,530302,G11,2018-03-10,\(box(600500, 2800500, 200, 200))
            PC,郊外公园,530302,G14,2018-03-10,\(box(620000, 2800000, 100, 100))
            PD,跨界公园,530324,G12,2017-05-01,\(box(610850, 2800000, 200, 100))
            """)
        // GA (4 ha, March) overlaps PB by 2 ha; GB (1 ha) lies wholly in PA.
        try load("green_spaces", """
            编号,名称,行政区划代码,类别,计入绿地率(1/0),建成日期,WKT
            GA,广场,530302,G3,1,2018-03-01,\(box(600600, 2800500, 200, 200))
            GB,防护带,,G2,1,2016-01-01,\(box(600000, 2800000, 100, 100))
            """)
        return path
    }

    /// The land in each county's built-up areas, dissolved. March 2018 (02-26 … 03-25):
    /// 麒麟区 at the end: PA ∪ GB (4 ha) + PB ∪ GA (4 + 4 − 2 = 6 ha) = 10 ha of green land, PA + PB = 8 ha of
    /// parks, 2 parks; on 02-25 PA ∪ GB = 4 ha, PA = 4 ha: increases 6 and 4 ha. Summed undissolved, by
    /// `district`, it would read PB + PC + GA = 9 ha. 罗平县: PD's 1.5 ha inside 罗平, since 2017: no increase.
    @Test func theGreeningFormMeasuresDissolvedLandInTheBuiltUpAreas() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try overlappingGreenLand(in: folder)
        let data = try ProgrammeInventory.read(project: path)
        let march = try MonthlyForm.greening.table(data, try ReportingPeriod(parsing: "2018-03"))
        #expect(march.rows[try row(march, "麒麟区")].suffix(5).map(\.text) == ["6.00", "10.00", "4.00", "8.00", "2"])
        #expect(march.rows[try row(march, "罗平县")].suffix(5).map(\.text) == ["0.00", "1.50", "0.00", "1.50", "1"])
        #expect(march.rows.last?.suffix(5).map(\.text) == ["6.00", "11.50", "4.00", "9.50", "3"])
        // January (2017-12-26 … 2018-01-25): PA opens over GB (1 ha, there since 2016): green land grows
        // by 4 − 1 = 3 ha, park land by 4.
        let january = try MonthlyForm.greening.table(data, try ReportingPeriod(parsing: "2018-01"))
        #expect(january.rows[try row(january, "麒麟区")].suffix(5).map(\.text) == ["3.00", "4.00", "4.00", "4.00", "1"])

        // The form agrees with `indicators` on the same land: December's form (to 12-25) and the year 2018
        // (to 12-31; nothing opens between), each county's 总计 × 10 000 its green and park land in m².
        let december = try MonthlyForm.greening.table(data, try ReportingPeriod(parsing: "2018-12"))
        let indicators = try IndicatorsJob.run(project: path, profile: try Profile.shipped("qujing-2016-2020"), years: [2018])
        for county in indicators.years[0].areas.map(\.measures).filter(\.isCounty) {
            let cells = december.rows[try row(december, county.name)]
            #expect(abs((cells[6].shown ?? 0) * 10_000 - county.greenArea) <= 50, "\(county.name)")
            #expect(abs((cells[8].shown ?? 0) * 10_000 - county.parkArea) <= 50, "\(county.name)")
        }
        let green = indicators.years[0].areas.filter(\.measures.isCounty).map(\.measures.greenArea)
        #expect(green.count == 2 && abs(green[0] - 100_000) < 1e-6 && abs(green[1] - 15_000) < 1e-6, "\(green)")
    }

    @Test func residentialFormHasARowPerArea() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try ProgrammeInventory.read(project: project(in: folder))
        let table = try MonthlyForm.residential.table(data, try ReportingPeriod(parsing: "2018-03"))
        #expect(table.columns == ["序号", "县（市、区）", "旧住宅区名称", "地址", "建设时间", "改造类型", "改造具体内容", "计划开始改造年度", "计划改造完成年度", "总体建设进度"])
        #expect(table.rows.map { $0[2].text } == ["城南小区", "北关小区", "2个"])
        #expect(table.rows[0].map(\.text) == ["1", "宣威市", "城南小区", "宣威市城南", "1990", "综合提升改造", "环境综合整治", "2017-03", "2018-06", "改造中"])
    }

    @Test func progressAgainstPlanWithAPlainVerdict() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try ProgrammeInventory.read(project: project(in: folder))
        let report = ProgressReport(data, try ReportingPeriod(parsing: "2018-03"))
        // 沾益区 urban villages: plan 1540 (2016) + 1144 (2017) + 1378 × 3/12 (2018 so far) = 3028.5, shown
        // and compared as 3029; done V1 + V2 + V3 + V4 = 100 + 60 + 40 + 30 = 230; 3029 − 230 = 2799.
        let villages = try #require(report.lines.first { $0.county == "沾益区" && $0.programme == "urban_villages" })
        #expect(villages.done == 230 && villages.expected == 3029 && villages.verdict == "behind by 2799 households")
        // 宣威市 old residential: 80 households done (R2) against 1996 + 1106 + 1281 × 3/12 = 3422.25 → 3422.
        let residential = try #require(report.lines.first { $0.county == "宣威市" && $0.programme == "old_residential" })
        #expect(residential.done == 80 && residential.expected == 3422 && residential.verdict == "behind by 3342 households")
        // The table shows the figures the verdicts compare.
        let table = report.table()
        #expect(table.contains("3029") && table.contains("behind by 2799 households") && !table.contains("3028"), "\(table)")
        #expect(table.contains("3422") && table.contains("behind by 3342 households"), "\(table)")

        // A disposal-rate target due later is pro rata from the target before it: 2018-03-25 is 84 days
        // (31 + 28 + 25) into the 365 from 2017-12-31 to 2018-12-31.
        // 罗平县 用地变更类: 1 of 2 sites disposed of (F2 on the 26th is April's) = 50 %, against
        // 10 + (80 − 10) × 84/365 = 26.1 %: on track. By the year's end the plan asks 80 %.
        let landUse = try #require(report.lines.first { $0.county == "罗平县" && $0.programme == "old_factories 用地变更类" })
        #expect(landUse.done == 50 && landUse.expected == 26.1 && landUse.plannedThisYear == 80 && landUse.verdict == "on track")
        // 罗平县 改造提升类: F3, 0 of 1, against 20 + (80 − 20) × 84/365 = 33.8 %: 0.338 of a site → 1 site short.
        let upgrade = try #require(report.lines.first { $0.county == "罗平县" && $0.programme == "old_factories 改造提升类" })
        #expect(upgrade.done == 0 && upgrade.expected == 33.8
                && upgrade.verdict == "behind by 1 site (33.8 % due now, pro rata between 20 % by 2017-12-31 and 80 % by 2018-12-31)")
        // 罗平县 拆旧建新类: F4 (2017), 1 of 1 = 100 %, already past the 80 % asked by the year's end
        // (15 + (80 − 15) × 84/365 = 30.0 % due now): ahead, as households are.
        let rebuild = try #require(report.lines.first { $0.county == "罗平县" && $0.programme == "old_factories 拆旧建新类" })
        #expect(rebuild.done == 100 && rebuild.expected == 30 && rebuild.plannedThisYear == 80 && rebuild.verdict == "ahead")
        // Before the first target, from 0 % a year before it: June 2017 is 176 days (151 + 25) into the
        // 365 up to 2017-12-31, so 20 × 176/365 = 9.6 % of 麒麟区's 改造提升类 (F5, F6: none yet) is due.
        let june = ProgressReport(data, try ReportingPeriod(parsing: "2017-06"))
        let early = try #require(june.lines.first { $0.county == "麒麟区" && $0.programme == "old_factories 改造提升类" })
        #expect(early.expected == 9.6 && early.plannedThisYear == 20
                && early.verdict == "behind by 1 site (9.6 % due now, pro rata between 0 % by 2016-12-31 and 20 % by 2017-12-31)")
        // After the last target, all of it: 100 % by 2020-12-31.
        let late = ProgressReport(data, try ReportingPeriod(parsing: "2021-03"))
        #expect(late.lines.first { $0.county == "麒麟区" && $0.programme == "old_factories 改造提升类" }?.expected == 100)

        // 沾益区 cash resettlement: (50 + 30) / (80 + 60) = 57.1 % shown, 60 − 57.1 = 2.9 points short.
        let cash = try #require(report.lines.first { $0.county == "沾益区" && $0.programme.hasPrefix("cash") })
        #expect(cash.done == 57.1 && cash.verdict == "behind by 2.9 points")
        #expect(ProgressReport.verdict(done: 500, expected: 300, yearEnd: 400, short: "") == "ahead")
        #expect(ProgressReport.verdict(done: 300, expected: 300, yearEnd: 400, short: "") == "on track")
        #expect(ProgressReport.verdict(done: 299, expected: 300, yearEnd: 400, short: ProgressReport.count(1, "household"))
                == "behind by 1 household")
        #expect(ProgressReport.count(2, "site") == "2 sites")
    }

    @Test func aDistrictLimitsEveryFormAndFilesOpenInGDAL() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try ProgrammeInventory.read(project: project(in: folder)).limited(to: "530324")
        let table = try MonthlyForm.factories.table(data, try ReportingPeriod(parsing: "2018-03"))
        #expect(table.rows.map { $0[0].text } == ["罗平县", "合计"])
        #expect(table.rows[0].dropFirst().dropLast(3) == table.rows[1].dropFirst().dropLast(3))
        let out = folder.appendingPathComponent("forms").path
        try table.write(to: out, name: "factories")
        let csv = try Data(contentsOf: URL(fileURLWithPath: "\(out)/factories.csv"))
        #expect(csv.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: csv.dropFirst(3), as: UTF8.self).hasPrefix("州（市）,“旧厂区”普查,,“旧厂区”改造,,改造比例（%）,单位排序,备注\r\n,累积完成量,月调查增量,累积完成量,月增改造量,,,\r\n罗平县,"))
        let xlsx = try TestSupport.run("ogrinfo", ["-al", "--config", "OGR_XLSX_HEADERS", "FORCE", "\(out)/factories.xlsx"])
        #expect(xlsx.status == 0 && xlsx.stdout.contains("单位排序") && xlsx.stdout.contains("罗平县"))
        let html = try String(contentsOfFile: "\(out)/factories.html", encoding: .utf8)
        #expect(html.contains("<th rowspan=\"2\">改造比例<br>（%）</th>") && html.contains("<th colspan=\"2\">“旧厂区”普查</th>"))
        #expect(html.contains("统计期间：2017年12月26日至2018年3月25日"), "\(html)")
    }

    /// The city's register sums every site under 州（市）汇总; limited to one county, the sums are that
    /// county's 合计 (罗平县: F1–F4 of the six), and its name fills the 市（县）名称 line.
    @Test func aRegisterLimitedToOneCountyIsThatCountysTotal() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try ProgrammeInventory.read(project: project(in: folder))
        let march = try ReportingPeriod(parsing: "2018-03")
        let city = try MonthlyForm.register.table(data, march)
        #expect(city.rows.last?.prefix(2).map(\.text) == ["州（市）汇总", "6处"])
        #expect(FormSignature().text(city.above[0], period: march) == "市（县）名称：" + String(repeating: "_", count: 16))
        let luoping = try MonthlyForm.register.table(try data.limited(to: "罗平县"), march)
        #expect(luoping.rows.last?.prefix(2).map(\.text) == ["合计", "4处"])
        #expect(FormSignature().text(luoping.above[0], period: march) == "市（县）名称：罗平县")
    }

    @Test func monthsAreParsedStrictly() {
        #expect(throws: ReportError.badMonth("2018-3")) { try ReportingPeriod(parsing: "2018-3") }
        #expect(throws: ReportError.badMonth("2018-13")) { try ReportingPeriod(parsing: "2018-13") }
    }
}
