import GeoCore
import GeoIO

/// Where recent cases gather: DBSCAN over the points of the cases reported in the `days` before a
/// moment (in the project CRS, metres), each cluster drawn as the land within eps/2 of its cases.
/// A cluster holding a case open longer than `stuckDays` is a 热点难点 (a hot and hard spot), to be
/// exposed and inspected.
public struct Hotspots: Sendable {
    public struct Parameters: Sendable, Equatable {
        public var eps: Double = 50
        public var minCases: Int = 3
        public var days: Double = 90
        public var stuckDays: Double = 30
        public init() {}
    }

    public struct Cluster: Sendable {
        public let cases: [String]
        public let open: Int
        /// The open case reported first, and when.
        public let oldestOpen: (code: String, reported: CaseTime)?
        public let area: Geometry
        /// Whether a case of it has been open longer than `stuckDays`.
        public let isHardSpot: Bool
    }

    public let parameters: Parameters
    public let asOf: CaseTime
    public let clusters: [Cluster]

    public init(_ cases: [IncidentRecords.Case], asOf moment: CaseTime, parameters: Parameters = Parameters()) throws {
        self.parameters = parameters
        asOf = moment
        let since = moment.seconds - Int(parameters.days * 86_400)
        let recent = cases.filter { $0.x != nil && $0.reported.seconds > since && $0.reported <= moment }
        let labels = DBSCAN.labels(x: recent.map { $0.x! }, y: recent.map { $0.y! }, eps: parameters.eps, minPoints: parameters.minCases)
        let groups = Dictionary(grouping: recent.indices.filter { labels[$0] >= 0 }, by: { labels[$0] })
        clusters = try groups.keys.sorted().map { label in
            let members = groups[label]!.map { recent[$0] }
            let open = members.filter { $0.isOpen(at: moment) }.min { ($0.reported, $0.code) < ($1.reported, $1.code) }
            let area = try Geometry.union(of: members.map { try Geometry(wkt: "POINT(\($0.x!) \($0.y!))").buffer(parameters.eps / 2) })
            return Cluster(cases: members.map(\.code), open: members.filter { $0.isOpen(at: moment) }.count,
                           oldestOpen: open.map { ($0.code, $0.reported) }, area: area,
                           isHardSpot: open.map { moment.hours(since: $0.reported) > parameters.stuckDays * 24 } ?? false)
        }
    }

    /// The clusters as polygons (in `crs`, the project's) with their counts and oldest open case;
    /// `hard_spot` 1 marks a 热点难点.
    public func layer(crs: CRS?) -> FeatureLayer {
        FeatureLayer(source: "hotspots.geojson", name: "hotspots", fields: Self.fields,
                     features: clusters.map { cluster in
                         Feature(values: [.integer(Int64(cluster.cases.count)), .integer(Int64(cluster.open)),
                                          cluster.oldestOpen.map { .string($0.code) } ?? .null,
                                          cluster.oldestOpen.map { .string($0.reported.day) } ?? .null,
                                          .integer(cluster.isHardSpot ? 1 : 0), .real(cluster.area.area),
                                          .string(cluster.cases.joined(separator: ","))], geometry: cluster.area)
                     },
                     coordinateSystem: crs.map(CoordinateSystem.crs))
    }

    public static let fields = [Field("cases", .integer), Field("open", .integer), Field("oldest_open", .string),
                                Field("oldest_rep", .string), Field("hard_spot", .integer), Field("area_m2", .real), Field("members", .string)]

    /// The hotspots of project `path` at `moment` (by default the end of `period`'s month), as
    /// `habitat incidents` finds them with its defaults (the shipped deadline rules decide which cases are open).
    public static func read(project path: String, asOf moment: CaseTime) throws -> (hotspots: Hotspots, crs: CRS?) {
        let records = try IncidentRecords.read(project: path, rules: try DeadlineRules.named(DeadlineRules.shippedName))
        return (try Hotspots(records.cases, asOf: moment), records.crs)
    }

    public static func read(project path: String, month period: ReportingPeriod) throws -> (hotspots: Hotspots, crs: CRS?) {
        try read(project: path, asOf: CaseTime.endOf(period.end))
    }
}
