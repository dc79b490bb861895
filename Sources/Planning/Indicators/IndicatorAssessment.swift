import Foundation

/// One indicator of one area checked against one target.
public struct IndicatorCheck: Sendable, Equatable, Encodable {
    public let indicator: Indicator
    public let value: Double?
    /// Why there is no value, where there is none.
    public let unavailable: String?
    public let target: Double?
    public let strict: Bool
    public let level: String?
    public let targetYear: Int?
    public let source: String?
    public let verified: Bool?
    public let pass: Bool?
    /// What it takes to close the gap, in a unit a planner can act on; nil when it passes.
    public let gap: String?

    enum CodingKeys: String, CodingKey {
        case indicator, name, value, unit, unavailable, target, comparison, level, targetYear = "target_year", source, verified, pass, gap
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(indicator, forKey: .indicator)
        try container.encode(indicator.chineseName, forKey: .name)
        try container.encode(value, forKey: .value)
        try container.encode(indicator.unit, forKey: .unit)
        try container.encodeIfPresent(unavailable, forKey: .unavailable)
        try container.encode(target, forKey: .target)
        try container.encode(target == nil ? nil : strict ? ">" : ">=", forKey: .comparison)
        try container.encodeIfPresent(level, forKey: .level)
        try container.encodeIfPresent(targetYear, forKey: .targetYear)
        try container.encode(source, forKey: .source)
        try container.encode(verified, forKey: .verified)
        try container.encode(pass, forKey: .pass)
        try container.encode(gap, forKey: .gap)
    }
}

extension Profile {
    /// The targets that apply to an area in `year`, for one indicator: per level, the target for
    /// the first target year not before `year` (or, past them all, the last), plus the undated ones;
    /// moved by the historic-district adjustments where historic districts cover over half the area.
    func targets(for indicator: Indicator, in area: AreaMeasures, year: Int) -> [Target] {
        let applicable = targets.filter { target in
            target.indicator == indicator && (target.scope == .all
                || target.scope == (area.centralCity ? .centralCity : .otherTowns))
        }
        let levels = applicable.map(\.level).reduce(into: [String?]()) { if !$0.contains($1) { $0.append($1) } }
        let adjustment = area.historicShare > 0.5
            ? historic.filter { $0.indicator == indicator }.map(\.change).reduce(0, +) : 0
        return levels.flatMap { level -> [Target] in
            let ofLevel = applicable.filter { $0.level == level }
            let dated = ofLevel.filter { $0.year != nil }
            let chosenYear = dated.compactMap(\.year).filter { $0 >= year }.min() ?? dated.compactMap(\.year).max()
            return ofLevel.filter { $0.year == nil || $0.year == chosenYear }
        }.map { target in
            Target(indicator: target.indicator, scope: target.scope, year: target.year, level: target.level,
                   strict: target.strict, value: target.value + adjustment, verified: target.verified,
                   source: adjustment == 0 ? target.source : target.source + "; adjusted \(adjustment) for historic districts")
        }
    }

    /// Every indicator of `area` checked against the targets that apply in `year`. An indicator
    /// no target names is still listed, with its value.
    public func assess(_ area: AreaMeasures, year: Int) -> [IndicatorCheck] {
        Indicator.allCases.flatMap { indicator -> [IndicatorCheck] in
            let value = area.value(indicator)
            let targets = targets(for: indicator, in: area, year: year)
            guard !targets.isEmpty else {
                return [IndicatorCheck(indicator: indicator, value: try? value.get(), unavailable: value.unavailableReason,
                                       target: nil, strict: false, level: nil, targetYear: nil, source: nil, verified: nil,
                                       pass: nil, gap: nil)]
            }
            return targets.map { target in
                let measured = try? value.get()
                let pass = measured.map { target.strict ? $0 > target.value : $0 >= target.value }
                return IndicatorCheck(indicator: indicator, value: measured, unavailable: value.unavailableReason,
                                      target: target.value, strict: target.strict, level: target.level,
                                      targetYear: target.year, source: target.source, verified: target.verified, pass: pass,
                                      gap: pass == false ? Gap.describe(indicator, area, target: target.value, value: measured!) : nil)
            }
        }
    }

    /// The yearly increase a growth rule asks of `indicator` after a year in which it stood at `previous`.
    public func requiredIncrease(_ indicator: Indicator, after previous: Double) -> Growth? {
        growth.first { $0.indicator == indicator && $0.applies(toPrevious: previous) }
    }
}

extension Result where Failure == AreaMeasures.Unavailable {
    var unavailableReason: String? {
        if case let .failure(reason) = self { return reason.reason }
        return nil
    }
}

/// A shortfall said in the unit that closes it.
enum Gap {
    static func describe(_ indicator: Indicator, _ area: AreaMeasures, target: Double, value: Double) -> String {
        switch indicator {
        case .greenSpaceRatio, .greenCoverage:
            let points = target - value
            let hectares = points / 100 * area.landArea / 10_000
            return "needs \(format(points, 2)) points more \(indicator == .greenSpaceRatio ? "green-space ratio" : "green coverage")"
                + " (\(format(hectares, 1)) ha more \(indicator.landNeeded))"
        case .parkAreaPerPerson, .comprehensiveParkPerPerson, .communityParkPerPerson:
            let hectares = (target - value) * (area.population ?? 0) / 10_000
            return "needs \(format(hectares, 1)) ha more \(indicator.landNeeded) (\(format(target - value, 2)) m² per person)"
        case .parkCoverage:
            let outside = (area.residentialArea - area.coveredArea) / 1_000_000
            let needed = (target / 100 * area.residentialArea - area.coveredArea) / 1_000_000
            return "\(format(outside, 2)) km² of residential land lies outside every park's reach; "
                + "\(format(needed, 2)) km² more must come within reach"
        }
    }

    static func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
}
