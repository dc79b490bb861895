import Foundation

/// A set of targets and standards to check the indicators against, kept as a CSV file that a
/// planner can read and edit: one rule per line, each with its source and whether it is verified.
///
///     rule,indicator,scope,year,level,condition,value,verified,source
///     target,green_space_ratio,central_city,2020,,>=,35,yes,"曲办发〔2016〕76号 ..."
///     growth,green_space_ratio,all,,,<32,0.7,yes,...        (a yearly increase of at least 0.7 point below 32 %)
///     historic,green_space_ratio,all,,,,-2,no,...           (where historic districts exceed half the area)
///     radius,park_coverage,all,,,>=5000,500,no,...           (parks of 5000 m² and more reach 500 m)
///
/// `scope` is all, central_city or other_towns; `year` the year a target is for (empty: every
/// year); `level` a grade's name where a standard has several.
public struct Profile: Sendable {
    public struct Target: Sendable, Equatable {
        public let indicator: Indicator
        public let scope: Scope
        public let year: Int?
        public let level: String?
        /// Whether the value must exceed the target (">") rather than reach it (">=").
        public let strict: Bool
        public let value: Double
        public let verified: Bool
        public let source: String
    }

    public struct Growth: Sendable, Equatable {
        public let indicator: Indicator
        /// The rule applies where last year's value is below `below` (or at least `atLeast`).
        public let below: Double?
        public let atLeast: Double?
        public let increase: Double
        public let verified: Bool
        public let source: String

        func applies(toPrevious value: Double) -> Bool {
            (below.map { value < $0 } ?? true) && (atLeast.map { value >= $0 } ?? true)
        }
    }

    public struct HistoricAdjustment: Sendable, Equatable {
        public let indicator: Indicator
        public let change: Double
        public let verified: Bool
        public let source: String
    }

    public enum Scope: String, Sendable { case all, centralCity = "central_city", otherTowns = "other_towns" }

    public let name: String
    public let targets: [Target]
    public let growth: [Growth]
    public let historic: [HistoricAdjustment]
    /// Which parks count toward coverage and how far they reach; GB/T 50563 where the profile has none.
    public let coverageRules: CoverageRules

    /// Reads a profile file.
    public init(contentsOf path: String) throws {
        try self.init(name: ProfileError.name(of: path), text: ProfileError.text(of: path), file: path)
    }

    init(name: String, text: String, file: String) throws {
        self.name = name
        var targets: [Target] = [], growth: [Growth] = [], historic: [HistoricAdjustment] = []
        var radii: [CoverageRules.Rule] = []
        var sawHeader = false
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let row = ProfileRow(line: String(line).trimmingCharacters(in: .whitespacesAndNewlines), file: file, number: offset + 1)
            if row.isBlank { continue }
            if !sawHeader {
                guard row.fields.first == "rule" else { throw row.error("the first line must be the header rule,indicator,…") }
                sawHeader = true
                continue
            }
            let indicator = try row.indicator()
            switch try row.field(0, "rule") {
            case "target":
                let (strict, value) = try row.comparison()
                targets.append(Target(indicator: indicator, scope: try row.scope(), year: try row.year(), level: row.optional(4),
                                      strict: strict, value: value, verified: try row.verified(), source: row.source))
            case "growth":
                let (below, atLeast) = try row.bound()
                growth.append(Growth(indicator: indicator, below: below, atLeast: atLeast, increase: try row.number(6, "value"),
                                     verified: try row.verified(), source: row.source))
            case "historic":
                historic.append(HistoricAdjustment(indicator: indicator, change: try row.number(6, "value"),
                                                   verified: try row.verified(), source: row.source))
            case "radius":
                guard indicator == .parkCoverage, let minimum = try row.bound().atLeast else {
                    throw row.error("a radius rule is for park_coverage, with a condition such as >=5000")
                }
                let radius = try row.number(6, "value")
                guard radius > 0 else { throw row.error("a radius must be more than 0 m") }
                radii.append(CoverageRules.Rule(minimumArea: minimum, radius: radius))
            case let other:
                throw row.error("unknown rule '\(other)' (rules: target, growth, historic, radius)")
            }
        }
        guard sawHeader else { throw ProfileError(file: file, line: 1, problem: "the file is empty") }
        self.targets = targets
        self.growth = growth
        self.historic = historic
        coverageRules = radii.isEmpty ? .gbt50563 : CoverageRules(radii)
    }

    /// The profiles habitat ships, by name.
    public static func shipped(_ name: String) throws -> Profile {
        guard shippedNames.contains(name), let folder = shippedFolder else {
            throw ProfileError(file: name, line: 0, problem: "no such profile (shipped: \(shippedNames.joined(separator: ", ")); or give a file)")
        }
        return try Profile(contentsOf: folder.appendingPathComponent("\(name).csv").path)
    }

    /// The profiles in `Profiles/` (a test holds this list to the folder). Listed here so that
    /// help texts need not open the resource bundle.
    public static let shippedNames = ["garden-city-2016", "gb55014-2021", "gbt50563-2010", "qujing-2016-2020"]

    /// The profile used where none is named: Qujing's own programme targets.
    public static let defaultName = "qujing-2016-2020"

    private static var shippedFolder: URL? { Bundle.module.resourceURL?.appendingPathComponent("Profiles") }

    /// A shipped profile by name, or a profile file by path.
    public static func named(_ nameOrPath: String) throws -> Profile {
        nameOrPath.hasSuffix(".csv") || nameOrPath.contains("/") ? try Profile(contentsOf: nameOrPath) : try shipped(nameOrPath)
    }
}

public struct ProfileError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let problem: String
    public var description: String { line > 0 ? "\(file):\(line): \(problem)" : "\(file): \(problem)" }

    /// A table file's text (profiles, deadline rules), or the error that names it.
    static func text(of path: String) throws -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ProfileError(file: path, line: 0, problem: "cannot be read (\(error.localizedDescription))")
        }
    }

    /// A table file's name: the file's, without folder and extension.
    static func name(of path: String) -> String { ((path as NSString).lastPathComponent as NSString).deletingPathExtension }
}

/// One line of a profile file, split into its fields, with errors that name the file and line.
private struct ProfileRow {
    let fields: [String]
    let file: String
    let number: Int
    let isBlank: Bool

    init(line: String, file: String, number: Int) {
        self.file = file
        self.number = number
        isBlank = line.isEmpty || line.hasPrefix("#")
        fields = isBlank ? [] : ProfileRow.split(line)
    }

    func error(_ problem: String) -> ProfileError { ProfileError(file: file, line: number, problem: problem) }

    func field(_ index: Int, _ name: String) throws -> String {
        guard index < fields.count else { throw error("missing \(name) (column \(index + 1))") }
        return fields[index]
    }

    func optional(_ index: Int) -> String? {
        index < fields.count && !fields[index].isEmpty ? fields[index] : nil
    }

    func indicator() throws -> Indicator {
        let text = try field(1, "indicator")
        guard let indicator = Indicator(rawValue: text) else {
            throw error("unknown indicator '\(text)' (indicators: \(Indicator.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return indicator
    }

    func scope() throws -> Profile.Scope {
        let text = optional(2) ?? "all"
        guard let scope = Profile.Scope(rawValue: text) else { throw error("unknown scope '\(text)' (all, central_city, other_towns)") }
        return scope
    }

    func year() throws -> Int? {
        guard let text = optional(3) else { return nil }
        guard let year = Int(text), (1900...2200).contains(year) else { throw error("'\(text)' is not a year") }
        return year
    }

    func number(_ index: Int, _ name: String) throws -> Double {
        let text = try field(index, name)
        guard let value = Double(text), value.isFinite else { throw error("'\(text)' is not a number (\(name))") }
        return value
    }

    /// A target's comparison and value: ">=" or ">" in the condition column.
    func comparison() throws -> (strict: Bool, value: Double) {
        let condition = optional(5) ?? ">="
        guard condition == ">=" || condition == ">" else { throw error("'\(condition)' is not a comparison (>= or >)") }
        return (condition == ">", try number(6, "value"))
    }

    /// A condition such as "<32" or ">=32" on a value.
    func bound() throws -> (below: Double?, atLeast: Double?) {
        guard let condition = optional(5) else { return (nil, nil) }
        for (prefix, isBelow) in [(">=", false), ("<", true)] where condition.hasPrefix(prefix) {
            let text = String(condition.dropFirst(prefix.count))
            guard let value = Double(text), value.isFinite else { throw error("'\(condition)' is not a condition such as <32 or >=32") }
            return isBelow ? (value, nil) : (nil, value)
        }
        throw error("'\(condition)' is not a condition such as <32 or >=32")
    }

    func verified() throws -> Bool {
        switch optional(7) ?? "" {
        case "yes": return true
        case "no": return false
        case let other: throw error("verified must be yes or no, not '\(other)'")
        }
    }

    var source: String { optional(8) ?? "" }

    /// Splits a CSV line, honouring double quotes.
    static func split(_ line: String) -> [String] {
        var fields: [String] = [], current = "", quoted = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            switch character {
            case "\"" where quoted:
                // A doubled quote inside quotes is a quote.
                if let next = characters.next() {
                    if next == "\"" { current.append("\"") } else {
                        quoted = false
                        if next == "," { fields.append(current); current = "" } else { current.append(next) }
                    }
                } else {
                    quoted = false
                }
            case "\"" where current.isEmpty: quoted = true
            case "," where !quoted: fields.append(current); current = ""
            default: current.append(character)
            }
        }
        fields.append(current)
        return fields.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
