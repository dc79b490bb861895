import Foundation
import Inventory

/// How long a case of each kind, in each kind of key area, may take to be put right (限期整改): a
/// CSV file a planner edits, one rule per line.
///
///     kind,area_type,hours,verified,source
///     占道经营,主次干道,4,no,habitat default
///     *,*,72,no,habitat default
///
/// The most specific rule wins: kind and area type, then kind, then area type, then `*,*`.
public struct DeadlineRules: Sendable {
    public struct Rule: Sendable, Equatable {
        public let kind: String?
        public let areaType: String?
        public let hours: Double
    }

    public let name: String
    public let rules: [Rule]

    public init(contentsOf path: String) throws {
        try self.init(name: ProfileError.name(of: path), text: ProfileError.text(of: path), file: path)
    }

    init(name: String, text: String, file: String) throws {
        self.name = name
        var rules: [Rule] = [], sawHeader = false
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            func error(_ problem: String) -> ProfileError { ProfileError(file: file, line: offset + 1, problem: problem) }
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if !sawHeader {
                guard fields.prefix(3) == ["kind", "area_type", "hours"] else { throw error("the first line must be the header kind,area_type,hours,…") }
                sawHeader = true
                continue
            }
            guard fields.count >= 3 else { throw error("a rule needs kind, area_type and hours") }
            let kind = fields[0] == "*" ? nil : fields[0], areaType = fields[1] == "*" ? nil : fields[1]
            if let kind, !Disorder.kinds.contains(kind) {
                throw error("unknown kind '\(kind)' (kinds: \(Disorder.kinds.joined(separator: ", ")), or *)")
            }
            if let areaType, !Disorder.areaTypes.contains(areaType) {
                throw error("unknown key-area type '\(areaType)' (types: \(Disorder.areaTypes.joined(separator: ", ")), or *)")
            }
            guard let hours = Double(fields[2]), hours.isFinite, hours > 0 else { throw error("'\(fields[2])' is not a number of hours above 0") }
            if rules.contains(where: { $0.kind == kind && $0.areaType == areaType }) { throw error("a second rule for \(fields[0]),\(fields[1])") }
            rules.append(Rule(kind: kind, areaType: areaType, hours: hours))
        }
        guard sawHeader else { throw ProfileError(file: file, line: 1, problem: "the file is empty") }
        self.rules = rules
    }

    /// The hours a case has, by the most specific rule; nil where no rule covers it.
    public func hours(kind: String?, areaType: String?) -> Double? {
        let candidates: [(String?, String?)] = [(kind, areaType), (kind, nil), (nil, areaType), (nil, nil)]
        for (k, a) in candidates where (k == nil || kind != nil) && (a == nil || areaType != nil) {
            if let rule = rules.first(where: { $0.kind == k && $0.areaType == a }) { return rule.hours }
        }
        return nil
    }

    /// The rules habitat ships (ours, to edit).
    public static let shippedName = "habitat-default"

    /// The shipped rules, or a rules file by path.
    public static func named(_ nameOrPath: String) throws -> DeadlineRules {
        if nameOrPath.hasSuffix(".csv") || nameOrPath.contains("/") { return try DeadlineRules(contentsOf: nameOrPath) }
        guard nameOrPath == shippedName, let folder = Bundle.module.resourceURL?.appendingPathComponent("Profiles/deadlines") else {
            throw ProfileError(file: nameOrPath, line: 0, problem: "no such deadline rules (shipped: \(shippedName); or give a file)")
        }
        return try DeadlineRules(contentsOf: folder.appendingPathComponent("\(nameOrPath).csv").path)
    }
}
