import Foundation
import Testing
import TestSupport
@testable import Planning

/// The month's figures on hand-made cases around the month edges (the 25th and the 26th, January's
/// period starting on 26 December, deadlines falling in the next month, cases overdue across month
/// ends). Every expected figure is worked out by hand in the comments.
@Suite struct IncidentPeriodTests {
    static let rulesText = """
        # test rules
        kind,area_type,hours,verified,source
        占道经营,*,24,no,test
        乱吐乱扔,*,12,no,test
        乱排乱倒,*,48,no,test
        乱排乱倒,河道沟渠,6,no,test
        *,*,72,no,test
        """

    static func rules() throws -> DeadlineRules { try DeadlineRules(name: "test", text: rulesText, file: "test.csv") }

    static func time(_ text: String) -> CaseTime { CaseTime(text)! }

    /// County 530302 unless said; 占道经营 unless said. Deadlines by the rules above unless explicit.
    static func cases() throws -> [IncidentRecords.Case] {
        let rules = try rules()
        func make(_ code: String, kind: String = "占道经营", area: String? = nil, county: String = "530302", _ reported: String,
                  deadline: String? = nil, closed: String? = nil, at point: (Double, Double)) -> IncidentRecords.Case {
            let reported = time(reported)
            let due = deadline.map { CaseTime($0, dayEnds: true)! } ?? rules.hours(kind: kind, areaType: area).map { reported.adding(hours: $0) }
            return IncidentRecords.Case(code: code, kind: kind, areaType: area, county: county, reported: reported, deadline: due,
                                        closed: closed.map(time), x: point.0, y: point.1)
        }
        return [
            // Reported on 25 December: December's. Due 26 Dec 23:30 (+24 h): January's. Closed 26 Dec 20:00,
            // in January, on time, after 20.5 h.
            make("C1", "2017-12-25 23:30", closed: "2017-12-26 20:00:00", at: (0, 0)),
            // Reported on 26 December, 00:10: January's first day. Due 27 Dec 00:10; closed 28 Dec 09:10, late, after 57 h.
            make("C2", "2017-12-26 00:10", closed: "2017-12-28 09:10:00", at: (1000, 0)),
            // Reported on 25 January, 23:00: January's last day. Due 26 Jan 23:00: February's. Open at January's
            // end but not yet overdue; closed 3 Feb 12:00, in February, late, after 8 d 13 h = 205 h.
            make("C3", "2018-01-25 23:00", closed: "2018-02-03 12:00", at: (2000, 0)),
            // 乱吐乱扔 reported on 26 January: February's. Due 26 Jan 20:00 (+12 h); never closed: overdue at
            // February's end, and every month after. 5 m from C9 (乱吐乱扔, closed 5 Jan 18:00, 20.6 days
            // before): a repeat.
            make("C4", kind: "乱吐乱扔", "2018-01-26 08:00", at: (15, 0)),
            // 乱搭乱建 (72 h by rule, due 13 Jan) with an explicit deadline of 28 February, which wins: due to the
            // end of 28 Feb, in March's period (26 Feb – 25 Mar); not overdue in January or February. Closed
            // 28 Feb 16:00: on time, in March, after 49 d 7 h = 1183 h.
            make("C5", kind: "乱搭乱建", "2018-01-10 09:00", deadline: "2018-02-28", closed: "2018-02-28 16:00", at: (3000, 0)),
            // 乱排乱倒 at a 河道沟渠: 6 h by the kind-and-area rule (not the kind's 48 h). Due 20 Jan 16:00, closed
            // 15:00: on time, after 5 h.
            make("C6", kind: "乱排乱倒", area: "河道沟渠", "2018-01-20 10:00", closed: "2018-01-20 15:00", at: (4000, 0)),
            // 沾益区, reported 1 November, due 2 November, never closed: overdue at the end of every month after.
            make("C7", county: "530303", "2017-11-01 09:00", at: (5000, 0)),
            // Reported 25 Jan 20:00 (January's), 50 m exactly from C1 and 30 days exactly after C1 was closed
            // (26 Dec 20:00): a repeat, both bounds inclusive. Due 26 Jan 20:00 (February's); closed 26 Jan
            // 10:00, in February, on time, after 14 h.
            make("C8", "2018-01-25 20:00", closed: "2018-01-26 10:00", at: (30, 40)),
            // 乱吐乱扔 10 m from C1, which is of another kind: no repeat. Due 5 Jan 20:00, closed 18:00: on time, 10 h.
            make("C9", kind: "乱吐乱扔", "2018-01-05 08:00", closed: "2018-01-05 18:00", at: (10, 0)),
            // 60 m from C1: no repeat. Due 7 Jan 06:00, closed 6 Jan 11:00: on time, after 5 h.
            make("C10", "2018-01-06 06:00", closed: "2018-01-06 11:00", at: (0, -60)),
        ]
    }

    static let units = [ProgrammeInventory.Unit(code: "530302", name: "麒麟区"), ProgrammeInventory.Unit(code: "530303", name: "沾益区"),
                        ProgrammeInventory.Unit(code: "530304", name: "马龙区")]

    func figures(_ month: String, inspections: [IncidentRecords.Inspection] = []) throws -> IncidentFigures {
        IncidentFigures(IncidentRecords(cases: try Self.cases(), inspections: inspections, units: Self.units),
                        try ReportingPeriod(parsing: month))
    }

    func counts(_ figures: IncidentFigures, _ county: String, _ kind: String = "all") -> IncidentFigures.Counts? {
        figures.lines.first { $0.countyCode == county && $0.kind == kind }?.counts
    }

    @Test func january() throws {
        let january = try figures("2018-01")
        let qilin = try #require(counts(january, "530302"))
        // Received 26 Dec – 25 Jan: C2, C3, C5, C6, C8, C9, C10 (not C1 of 25 Dec, not C4 of 26 Jan).
        #expect(qilin.received == 7)
        // Closed in the period: C1 (26 Dec), C2 (28 Dec), C6, C9, C10; hours 20.5 + 57 + 5 + 10 + 5 = 97.5, mean 19.5.
        #expect(qilin.closed == 5)
        #expect(qilin.meanHoursToClose == 19.5)
        // Due: C1, C2, C6, C9, C10 (C3, C4, C8 are due on 26 Jan; C5 on 28 Feb); on time all but C2: 4 / 5.
        #expect(qilin.due == 5)
        #expect(qilin.closedOnTime == 4)
        #expect(qilin.onTimeRate == 80)
        // Nothing past its deadline and open at 25 Jan's end (C3 and C8 are due the day after; C5's deadline is explicit).
        #expect(qilin.overdueOpen == 0)
        // C8 repeats C1.
        #expect(qilin.repeats == 1)
        // By kind: 占道经营 received C2, C3, C8, C10; closed C1, C2, C10; due C1, C2, C10, on time C1, C10.
        #expect(counts(january, "530302", "占道经营") == IncidentFigures.Counts(received: 4, closed: 3, due: 3, closedOnTime: 2, overdueOpen: 0,
                                                                               repeats: 1, hoursToClose: 20.5 + 57 + 5))
        #expect(counts(january, "530302", "乱搭乱建") == IncidentFigures.Counts(received: 1))
        #expect(counts(january, "530302", "乱贴乱画") == nil, "a kind with no cases has no line")
        // 沾益区: C7, overdue since 2 November, still open.
        #expect(counts(january, "530303") == IncidentFigures.Counts(overdueOpen: 1))
        // The city: both counties.
        #expect(january.total.received == 7 && january.total.overdueOpen == 1 && january.total.due == 5)
    }

    @Test func february() throws {
        let qilin = try #require(counts(try figures("2018-02"), "530302"))
        // Received 26 Jan – 25 Feb: C4.
        #expect(qilin.received == 1)
        // Closed: C3 (3 Feb, 205 h) and C8 (26 Jan, 14 h): mean 109.5 h.
        #expect(qilin.closed == 2)
        #expect(qilin.meanHoursToClose == 109.5)
        // Due 26 Jan: C3, C4, C8; only C8 closed by its deadline: 1 / 3.
        #expect(qilin.due == 3)
        #expect(qilin.closedOnTime == 1)
        #expect(abs(qilin.onTimeRate! - 100.0 / 3) < 1e-12)
        // C4 overdue and open at 25 Feb's end (C3 was closed on 3 Feb).
        #expect(qilin.overdueOpen == 1)
        // C4 repeats C9.
        #expect(qilin.repeats == 1)
    }

    @Test func march() throws {
        let qilin = try #require(counts(try figures("2018-03"), "530302"))
        // C5, due to 28 Feb's end and closed 28 Feb 16:00 (in March's period): on time, 1183 h. C4 still overdue.
        #expect(qilin == IncidentFigures.Counts(received: 0, closed: 1, due: 1, closedOnTime: 1, overdueOpen: 1, repeats: 0, hoursToClose: 1183))
        #expect(qilin.onTimeRate == 100)
    }

    @Test func decemberOfTheYearBefore() throws {
        let december = try figures("2017-12")
        // 26 Nov – 25 Dec 2017: C1 received (25 Dec, 23:30), nothing closed or due yet; C7 overdue in 沾益区.
        #expect(counts(december, "530302") == IncidentFigures.Counts(received: 1))
        #expect(counts(december, "530303")?.overdueOpen == 1)
    }

    /// 麒麟区 and 沾益区 both average 85 in January and share rank 1; 马龙区's inspection of 26 January is
    /// February's, where it alone ranks.
    @Test func inspectionScoresAreRankedPerCounty() throws {
        let inspections = [
            IncidentRecords.Inspection(county: "530302", areaType: "集贸市场", day: "2017-12-26", method: "明查", score: 90),
            IncidentRecords.Inspection(county: "530302", areaType: "广场公园", day: "2018-01-25", method: "暗访", score: 80),
            IncidentRecords.Inspection(county: "530303", areaType: "集贸市场", day: "2018-01-02", method: "第三方测评", score: 85),
            IncidentRecords.Inspection(county: "530304", areaType: "集贸市场", day: "2018-01-26", method: "明查", score: 70),
        ]
        let january = try figures("2018-01", inspections: inspections).scores
        #expect(january.filter { $0.areaType == "all" }.map { [$0.county, "\($0.meanScore)", "\($0.rank!)"] }
                == [["麒麟区", "85.0", "1"], ["沾益区", "85.0", "1"]])
        #expect(january.filter { $0.county == "麒麟区" && $0.areaType != "all" }.map { "\($0.areaType) \($0.meanScore)" }
                == ["广场公园 80.0", "集贸市场 90.0"])
        let february = try figures("2018-02", inspections: inspections).scores
        #expect(february.map { "\($0.county) \($0.areaType) \($0.meanScore) \($0.rank.map(String.init) ?? "-")" } == ["马龙区 all 70.0 1", "马龙区 集贸市场 70.0 -"])
    }

    /// Deadlines that cross a month's end and February's 29th: 30 h after 28 Feb 22:00 is 1 March 04:00
    /// in 2020 (29 Feb between) and 2 March 04:00 in 2019.
    @Test func deadlineArithmetic() throws {
        #expect(Self.time("2020-02-28 22:00").adding(hours: 30) == Self.time("2020-03-01 04:00"))
        #expect(Self.time("2019-02-28 22:00").adding(hours: 30) == Self.time("2019-03-02 04:00"))
        #expect(Self.time("2017-12-31 23:00:00").adding(hours: 2).day == "2018-01-01")
        #expect(CaseTime("2018-02-28", dayEnds: true) == Self.time("2018-02-28 23:59:59"))
        #expect(CaseTime("2018-02-30 10:00") == nil)
        #expect(CaseTime("2020-02-29 10:00")?.day == "2020-02-29")
        // Hours between: 25 Jan 23:00 to 3 Feb 12:00 is 8 days and 13 hours.
        #expect(Self.time("2018-02-03 12:00").hours(since: Self.time("2018-01-25 23:00")) == 205)
    }

    @Test func theMostSpecificRuleWins() throws {
        let rules = try Self.rules()
        #expect(rules.hours(kind: "乱排乱倒", areaType: "河道沟渠") == 6)
        #expect(rules.hours(kind: "乱排乱倒", areaType: "集贸市场") == 48)
        #expect(rules.hours(kind: "乱排乱倒", areaType: nil) == 48)
        #expect(rules.hours(kind: "乱搭乱建", areaType: "河道沟渠") == 72)
        let shipped = try DeadlineRules.named(DeadlineRules.shippedName)
        #expect(shipped.hours(kind: "占道经营", areaType: "主次干道") == 4)
        #expect(shipped.hours(kind: "乱搭乱建", areaType: nil) == 168)
    }

    @Test(arguments: [
        ("kind,area_type,hours\n乱飞,*,24\n", ":2: unknown kind '乱飞'"),
        ("kind,area_type,hours\n占道经营,大街,24\n", ":2: unknown key-area type '大街'"),
        ("kind,area_type,hours\n占道经营,*,0\n", ":2: '0' is not a number of hours above 0"),
        ("kind,area_type,hours\n占道经营,*,24\n占道经营,*,12\n", ":3: a second rule for 占道经营,*"),
        ("rule,hours\n", ":1: the first line must be the header"),
    ])
    func badRulesAreRefusedWithTheirLine(text: String, message: String) throws {
        #expect {
            try DeadlineRules(name: "mine", text: text, file: "mine.csv")
        } throws: { error in
            "\(error)".hasPrefix("mine.csv" + message)
        }
    }
}
