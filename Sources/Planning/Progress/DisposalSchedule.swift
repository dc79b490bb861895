import Foundation
import Inventory

/// An old-factory class's disposal-rate targets (处置率) as a rate due on any day: a target due
/// later is asked for pro rata, linearly by day, from the target before it — and the first from 0 %
/// a year before its date; after the last target, all of it.
struct DisposalSchedule {
    /// A rate (per cent) due by a date (YYYY-MM-DD).
    private typealias Target = (by: String, rate: Double)
    private let targets: [Target]

    init(_ targets: [Plans.DisposalTarget]) {
        self.targets = targets.map { ($0.by, $0.ratePercent) }.sorted { $0.by < $1.by }
    }

    /// The rate due on `date` (YYYY-MM-DD), in per cent; 0 without targets.
    func rate(on date: String) -> Double {
        guard let (from, due) = stretch(on: date) else { return targets.last?.rate ?? 0 }
        guard let start = Self.day(from.by), let end = Self.day(due.by), let now = Self.day(date), end > start else {
            return due.rate
        }
        return from.rate + (due.rate - from.rate) * Double(now - start) / Double(end - start)
    }

    /// How the rate due on `date` follows from the targets, for a person.
    func explained(on date: String) -> String {
        guard let (from, due) = stretch(on: date) else {
            return targets.last.map { "\(Self.percent($0.rate)) % by \($0.by)" } ?? "no target"
        }
        return "pro rata between \(Self.percent(from.rate)) % by \(from.by) and \(Self.percent(due.rate)) % by \(due.by)"
    }

    /// The target due next on `date` and the one before it (0 % a year before the first); nil after the last.
    private func stretch(on date: String) -> (Target, Target)? {
        guard let index = targets.firstIndex(where: { $0.by >= date }) else { return nil }
        let due = targets[index]
        if index > 0 { return (targets[index - 1], due) }
        let yearBefore = String((Int(due.by.prefix(4)) ?? 0) - 1) + due.by.dropFirst(4)
        return ((yearBefore, 0), due)
    }

    /// Days since 1970-01-01 of a YYYY-MM-DD date.
    private static func day(_ date: String) -> Int? {
        formatter.date(from: date).map { Int(($0.timeIntervalSince1970 / 86_400).rounded()) }
    }

    private static func percent(_ value: Double) -> String { String(format: "%g", value) }

    nonisolated(unsafe) private static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }()
}
