import Foundation
import GeoIO

/// A filled form, laid out as its original (the 附件 of the plan) prints it: the title, the
/// reporting period, the lines above the table (填报单位（盖章）), its headers in one or two levels,
/// its rows, the original's notes and the signature line. Written as XLSX to print and stamp, HTML
/// that prints the same, and CSV (UTF-8 with BOM, one header row per level).
public struct FormTable: Sendable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A figure and the decimals it is shown with.
        case number(Double, Int)

        public var text: String {
            switch self {
            case let .text(text): text
            case let .number(value, decimals): Rounding.text(value, decimals)
            }
        }

        /// The figure as the form shows it, rounded to its decimals; nil for text.
        public var shown: Double? {
            guard case let .number(value, decimals) = self else { return nil }
            return Rounding.rounded(value, decimals)
        }
    }

    /// A column's header, or a header over a group of columns that each have their own below it,
    /// or over groups in turn (`nested`), as the housing form stacks its headers five deep.
    public indirect enum Header: Sendable, Equatable {
        case column(String)
        case group(String, [String])
        case nested(String, [Header])

        public var name: String {
            switch self {
            case let .column(name), let .group(name, _), let .nested(name, _): name
            }
        }

        /// The headers right under it; none under a column.
        public var children: [Header] {
            switch self {
            case .column: []
            case let .group(_, names): names.map(Header.column)
            case let .nested(_, children): children
            }
        }

        /// The names of the columns under it, each with its groups' before it: "“旧厂区”改造 累积完成量".
        var columns: [String] {
            children.isEmpty ? [name] : children.flatMap(\.columns).map { "\(name) \($0)" }
        }

        /// How many header rows it takes: one, and those of its deepest child.
        var depth: Int { 1 + (children.map(\.depth).max() ?? 0) }
    }

    /// A line printed above or below the table: its label, and what fills it in.
    public struct Line: Sendable, Equatable {
        public enum Filling: Sendable, Equatable {
            case unit, preparer, phone, reportDate, periodEnd, byHand
            /// Known when the form is made: a county's name on a form limited to it.
            case given(String)
        }
        public let label: String
        public let filling: Filling

        public init(_ label: String, _ filling: Filling = .byHand) {
            (self.label, self.filling) = (label, filling)
        }

        /// 填表人 / 联系电话 / 填表日期, at the foot of most forms.
        public static let signature = [Line("填表人：", .preparer), Line("联系电话：", .phone), Line("填表日期：", .reportDate)]
    }

    public let title: String
    public let period: ReportingPeriod
    public let headers: [Header]
    public let rows: [[Cell]]
    public var above: [Line]
    public var notes: [String]
    public var foot: [Line]
    /// Whether the form reports a month's increases, or only what stands at the period's end.
    public var isMonthly: Bool

    public init(title: String, period: ReportingPeriod, headers: [Header], rows: [[Cell]],
                above: [Line] = [Line("填报单位（盖章）：", .unit)], notes: [String] = [], foot: [Line] = Line.signature,
                isMonthly: Bool = true) {
        (self.title, self.period, self.headers, self.rows) = (title, period, headers, rows)
        (self.above, self.notes, self.foot, self.isMonthly) = (above, notes, foot, isMonthly)
    }

    /// Every column's name, in order.
    public var columns: [String] { headers.flatMap(\.columns) }

    /// How many rows the headers take: one, two where a group stands over its columns, more where groups stand over groups.
    var headerLevels: Int { headers.map(\.depth).max() ?? 1 }

    /// The cell in column `column` (see `columns`) of row `row`.
    public func cell(_ row: Int, _ column: String) -> Cell? {
        columns.firstIndex(of: column).map { rows[row][$0] }
    }

    /// Under the title: "统计期间：2017年12月26日至2018年3月25日；本月：2018年2月26日至2018年3月25日" for a
    /// monthly form, "统计截至：2018年3月25日" for a register of what stands.
    public var periodLine: String {
        guard isMonthly else { return "统计截至：\(Self.chinese(period.end))" }
        return "统计期间：\(Self.chinese(period.yearStart))至\(Self.chinese(period.end))；本月：\(Self.chinese(period.monthStart))至\(Self.chinese(period.end))"
    }

    /// "2017-12-26" as a form writes it: "2017年12月26日".
    static func chinese(_ date: String) -> String {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        return "\(parts[0])年\(parts[1])月\(parts[2])日"
    }

    /// Writes `<name>.xlsx`, `<name>.html` and `<name>.csv` into `folder`, all or none.
    public func write(to folder: String, name: String, signature: FormSignature = FormSignature()) throws {
        let sheet = printed(signature)
        try StagedWrite.files(into: URL(fileURLWithPath: folder)) { staging in
            try sheet.writeXLSX(to: staging.appendingPathComponent("\(name).xlsx").path)
            try Data(sheet.html.utf8).write(to: staging.appendingPathComponent("\(name).html"))
            try CSV.forPeople(csv).write(to: staging.appendingPathComponent("\(name).csv"))
        }
    }

    /// The header rows, one per level (a group's name over its first column), then the rows.
    public var csv: String {
        /// A header's cells in header row `level`: its name over its first column, blank over the rest.
        func cells(_ header: Header, _ level: Int) -> [String] {
            if level == 0 { return [header.name] + Array(repeating: "", count: header.columns.count - 1) }
            return header.children.isEmpty ? [""] : header.children.flatMap { cells($0, level - 1) }
        }
        let headerLines = (0..<headerLevels).map { level in headers.flatMap { cells($0, level) } }
        return (headerLines + rows.map { $0.map(\.text) })
            .map { $0.map(CSV.field).joined(separator: ",") + "\r\n" }.joined()
    }
}

/// What a county writes on a form by hand when it is not given: the reporting unit (盖章), who
/// filled it in, a telephone number; and the day it was made.
public struct FormSignature: Sendable, Equatable {
    public var unit: String?
    public var preparer: String?
    public var phone: String?
    /// YYYY-MM-DD.
    public var date: String

    public init(unit: String? = nil, preparer: String? = nil, phone: String? = nil, date: String = FormSignature.today) {
        (self.unit, self.preparer, self.phone, self.date) = (unit, preparer, phone, date)
    }

    /// Today in China, where the forms are filled in.
    public static var today: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let day = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!)
    }

    /// The line's text: its label and what fills it, or a rule to write on by hand.
    func text(_ line: FormTable.Line, period: ReportingPeriod) -> String {
        let blank = String(repeating: "_", count: 16)
        let filled: String? = switch line.filling {
        case .unit: unit
        case .preparer: preparer
        case .phone: phone
        case .reportDate: FormTable.chinese(date)
        case .periodEnd: FormTable.chinese(period.end)
        case let .given(text): text
        case .byHand: nil
        }
        return line.label + (filled ?? blank)
    }
}
