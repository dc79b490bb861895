/// A monthly report's period. Counties report by the 25th: a month runs from the 26th of the month
/// before to the 25th (an event on the 25th counts in that month, on the 26th in the next), and the
/// reporting year from 26 December to 25 December, so that every day falls in exactly one month and
/// one year: 26–31 December count in January of the year after.
public struct ReportingPeriod: Sendable, Equatable {
    public let year: Int
    public let month: Int

    /// Reads "YYYY-MM".
    public init(parsing text: String) throws {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, text.count == 7, (1900...2200).contains(parts[0]), (1...12).contains(parts[1]) else {
            throw ReportError.badMonth(text)
        }
        (year, month) = (parts[0], parts[1])
    }

    public init(year: Int, month: Int) {
        (self.year, self.month) = (year, month)
    }

    /// The month being reported now in China: until the 25th this month, after it the next.
    public static var current: ReportingPeriod {
        let parts = FormSignature.today.split(separator: "-").compactMap { Int($0) }
        guard parts[2] > 25 else { return ReportingPeriod(year: parts[0], month: parts[1]) }
        return parts[1] == 12 ? ReportingPeriod(year: parts[0] + 1, month: 1) : ReportingPeriod(year: parts[0], month: parts[1] + 1)
    }

    /// "YYYY-MM", as the figures are kept.
    public var name: String { String(format: "%04d-%02d", year, month) }

    /// The last day counted, "YYYY-MM-25".
    public var end: String { Self.date(year, month, 25) }
    /// The first day of this month's increases: the 26th of the month before (of December for January).
    public var monthStart: String { month == 1 ? yearStart : Self.date(year, month - 1, 26) }
    /// The last day of the month before's period, the 25th: what stood then is this month's starting point.
    public var previousEnd: String { month == 1 ? Self.date(year - 1, 12, 25) : Self.date(year, month - 1, 25) }
    /// The first day of the year to date: 26 December of the year before.
    public var yearStart: String { Self.date(year - 1, 12, 26) }

    /// Whether a date (YYYY-MM-DD) falls by the end of the period, ever.
    public func byEnd(_ date: String?) -> Bool { date.map { $0 <= end } ?? false }
    public func inMonth(_ date: String?) -> Bool { date.map { $0 >= monthStart && $0 <= end } ?? false }
    public func inYear(_ date: String?) -> Bool { date.map { $0 >= yearStart && $0 <= end } ?? false }

    private static func date(_ year: Int, _ month: Int, _ day: Int) -> String {
        String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }
}

public enum ReportError: Error, Equatable, CustomStringConvertible {
    case badMonth(String)
    case unknownForm(String)
    case unknownCounty(String, known: [String])

    public var description: String {
        switch self {
        case let .badMonth(text): "'\(text)' is not a month; write YYYY-MM, for example 2018-03"
        case let .unknownForm(name): "no form '\(name)' (forms: \((MonthlyForm.allCases.map(\.rawValue) + [IncidentForm.name]).joined(separator: ", ")))"
        case let .unknownCounty(name, known):
            "no county '\(name)' in this project (counties: \(known.isEmpty ? "none yet" : known.joined(separator: ", ")))"
        }
    }
}
