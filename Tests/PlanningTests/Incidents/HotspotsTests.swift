import Foundation
import Testing
@testable import Planning

/// Which cases make hotspots and which hotspots are 热点难点, on hand-made cases as at 2018-12-25's end
/// (eps 50 m, 3 cases, the 90 days before: reported after 2018-09-26 23:59:59).
@Suite struct HotspotsTests {
    static func item(_ code: String, _ x: Double, _ reported: String, closed: String? = nil) -> IncidentRecords.Case {
        IncidentRecords.Case(code: code, kind: "占道经营", county: "530302", reported: CaseTime(reported)!, deadline: nil,
                             closed: closed.map { CaseTime($0)! }, x: x, y: 0)
    }

    @Test func recentClustersAndTheirOldestOpenCase() throws {
        let cases = [
            // 40 m apart in a row: one cluster. H1 open since 2018-11-20, 35 days at the 25th's end: a 热点难点.
            Self.item("H1", 0, "2018-11-20 10:00"), Self.item("H2", 40, "2018-12-01 10:00", closed: "2018-12-02 10:00"),
            Self.item("H3", 80, "2018-12-20 10:00"),
            // All closed by the 25th: a hotspot, not a hard one.
            Self.item("K1", 1000, "2018-12-01 10:00", closed: "2018-12-01 12:00"), Self.item("K2", 1030, "2018-12-02 10:00", closed: "2018-12-03 10:00"),
            Self.item("K3", 1060, "2018-12-03 10:00", closed: "2018-12-25 23:00"),
            // Open 20 days only: not hard. O1 open, but closed after the 25th counts as open then.
            Self.item("O1", 2000, "2018-12-05 10:00", closed: "2018-12-26 09:00"), Self.item("O2", 2010, "2018-12-06 10:00"),
            Self.item("O3", 2020, "2018-12-07 10:00"),
            // Three together, but one reported 2018-09-26, before the 90 days: two left, no cluster.
            Self.item("E1", 3000, "2018-09-26 10:00"), Self.item("E2", 3010, "2018-12-01 10:00"), Self.item("E3", 3020, "2018-12-02 10:00"),
            // Reported after the 25th: not counted.
            Self.item("L1", 4000, "2018-12-26 08:00"), Self.item("L2", 4010, "2018-12-26 09:00"), Self.item("L3", 4020, "2018-12-24 09:00"),
        ]
        let hotspots = try Hotspots(cases, asOf: CaseTime.endOf("2018-12-25"))
        #expect(hotspots.clusters.map { $0.cases.sorted() } == [["H1", "H2", "H3"], ["K1", "K2", "K3"], ["O1", "O2", "O3"]])
        #expect(hotspots.clusters.map(\.open) == [2, 0, 3])
        #expect(hotspots.clusters.map { $0.oldestOpen?.code } == ["H1", nil, "O1"])
        #expect(hotspots.clusters.map(\.isHardSpot) == [true, false, false])
        // Each drawn as the land within 25 m of its cases: H's three discs 40 m apart overlap, so less than 3 discs.
        let disc = Double.pi * 25 * 25
        #expect(hotspots.clusters[0].area.area < 3 * disc && hotspots.clusters[0].area.area > 2 * disc)
    }
}
