import Foundation
import GeoIO

/// The figures counties enter each month (see `FigureKey`), kept in the project beside the plans:
/// every entry with its district, month (YYYY-MM), key, value, who entered it and when. Nothing is
/// overwritten: a later entry of the same figure replaces it on the forms, the earlier stays.
public struct MonthlyFigures: Sendable {
    public struct Entry: Sendable, Equatable {
        public let district: String
        public let month: String
        public let key: String
        public let value: FigureValue
        public let enteredBy: String
        /// An `Instant`.
        public let enteredAt: String
    }

    /// Every entry, oldest first.
    public let entries: [Entry]
    /// The latest value of each figure, by district, month and key.
    private let latest: [String: Entry]

    public init(entries: [Entry]) {
        self.entries = entries
        latest = Dictionary(entries.map { (Self.slot($0.district, $0.month, $0.key), $0) }, uniquingKeysWith: { _, later in later })
    }

    private static func slot(_ district: String, _ month: String, _ key: String) -> String { "\(district)|\(month)|\(key)" }

    /// The figure a district entered last for a month; nil where it entered none.
    public func value(_ district: String, _ month: String, _ key: String) -> FigureValue? {
        latest[Self.slot(district, month, key)]?.value
    }

    /// What a district's month holds now, one entry per figure, in the order of `FigureKey.all`.
    public func current(_ district: String, _ month: String) -> [Entry] {
        FigureKey.all.compactMap { latest[Self.slot(district, month, $0.key)] }
    }

    static let table = "monthly_figures"
    static let fields = [Field("district", .string), Field("month", .string), Field("key", .string), Field("number", .real),
                         Field("text", .string), Field("entered_by", .string), Field("entered_at", .string)]
}

/// A figure as entered: words, or a number.
public enum FigureValue: Sendable, Equatable {
    case text(String)
    case number(Double)

    public var number: Double? { if case let .number(value) = self { value } else { nil } }
}

extension ProjectFile {
    /// The lock figure changes and submissions take, apart from the layers'.
    static let figuresLock = "figures"

    /// Every figure entered; none in a project made before habitat kept them.
    public func monthlyFigures() throws -> MonthlyFigures {
        guard package.hasLayer(MonthlyFigures.table) else { return MonthlyFigures(entries: []) }
        let rows = try package.read(MonthlyFigures.table)
        let entries = rows.features.indices.map { index in
            MonthlyFigures.Entry(district: rows.value("district", at: index).description, month: rows.value("month", at: index).description,
                                 key: rows.value("key", at: index).description,
                                 value: rows.value("number", at: index).doubleValue.map(FigureValue.number)
                                     ?? .text(rows.value("text", at: index).description),
                                 enteredBy: rows.value("entered_by", at: index).description,
                                 enteredAt: rows.value("entered_at", at: index).description)
        }
        // Written in time order; the instant decides where two writers interleaved.
        return MonthlyFigures(entries: entries.enumerated().sorted { ($0.element.enteredAt, $0.offset) < ($1.element.enteredAt, $1.offset) }.map(\.element))
    }

    /// Enters figures for districts' months, all or none, as `editor`. Refused, with nothing
    /// written, where the editor may not write a district, a figure is unknown or of the wrong kind,
    /// or a district's month is submitted (the city reopens it first).
    public static func enterFigures(_ path: String, _ figures: [(district: String, month: String, key: String, value: FigureValue)],
                                    by editor: Editor, waiting: () -> Void = {}) throws {
        try change(path, lock: figuresLock, waiting: waiting) { project in
            let submissions = try project.submissions()
            for figure in figures {
                guard Counties.reportingUnits.contains(figure.district) else { throw FiguresError.notReportingUnit(figure.district) }
                try editor.mayWrite(figure.district)
                guard let key = FigureKey.named(figure.key) else { throw FiguresError.unknownKey(figure.key) }
                try key.check(figure.value)
                if submissions.isSubmitted(figure.district, figure.month) {
                    throw FiguresError.submitted(district: figure.district, month: figure.month)
                }
            }
            let entered = try project.monthlyFigures()
            try Self.checkParts(figures, entered: entered)
            let at = Instant.next(after: entered.entries.map(\.enteredAt).max())
            for figure in figures {
                let (number, text): (AttributeValue, AttributeValue) = switch figure.value {
                case let .number(value): (.real(value), .null)
                case let .text(value): (.null, .string(value))
                }
                try project.package.insert(Feature(values: [.string(figure.district), .string(figure.month), .string(figure.key), number, text,
                                                            .string(editor.name), .string(at)], geometry: nil), into: MonthlyFigures.table)
            }
        }
    }

    /// Refuses a month whose 其中 cells, as they will stand, add up to more than the cell they are part of.
    static func checkParts(_ figures: [(district: String, month: String, key: String, value: FigureValue)], entered: MonthlyFigures) throws {
        let typed = Dictionary(figures.map { ("\($0.district)|\($0.month)|\($0.key)", $0.value) }, uniquingKeysWith: { _, later in later })
        for slot in Set(figures.map { "\($0.district)|\($0.month)" }) {
            let parts = slot.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            func number(_ key: String) -> Double? { (typed["\(slot)|\(key)"] ?? entered.value(parts[0], parts[1], key))?.number }
            for group in HousingLayout.partsOfWholes {
                let filled = group.parts.compactMap { key in number(key).map { (key, $0) } }
                guard let whole = number(group.whole), !filled.isEmpty, filled.map(\.1).reduce(0, +) > whole else { continue }
                throw FiguresError.partsExceedWhole(whole: FigureKey.named(group.whole)!, whole,
                                                    parts: filled.map { key, number in "\(FigureKey.named(key)!.name) \(FigureValue.number(number).shown)" })
            }
        }
    }

    /// The tables of the monthly figures and their submissions, where a project lacks them.
    func createFigureTables() throws {
        for (table, fields) in [(MonthlyFigures.table, MonthlyFigures.fields), (Submissions.table, Submissions.fields)]
        where !package.hasLayer(table) {
            try package.createLayer(table, crs: crs, content: .attributesOnly, fields: fields)
        }
    }
}

extension FigureKey {
    /// The most any figure may be: more than any county's month reaches in households, 平方米 or
    /// 万元, so that a slip of the keyboard (1e308, a pasted 身份证号) is refused, not printed.
    public static let largest = 1_000_000_000.0

    /// A figure as a person typed it: nil where blank or ——; words where the figure is text; else a
    /// plain decimal (1234.5, or grouped by thousands 1,234.5; full-width digits １２ too), checked.
    /// No exponents, no other commas: "12,5" is refused rather than read as 125.
    public func parse(_ typed: String) throws -> FigureValue? {
        let text = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text != "——" else { return nil }
        if kind == .text { return .text(text) }
        let plain = Self.halfWidth(text)
        guard plain.range(of: #"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$"#, options: .regularExpression) != nil,
              let number = Double(plain.replacingOccurrences(of: ",", with: "")) else { throw FiguresError.notPlainNumber(self, text) }
        try check(.number(number))
        return .number(number)
    }

    /// Full-width digits, comma, point and minus (as Chinese input methods type them) as their ASCII.
    static func halfWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (0xFF0C...0xFF19).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
        }))
    }

    /// Refuses a value the figure cannot take: words in a number, a negative, fractional,
    /// infinite or implausibly large number.
    public func check(_ value: FigureValue) throws {
        switch (kind, value) {
        case (.text, .text): return
        case (.text, .number): throw FiguresError.wrongKind(self, value)
        case (_, .text): throw FiguresError.wrongKind(self, value)
        case let (_, .number(number)):
            guard number.isFinite else { throw FiguresError.notPlainNumber(self, "\(number)") }
            guard number >= 0 else { throw FiguresError.negative(self, number) }
            guard number <= Self.largest else { throw FiguresError.tooLarge(self, number) }
            guard kind != .count || number == number.rounded() else { throw FiguresError.wrongKind(self, value) }
        }
    }
}

extension Editor {
    /// The city writes every district; a county only its own; a read-only account none.
    public func mayWrite(_ district: String) throws {
        guard canWrite else { throw FiguresError.readOnly(editor: name) }
        if case let .district(own) = scope, own != district { throw FiguresError.outOfScope(editor: name, district: district) }
    }

    /// Who the command line enters figures as: the city office, which holds the project file.
    public static let commandLine = Editor(name: "habitat-cli", scope: .city)
}
