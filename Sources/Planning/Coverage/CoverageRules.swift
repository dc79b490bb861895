import Inventory

/// Which parks count toward service-radius coverage, and how far each one reaches.
///
/// A park counts with the radius of the largest threshold its area reaches; a park below every
/// threshold does not count.
public struct CoverageRules: Sendable, Hashable, Codable {
    public struct Rule: Sendable, Hashable, Codable {
        public var minimumArea: Double
        public var radius: Double

        enum CodingKeys: String, CodingKey {
            case minimumArea = "min_area_m2"
            case radius = "radius_m"
        }

        public init(minimumArea: Double, radius: Double) {
            self.minimumArea = minimumArea
            self.radius = radius
        }

        /// Reads "MIN_M2:RADIUS_M", as `--rule 5000:500`.
        public init(parsing text: String) throws {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let area = Double(parts[0]), let radius = Double(parts[1]),
                  area >= 0, radius > 0, area.isFinite, radius.isFinite else {
                throw RuleError(text: text)
            }
            self.init(minimumArea: area, radius: radius)
        }
    }

    /// Largest threshold first.
    public let rules: [Rule]

    public init(_ rules: [Rule]) {
        self.rules = rules.sorted { $0.minimumArea > $1.minimumArea }
    }

    /// GB/T 50563-2010: parks of 5000 m² and more reach 500 m; parks of 2000 to 5000 m², 300 m.
    public static let gbt50563 = CoverageRules(ParkServiceRadii.gbt50563.map { Rule(minimumArea: $0.minimumArea, radius: $0.radius) })

    /// The radius of a park of `area` m², or nil when it does not count.
    public func radius(forParkArea area: Double) -> Double? {
        rules.first { area >= $0.minimumArea }?.radius
    }
}

public struct RuleError: Error, Equatable, CustomStringConvertible {
    public let text: String
    public var description: String {
        "'\(text)' is not a coverage rule; write MIN_M2:RADIUS_M with numbers, for example 5000:500"
    }
}
