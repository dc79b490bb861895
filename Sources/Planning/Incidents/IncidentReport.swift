import Foundation
import GeoCore
import GeoIO
import Inventory

/// What `habitat incidents` shows for a month: the figures and the hotspots at the period's end.
public struct IncidentReport: Sendable {
    public let figures: IncidentFigures
    public let hotspots: Hotspots
    public let crs: CRS?

    public struct Options: Sendable {
        public var rules: DeadlineRules
        public var repeatDistance = 50.0, repeatDays = 30.0
        public var hotspots = Hotspots.Parameters()
        public init(rules: DeadlineRules) { self.rules = rules }
    }

    public init(_ records: IncidentRecords, _ period: ReportingPeriod, options: Options) throws {
        figures = IncidentFigures(records, period, repeatDistance: options.repeatDistance, repeatDays: options.repeatDays)
        hotspots = try Hotspots(records.cases, asOf: CaseTime.endOf(period.end), parameters: options.hotspots)
        crs = records.crs
    }

    static func number(_ value: Double?, _ decimals: Int) -> String { value.map { Rounding.text($0, decimals) } ?? "–" }

    public func table() -> String {
        let columns = ["received", "closed", "due", "closed on time", "on time %", "overdue open", "mean h to close", "repeats"]
        func cells(_ counts: IncidentFigures.Counts) -> [String] {
            [counts.received, counts.closed, counts.due, counts.closedOnTime].map(String.init)
                + [Self.number(counts.onTimeRate, 1), String(counts.overdueOpen), Self.number(counts.meanHoursToClose, 1), String(counts.repeats)]
        }
        var text = "incidents \(figures.period.monthStart) to \(figures.period.end)\n"
        text += TextTable(header: ["county", "kind"] + columns,
                          rows: figures.lines.map { [$0.county, $0.kind] + cells($0.counts) } + [["合计", "all"] + cells(figures.total)],
                          totalRow: true).rendered
        text += "\nby key-area type\n" + TextTable(header: ["key-area type"] + columns, rows: figures.byAreaType.map {
            [$0.areaType.isEmpty ? "(none)" : $0.areaType] + cells($0.counts)
        }).rendered
        text += "\ninspections in the month\n" + TextTable(header: ["county", "key-area type", "inspections", "mean score", "rank"], rows: figures.scores.map {
            [$0.county, $0.areaType, String($0.inspections), Rounding.text($0.meanScore, 1), $0.rank.map(String.init) ?? ""]
        }).rendered
        let hard = hotspots.clusters.filter(\.isHardSpot)
        text += "\nhotspots: \(hotspots.clusters.count) cluster(s) of cases in the \(Rounding.text(hotspots.parameters.days, 0)) days "
            + "to \(figures.period.end) (eps \(Rounding.text(hotspots.parameters.eps, 1)) m, at least \(hotspots.parameters.minCases) cases); "
            + "热点难点 (a case open over \(Rounding.text(hotspots.parameters.stuckDays, 0)) days): \(hard.count)\n"
        if !hard.isEmpty {
            text += TextTable(header: ["cases", "open", "oldest open case", "reported"], rows: hard.map { cluster in
                [String(cluster.cases.count), String(cluster.open), cluster.oldestOpen?.code ?? "", cluster.oldestOpen?.reported.day ?? ""]
            }).rendered
        }
        return text
    }

    struct HotspotSummary: Encodable {
        let cases: Int, open: Int, oldestOpen: String?, oldestOpenReported: String?, hardSpot: Bool, areaM2: Double
    }

    public func json() throws -> String {
        struct Document: Encodable {
            let start: String, end: String
            let lines: [IncidentFigures.Line], byAreaType: [IncidentFigures.AreaLine], scores: [IncidentFigures.Score]
            let total: IncidentFigures.Counts, hotspots: [HotspotSummary]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(start: figures.period.monthStart, end: figures.period.end, lines: figures.lines, byAreaType: figures.byAreaType,
                                scores: figures.scores, total: figures.total, hotspots: summaries)
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    private var summaries: [HotspotSummary] {
        hotspots.clusters.map { cluster in
            HotspotSummary(cases: cluster.cases.count, open: cluster.open, oldestOpen: cluster.oldestOpen?.code,
                           oldestOpenReported: cluster.oldestOpen?.reported.day, hardSpot: cluster.isHardSpot, areaM2: cluster.area.area)
        }
    }

    /// For programs: one line per county and kind, unrounded, plain UTF-8.
    public func csv() -> String {
        let header = "county,county_code,kind,received,closed,due,closed_on_time,on_time_pct,overdue_open,mean_hours_to_close,repeats\r\n"
        return header + figures.lines.map { line in
            let c = line.counts
            return [line.county, line.countyCode, line.kind, String(c.received), String(c.closed), String(c.due), String(c.closedOnTime),
                    c.onTimeRate.map { String($0) } ?? "", String(c.overdueOpen), c.meanHoursToClose.map { String($0) } ?? "", String(c.repeats)]
                .map(CSV.field).joined(separator: ",") + "\r\n"
        }.joined()
    }

    /// The clusters as polygons with their counts and oldest open case.
    public func hotspotLayer() -> FeatureLayer { hotspots.layer(crs: crs) }

    public static let outputFiles = ["incidents.json", "incidents.csv", "hotspots.geojson", "hotspots.gpkg"]

    /// Writes the figures and the hotspots (GeoJSON in WGS 84; GeoPackage in the project CRS) into `folder`, all or nothing.
    public func write(to folder: String) throws {
        let layer = hotspotLayer()
        try StagedWrite.files(into: URL(fileURLWithPath: folder)) { staging in
            try Data(json().utf8).write(to: staging.appendingPathComponent("incidents.json"))
            try Data(csv().utf8).write(to: staging.appendingPathComponent("incidents.csv"))
            try VectorWriter.write(layer, to: staging.appendingPathComponent("hotspots.geojson").path)
            try VectorWriter.write(layer, to: staging.appendingPathComponent("hotspots.gpkg").path)
        }
    }
}
