import Foundation
import GeoIO

/// Which districts have submitted their month's figures. A submitted month is locked: its figures
/// are refused until the city reopens it. Every submission and reopening is kept, with who and when.
public struct Submissions: Sendable {
    public struct Event: Sendable, Equatable {
        public enum Action: String, Sendable { case submit, reopen }
        public let district: String
        public let month: String
        public let action: Action
        public let by: String
        /// An `Instant`.
        public let at: String
    }

    /// Where a district stands for a month.
    public enum Status: Sendable, Equatable {
        /// Submitted by the deadline, at this instant.
        case onTime(String)
        /// Submitted after the deadline, at this instant.
        case late(String)
        case notSubmitted

        public var word: String {
            switch self {
            case .onTime: "submitted on time"
            case .late: "submitted late"
            case .notSubmitted: "not submitted"
            }
        }

        /// As the pages say it, to clerks who read Chinese.
        public var chinese: String {
            switch self {
            case .onTime: "按时上报"
            case .late: "逾期上报"
            case .notSubmitted: "未上报"
            }
        }
    }

    /// Oldest first.
    public let events: [Event]

    public func isSubmitted(_ district: String, _ month: String) -> Bool {
        events.last { $0.district == district && $0.month == month }?.action == .submit
    }

    /// Submitted (its last submission by the 25th of the month, end of the day in China, or later),
    /// or not submitted: never, or reopened since.
    public func status(_ district: String, _ month: String) -> Status {
        guard let last = events.last(where: { $0.district == district && $0.month == month }), last.action == .submit else {
            return .notSubmitted
        }
        return last.at < Self.deadline(month) ? .onTime(last.at) : .late(last.at)
    }

    /// The first instant after the month's deadline: 26th 00:00 in Asia/Shanghai, as an `Instant`.
    public static func deadline(_ month: String) -> String {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        return chinaMidnight(year: parts.first ?? 0, month: parts.last ?? 1, day: 26)
    }

    /// The month's first instant: the 26th of the month before, 00:00 in China (when the month
    /// before's deadline passes).
    public static func start(_ month: String) -> String {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        let (year, number) = (parts.first ?? 0, parts.last ?? 1)
        return number == 1 ? chinaMidnight(year: year - 1, month: 12, day: 26) : chinaMidnight(year: year, month: number - 1, day: 26)
    }

    private static func chinaMidnight(year: Int, month: Int, day: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return Instant.string(calendar.date(from: DateComponents(year: year, month: month, day: day))!)
    }

    static let table = "figure_submissions"
    static let fields = [Field("district", .string), Field("month", .string), Field("action", .string),
                         Field("by", .string), Field("at", .string)]
}

extension ProjectFile {
    public func submissions() throws -> Submissions {
        guard package.hasLayer(Submissions.table) else { return Submissions(events: []) }
        let rows = try package.read(Submissions.table)
        let events = rows.features.indices.compactMap { index -> Submissions.Event? in
            guard let action = Submissions.Event.Action(rawValue: rows.value("action", at: index).description) else { return nil }
            return Submissions.Event(district: rows.value("district", at: index).description, month: rows.value("month", at: index).description,
                                     action: action, by: rows.value("by", at: index).description, at: rows.value("at", at: index).description)
        }
        return Submissions(events: events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element))
    }

    /// A district submits its month: its figures lock. Refused when already submitted, or when the
    /// editor may not write the district.
    public static func submitFigures(_ path: String, district: String, month: String, by editor: Editor,
                                     at now: Date = Date(), waiting: () -> Void = {}) throws {
        try editor.mayWrite(district)
        try recordSubmission(path, district: district, month: month, action: .submit, by: editor, at: now, waiting: waiting)
    }

    /// The city reopens a district's submitted month, so that its figures can be changed again.
    public static func reopenFigures(_ path: String, district: String, month: String, by editor: Editor,
                                     at now: Date = Date(), waiting: () -> Void = {}) throws {
        try editor.mayWrite(district)
        guard editor.scope == .city else { throw FiguresError.cityOnly(editor: editor.name) }
        try recordSubmission(path, district: district, month: month, action: .reopen, by: editor, at: now, waiting: waiting)
    }

    private static func recordSubmission(_ path: String, district: String, month: String, action: Submissions.Event.Action,
                                         by editor: Editor, at now: Date, waiting: () -> Void) throws {
        guard Counties.reportingUnits.contains(district) else { throw FiguresError.notReportingUnit(district) }
        try change(path, lock: figuresLock, waiting: waiting) { project in
            let submitted = try project.submissions().isSubmitted(district, month)
            if action == .submit, submitted { throw FiguresError.submitted(district: district, month: month) }
            if action == .submit, Instant.string(now) < Submissions.start(month) { throw FiguresError.notBegun(month) }
            if action == .reopen, !submitted { throw FiguresError.notSubmitted(district: district, month: month) }
            try project.package.insert(Feature(values: [.string(district), .string(month), .string(action.rawValue),
                                                        .string(editor.name), .string(Instant.string(now))], geometry: nil),
                                       into: Submissions.table)
        }
    }
}

/// What entering, submitting or reopening figures refuses.
public enum FiguresError: Error, Equatable, CustomStringConvertible {
    case unknownKey(String)
    case wrongKind(FigureKey, FigureValue)
    case negative(FigureKey, Double)
    case notPlainNumber(FigureKey, String)
    case tooLarge(FigureKey, Double)
    case notReportingUnit(String)
    case partsExceedWhole(whole: FigureKey, Double, parts: [String])
    case submitted(district: String, month: String)
    case notSubmitted(district: String, month: String)
    case outOfScope(editor: String, district: String)
    case cityOnly(editor: String)
    case readOnly(editor: String)
    case notBegun(String)

    public var description: String {
        switch self {
        case let .unknownKey(key): "no figure '\(key)' (see habitat figures show --keys)"
        case let .wrongKind(key, value):
            "\(key.name): '\(value.shown)' is not " + (key.kind == .text ? "text" : key.kind == .count ? "a whole number" : "a number")
        case let .negative(key, number): "\(key.name): \(FigureValue.number(number).shown) is negative; figures are never below 0"
        case let .notPlainNumber(key, text):
            "\(key.name): '\(text)' is not a plain number: write digits with a decimal point if needed, commas only between thousands (1234.5 or 1,234.5), no exponents"
        case let .tooLarge(key, number):
            "\(key.name): \(FigureValue.number(number).shown) is more than \(FigureValue.number(FigureKey.largest).shown)\(key.unit.isEmpty ? "" : " " + key.unit); check the figure and its unit"
        case let .partsExceedWhole(whole, number, parts):
            "\(parts.joined(separator: " + ")) is more than \(whole.name) \(FigureValue.number(number).shown): a 其中 cell is part of the cell it stands under"
        case let .notReportingUnit(district):
            "'\(district)' is not one of the programme's reporting units (\(Counties.reportingUnits.map(Counties.name(for:)).joined(separator: "、")))"
        case let .submitted(district, month):
            "\(Counties.name(for: district)) has submitted \(month): its figures are locked until the city reopens the month (habitat figures reopen)"
        case let .notSubmitted(district, month): "\(Counties.name(for: district)) has not submitted \(month): nothing to reopen"
        case let .outOfScope(editor, district): "\(editor) may not write the figures of \(Counties.name(for: district))"
        case let .cityOnly(editor): "\(editor) may not reopen a month: only the city office reopens"
        case let .readOnly(editor): "\(editor) reads only: it may not enter, submit or reopen figures"
        case let .notBegun(month): "\(month) has not begun (it runs from \(Instant.chinaTime(Submissions.start(month))), China time): a month is submitted once it has begun"
        }
    }
}

extension FigureValue {
    /// As a person wrote it.
    public var shown: String {
        switch self {
        case let .text(text): text
        case let .number(number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        }
    }
}

extension ProjectFile {
    /// Where every reporting unit stands for `month`: the programme's ten and any other district the
    /// project names or has figures or submissions from, in the forms' order.
    public func submissionStatus(month: String) throws -> [(district: String, name: String, status: Submissions.Status)] {
        let names = try countyNames()
        let submissions = try submissions()
        let others = names.listed.union(try monthlyFigures().entries.map(\.district)).union(submissions.events.map(\.district))
            .subtracting(Counties.reportingUnits).sorted()
        return (Counties.reportingUnits + others).map { ($0, names.name($0), submissions.status($0, month)) }
    }
}
