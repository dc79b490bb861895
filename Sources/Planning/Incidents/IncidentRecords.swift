import GeoCore
import GeoIO
import Inventory

/// The 治乱治脏 data of a project as the figures, the hotspots and the form take it: every case with
/// its county, times and deadline, every inspection with its key area's county and type.
public struct IncidentRecords: Sendable {
    public struct Case: Sendable {
        public let code: String
        public let kind: String
        public let areaType: String?
        public let county: String?
        public let reported: CaseTime
        /// The explicit deadline where the data gives one, else reported + the rule's hours (from the
        /// end of the day where only the day of the report is known); nil when no rule covers the case.
        public let deadline: CaseTime?
        /// When it was closed; the end of the day where only the day is known, so that no case closes
        /// before it was reported.
        public let closed: CaseTime?
        /// Its point in the project CRS; nil for a case with no surveyed place — also one placed at
        /// its key area by its address (`approx`): every such case of an area would lie on one spot
        /// and make a hotspot or a repeat of nothing but the placing.
        public let x: Double?, y: Double?

        public init(code: String, kind: String, areaType: String? = nil, county: String?, reported: CaseTime,
                    deadline: CaseTime?, closed: CaseTime? = nil, x: Double? = nil, y: Double? = nil) {
            (self.code, self.kind, self.areaType, self.county, self.reported) = (code, kind, areaType, county, reported)
            (self.deadline, self.closed, self.x, self.y) = (deadline, closed, x, y)
        }

        /// Whether it is still open at `moment`.
        func isOpen(at moment: CaseTime) -> Bool { reported <= moment && !(closed.map { $0 <= moment } ?? false) }
    }

    public struct Inspection: Sendable {
        public let county: String?
        public let areaType: String?
        public let day: String
        public let method: String
        public let score: Double

        public init(county: String?, areaType: String?, day: String, method: String, score: Double) {
            (self.county, self.areaType, self.day, self.method, self.score) = (county, areaType, day, method, score)
        }
    }

    public var cases: [Case]
    public var inspections: [Inspection]
    /// The reporting units: every county of the project, administrative codes first (as the other forms).
    public var units: [ProgrammeInventory.Unit]
    /// The project's CRS, that of the cases' points.
    public var crs: CRS?

    public init(cases: [Case], inspections: [Inspection], units: [ProgrammeInventory.Unit]) {
        (self.cases, self.inspections, self.units) = (cases, inspections, units)
    }

    /// The county of a case that names none and lies in no county's built-up area (a village road,
    /// a river outside town): counted on a line of its own, so that the city's total holds every case.
    public static let unlocated = ""
    static let unlocatedName = "县区未定（建成区外）"

    /// Reads the project's incidents and inspections; deadlines from `rules` where the data has none.
    public static func read(project path: String, rules: DeadlineRules) throws -> IncidentRecords {
        let project = try ProjectFile.open(path)
        let locator = try CountyLocator(builtUp: try project.layer("built_up_areas"))
        let incidents = try project.layer("incidents"), inspections = try project.layer("inspections")
        let keyAreas = try project.layer("key_areas")
        var cases: [Case] = []
        for index in incidents.features.indices {
            let reportedText = incidents.text("reported", at: index)
            guard let reported = CaseTime(reportedText), let kind = incidents.text("kind", at: index) else { continue }
            let areaType = incidents.text("area_type", at: index)
            let deadline = CaseTime(incidents.text("deadline", at: index), dayEnds: true)
                ?? rules.hours(kind: kind, areaType: areaType).map { CaseTime(reportedText, dayEnds: true)!.adding(hours: $0) }
            let placed = incidents.value("approx", at: index).doubleValue == 1
            let point = placed ? nil : incidents.features[index].geometry.flatMap { $0.isEmpty ? nil : $0.coordinates }
            cases.append(Case(code: incidents.text("code", at: index) ?? "", kind: kind, areaType: areaType,
                              county: try locator.county(incidents, index) ?? Self.unlocated, reported: reported, deadline: deadline,
                              closed: CaseTime(incidents.text("closed", at: index), dayEnds: true), x: point?[0], y: point?[1]))
        }
        var areas: [String: (county: String?, type: String?)] = [:]
        for index in keyAreas.features.indices {
            guard let code = keyAreas.text("code", at: index) else { continue }
            areas[code] = (try locator.county(keyAreas, index), keyAreas.text("area_type", at: index))
        }
        var checks: [Inspection] = []
        for index in inspections.features.indices {
            guard let day = inspections.text("inspected", at: index), let score = inspections.value("score", at: index).doubleValue else { continue }
            let area = inspections.text("key_area", at: index).flatMap { areas[$0] }
            checks.append(Inspection(county: try inspections.text("district", at: index) ?? area?.county ?? locator.county(inspections, index),
                                     areaType: area?.type, day: day, method: inspections.text("method", at: index) ?? "", score: score))
        }
        let names = try project.countyNames()
        let codes = names.listed.union(cases.compactMap(\.county)).union(checks.compactMap(\.county)).subtracting([Self.unlocated])
        let ordered = codes.sorted { a, b in
            let (x, y) = (a.allSatisfy(\.isNumber), b.allSatisfy(\.isNumber))
            return x != y ? x : a < b
        }
        var units = ordered.map { ProgrammeInventory.Unit(code: $0, name: names.name($0)) }
        if cases.contains(where: { $0.county == Self.unlocated }) {
            units.append(ProgrammeInventory.Unit(code: Self.unlocated, name: Self.unlocatedName))
        }
        var records = IncidentRecords(cases: cases, inspections: checks, units: units)
        records.crs = project.crs
        return records
    }

    /// Only the county `district` names (by name or code), as `ProgrammeInventory.limited(to:)`.
    public func limited(to district: String?) throws -> IncidentRecords {
        guard let district else { return self }
        let wanted = district.trimmingCharacters(in: .whitespaces)
        guard let unit = units.first(where: { $0.code == wanted || $0.name == wanted || $0.code == Counties.code(for: wanted) }) else {
            throw ReportError.unknownCounty(district, known: units.map { $0.name == $0.code ? $0.name : "\($0.name) \($0.code)" })
        }
        var limited = IncidentRecords(cases: cases.filter { $0.county == unit.code }, inspections: inspections.filter { $0.county == unit.code },
                                      units: [unit])
        limited.crs = crs
        return limited
    }
}
