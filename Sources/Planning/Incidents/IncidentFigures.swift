import Foundation
import Inventory

/// A month's 治乱治脏 figures: per county and kind, per key-area type, and the inspections' mean
/// scores, ranked.
///
/// - received: cases reported in the month (26th before to the 25th, `ReportingPeriod`);
/// - closed: cases verified closed (办结) in the month;
/// - due: cases whose deadline falls in the month; on time: of those, the ones closed by their deadline;
///   the on-time rate is on time / due;
/// - overdue and open: cases reported by the period's end whose deadline had passed by then
///   (the 25th, 24:00) and that were not closed by then, whenever they were reported;
/// - mean hours to close: over the cases closed in the month, from reported to closed;
/// - repeats: cases received in the month of the same kind as a case closed before them, within
///   `repeatDistance` metres of it and `repeatDays` days of its closing.
public struct IncidentFigures: Sendable {
    public struct Counts: Sendable, Equatable, Encodable {
        public var received = 0, closed = 0, due = 0, closedOnTime = 0, overdueOpen = 0, repeats = 0
        public var hoursToClose = 0.0

        /// closed on time / due, in per cent; nil when nothing fell due.
        public var onTimeRate: Double? { due > 0 ? 100 * Double(closedOnTime) / Double(due) : nil }
        public var meanHoursToClose: Double? { closed > 0 ? hoursToClose / Double(closed) : nil }

        static func + (a: Counts, b: Counts) -> Counts {
            Counts(received: a.received + b.received, closed: a.closed + b.closed, due: a.due + b.due,
                   closedOnTime: a.closedOnTime + b.closedOnTime, overdueOpen: a.overdueOpen + b.overdueOpen,
                   repeats: a.repeats + b.repeats, hoursToClose: a.hoursToClose + b.hoursToClose)
        }

        enum CodingKeys: String, CodingKey { case received, closed, due, closedOnTime, onTimeRate, overdueOpen, meanHoursToClose, repeats }
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(received, forKey: .received)
            try container.encode(closed, forKey: .closed)
            try container.encode(due, forKey: .due)
            try container.encode(closedOnTime, forKey: .closedOnTime)
            try container.encode(onTimeRate, forKey: .onTimeRate)
            try container.encode(overdueOpen, forKey: .overdueOpen)
            try container.encode(meanHoursToClose, forKey: .meanHoursToClose)
            try container.encode(repeats, forKey: .repeats)
        }
    }

    public struct Line: Sendable, Equatable, Encodable {
        public let county: String
        public let countyCode: String
        /// A kind of disorder, or "all" for the county's total.
        public let kind: String
        public let counts: Counts
    }

    public struct AreaLine: Sendable, Equatable, Encodable {
        /// A key-area type, or "" for cases in no key area.
        public let areaType: String
        public let counts: Counts
    }

    public struct Score: Sendable, Equatable, Encodable {
        public let county: String
        /// A key-area type, or "all" for the county's mean over every inspection.
        public let areaType: String
        public let inspections: Int
        public let meanScore: Double
        /// Among the counties' means over every inspection, highest first; equal means share a rank.
        /// Nil for the lines per key-area type.
        public let rank: Int?
    }

    public let period: ReportingPeriod
    public let lines: [Line]
    public let byAreaType: [AreaLine]
    public let scores: [Score]
    public let total: Counts

    public init(_ data: IncidentRecords, _ period: ReportingPeriod, repeatDistance: Double = 50, repeatDays: Double = 30) {
        self.period = period
        let end = CaseTime.endOf(period.end)
        let repeats = Self.repeats(data.cases, period, distance: repeatDistance, days: repeatDays)
        func counts(_ cases: [IncidentRecords.Case]) -> Counts {
            var counts = Counts()
            for item in cases {
                if period.inMonth(item.reported.day) {
                    counts.received += 1
                    if repeats.contains(item.code) { counts.repeats += 1 }
                }
                if let closed = item.closed, period.inMonth(closed.day) {
                    counts.closed += 1
                    counts.hoursToClose += closed.hours(since: item.reported)
                }
                if let deadline = item.deadline {
                    if period.inMonth(deadline.day) {
                        counts.due += 1
                        if let closed = item.closed, closed <= deadline { counts.closedOnTime += 1 }
                    }
                    if deadline < end && item.isOpen(at: end) { counts.overdueOpen += 1 }
                }
            }
            return counts
        }
        var lines: [Line] = []
        for unit in data.units {
            let own = data.cases.filter { $0.county == unit.code }
            for kind in Disorder.kinds {
                let ofKind = own.filter { $0.kind == kind }
                if !ofKind.isEmpty { lines.append(Line(county: unit.name, countyCode: unit.code, kind: kind, counts: counts(ofKind))) }
            }
            lines.append(Line(county: unit.name, countyCode: unit.code, kind: "all", counts: counts(own)))
        }
        self.lines = lines
        let counted = Set(data.units.map(\.code))
        let cases = data.cases.filter { $0.county.map(counted.contains) ?? false }
        total = counts(cases)
        byAreaType = (Disorder.areaTypes + [""]).compactMap { type in
            let ofType = cases.filter { ($0.areaType ?? "") == type }
            return ofType.isEmpty ? nil : AreaLine(areaType: type, counts: counts(ofType))
        }
        scores = Self.scores(data, period)
    }

    /// The mean score of the inspections in the month per county (ranked) and, under it, per key-area type.
    static func scores(_ data: IncidentRecords, _ period: ReportingPeriod) -> [Score] {
        let inMonth = data.inspections.filter { period.inMonth($0.day) }
        func mean(_ list: [IncidentRecords.Inspection]) -> Double { list.map(\.score).reduce(0, +) / Double(list.count) }
        let means = data.units.compactMap { unit -> (ProgrammeInventory.Unit, Double)? in
            let own = inMonth.filter { $0.county == unit.code }
            return own.isEmpty ? nil : (unit, Rounding.rounded(mean(own), 1))
        }
        return means.sorted { $0.1 > $1.1 }.flatMap { unit, score in
            let own = inMonth.filter { $0.county == unit.code }
            let rank = means.filter { $0.1 > score }.count + 1
            return [Score(county: unit.name, areaType: "all", inspections: own.count, meanScore: score, rank: rank)]
                + Disorder.areaTypes.compactMap { type in
                    let ofType = own.filter { $0.areaType == type }
                    return ofType.isEmpty ? nil : Score(county: unit.name, areaType: type, inspections: ofType.count,
                                                        meanScore: Rounding.rounded(mean(ofType), 1), rank: nil)
                }
        }
    }

    /// The codes of the cases received in the month that repeat a closed case: same kind, within
    /// `distance` metres, reported after it was closed and within `days` days of its closing.
    static func repeats(_ cases: [IncidentRecords.Case], _ period: ReportingPeriod, distance: Double, days: Double) -> Set<String> {
        let window = Int(days * 86_400)
        // Closed cases bucketed by kind and by squares of side `distance`: a repeat's earlier case lies in
        // its square or the eight around it.
        let side = max(distance, 1)
        struct Bucket: Hashable { let kind: String; let column: Int; let row: Int }
        func bucket(_ kind: String, _ x: Double, _ y: Double) -> Bucket {
            Bucket(kind: kind, column: Int((x / side).rounded(.down)), row: Int((y / side).rounded(.down)))
        }
        var closed: [Bucket: [IncidentRecords.Case]] = [:]
        for item in cases where item.closed != nil {
            if let x = item.x, let y = item.y { closed[bucket(item.kind, x, y), default: []].append(item) }
        }
        var found: Set<String> = []
        for item in cases where period.inMonth(item.reported.day) {
            guard let x = item.x, let y = item.y else { continue }
            let home = bucket(item.kind, x, y)
            let near = (-1...1).flatMap { dx in (-1...1).flatMap { dy in
                closed[Bucket(kind: item.kind, column: home.column + dx, row: home.row + dy)] ?? [] } }
            let isRepeat = near.contains { earlier in
                guard earlier.code != item.code, let closed = earlier.closed, let ex = earlier.x, let ey = earlier.y else { return false }
                let gap = item.reported.seconds - closed.seconds
                return gap >= 0 && gap <= window && (ex - x) * (ex - x) + (ey - y) * (ey - y) <= distance * distance
            }
            if isRepeat { found.insert(item.code) }
        }
        return found
    }
}
