import Foundation
import GeoCore
import GeoIO

/// Where a survey row is, read from its coordinate columns: longitude and latitude (decimal
/// degrees or 度分秒), or Gauss-Krüger X and Y (northing and easting in either order, the zone
/// told by a 34/35 prefix on the easting or by which zone puts the point inside the project).
/// A sheet may have both pairs; each row is placed by the pair it fills. A 坐标系 column names the
/// system of each row's 经度/纬度 (WGS84, GCJ-02 for Amap and Tencent, BD-09 for Baidu, or an EPSG
/// code): a hotline export gathers points picked on different phone maps.
struct SurveyLocation {
    /// Two columns that give a position together, and their headers as the sheet writes them.
    struct Pair: CustomStringConvertible {
        let columns: (Int, Int)
        let headers: (String, String)
        var description: String { "\(headers.0)/\(headers.1)" }
    }

    let degrees: Pair?
    let projected: Pair?
    /// The column naming each row's coordinate system, where the sheet has one.
    let system: (index: Int, header: String)?
    /// The coordinate system the user declared for the positions (--crs), if any.
    let declared: CoordinateSystem?
    let projectCRS: CRS
    /// Where the project's data lies (its districts and built-up areas), in the project CRS.
    let projectExtent: Envelope?

    static let longitudeHeaders = ["经度", "longitude", "lon", "lng", "long"]
    static let latitudeHeaders = ["纬度", "latitude", "lat"]
    static let xHeaders = ["x", "x坐标", "北坐标", "northing", "纵坐标"]
    static let yHeaders = ["y", "y坐标", "东坐标", "easting", "横坐标"]
    static let systemHeaders = ["坐标系", "坐标系统", "坐标类型", "坐标来源", "crs", "coordinatesystem"]

    /// The location columns of `source`, if it has a pair.
    init?(_ source: FeatureLayer, declared: CoordinateSystem?, projectCRS: CRS, projectExtent: Envelope?) {
        let keys = source.fields.map { FormHeaders.normalized($0.name) }
        func find(_ first: [String], _ second: [String]) -> Pair? {
            guard let a = first.lazy.compactMap({ keys.firstIndex(of: $0) }).first,
                  let b = second.lazy.compactMap({ keys.firstIndex(of: $0) }).first else { return nil }
            return Pair(columns: (a, b), headers: (source.fields[a].name, source.fields[b].name))
        }
        degrees = find(Self.longitudeHeaders, Self.latitudeHeaders)
        projected = find(Self.xHeaders, Self.yHeaders)
        guard degrees != nil || projected != nil else { return nil }
        system = Self.systemHeaders.lazy.compactMap { keys.firstIndex(of: $0) }.first.map { ($0, source.fields[$0].name) }
        self.declared = declared
        self.projectCRS = projectCRS
        self.projectExtent = projectExtent
    }

    /// The columns of both pairs.
    var columns: [Int] { [degrees, projected].compactMap { $0 }.flatMap { [$0.columns.0, $0.columns.1] } + (system.map { [$0.index] } ?? []) }

    /// The pairs of columns, for saying which are empty: "经度/纬度 and X/Y".
    var pairs: String { [degrees, projected].compactMap { $0?.description }.joined(separator: " and ") }

    struct Located {
        let point: Geometry
        let system: CoordinateSystem
    }

    /// The row's point in the coordinate system it was given in, from the first pair it fills
    /// (经度/纬度 before X/Y); nil when it fills neither. Throws a `Problem` naming the column and
    /// what is wrong.
    func locate(_ values: [AttributeValue]) throws -> Located? {
        if let degrees, let cells = try filled(degrees, in: values) {
            let longitude = try Self.degrees(cells.0, column: degrees.headers.0)
            let latitude = try Self.degrees(cells.1, column: degrees.headers.1)
            if abs(latitude) > 90 {
                throw Problem(abs(longitude) <= 90
                    ? "columns \(degrees.headers.0) and \(degrees.headers.1): latitude \(latitude) is beyond ±90°: latitude and longitude look swapped"
                    : "column \(degrees.headers.1): latitude \(latitude) is beyond ±90°")
            }
            guard abs(longitude) <= 180 else { throw Problem("column \(degrees.headers.0): longitude \(longitude) is beyond ±180°") }
            return Located(point: try Geometry(wkt: "POINT(\(longitude) \(latitude))"), system: try rowSystem(values) ?? declared ?? .crs(CRS.wgs84))
        }
        if let projected, let cells = try filled(projected, in: values) {
            let a = try Self.number(cells.0, column: projected.headers.0)
            let b = try Self.number(cells.1, column: projected.headers.1)
            let (northing, easting) = try northingAndEasting(a, b, in: projected)
            let point = try Geometry(wkt: "POINT(\(easting) \(northing))")
            if let declared { return Located(point: point, system: declared) }
            return try gaussKrugerZone(point, easting: easting, in: projected)
        }
        return nil
    }

    /// The coordinate system the row's 坐标系 cell names; nil where the sheet has no such column or the cell is empty.
    private func rowSystem(_ values: [AttributeValue]) throws -> CoordinateSystem? {
        guard let system else { return nil }
        let text = values[system.index].description.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        let folded = text.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: " ", with: "")
        if ["wgs84", "gps", "epsg:4326"].contains(folded) { return .crs(try CRS.wgs84) }
        if ["高德", "腾讯", "火星坐标", "火星"].contains(where: folded.hasPrefix) { return .webMap(.gcj02) }
        if folded.hasPrefix("百度") { return .webMap(.bd09) }
        do { return try CoordinateSystem(parsing: text) } catch {
            throw Problem("column \(system.header): '\(text)' is not a coordinate system (WGS84, GCJ-02, BD-09 or an EPSG code)")
        }
    }

    /// The pair's two cells, or nil when both are empty: an empty coordinate is absent, not
    /// wrong. Half a pair is a problem.
    private func filled(_ pair: Pair, in values: [AttributeValue]) throws -> (AttributeValue, AttributeValue)? {
        let cells = (values[pair.columns.0], values[pair.columns.1])
        func isEmpty(_ value: AttributeValue) -> Bool { value.description.trimmingCharacters(in: .whitespaces).isEmpty }
        switch (isEmpty(cells.0), isEmpty(cells.1)) {
        case (true, true): return nil
        case (true, false): throw Problem("column \(pair.headers.0) is empty")
        case (false, true): throw Problem("column \(pair.headers.1) is empty")
        case (false, false): return cells
        }
    }

    /// Northing and easting told apart by size.
    private func northingAndEasting(_ a: Double, _ b: Double, in pair: Pair) throws -> (Double, Double) {
        if GaussKrugerZone.isNorthing(a) && GaussKrugerZone.isEasting(b) { return (a, b) }
        if GaussKrugerZone.isNorthing(b) && GaussKrugerZone.isEasting(a) { return (b, a) }
        throw Problem("columns \(pair.headers.0) and \(pair.headers.1): (\(a), \(b)) is not a Gauss-Krüger northing and easting")
    }

    /// The zone of a Gauss-Krüger point: from the zone number written before the easting, or else
    /// the one 3° zone near the project that puts the point inside it.
    private func gaussKrugerZone(_ point: Geometry, easting: Double, in pair: Pair) throws -> Located {
        do {
            let zone = GaussKrugerZone(projectCRS: projectCRS, projectExtent: projectExtent)
            return Located(point: point, system: .crs(try zone.crs(of: point, easting: easting, option: "--crs")))
        } catch let untold as GaussKrugerZone.Untold {
            let columns = easting >= 10_000_000 ? "column \(pair.headers.1)" : "columns \(pair.headers.0) and \(pair.headers.1)"
            throw Problem("\(columns): \(untold.reason); \(untold.advice)")
        }
    }

    typealias Problem = GeometryIntake.Problem

    static func number(_ value: AttributeValue, column: String) throws -> Double {
        guard let number = value.doubleValue ?? Double(value.description.trimmingCharacters(in: .whitespaces)), number.isFinite else {
            throw Problem("column \(column): '\(value)' is not a coordinate")
        }
        return number
    }

    /// Decimal degrees, or degrees, minutes and seconds (103°48'30.5", 103度48分30.5秒, 103 48 30.5),
    /// negative for a trailing W or S.
    static func degrees(_ value: AttributeValue, column: String) throws -> Double {
        if case let .real(number) = value { return number }
        let text = value.description.trimmingCharacters(in: .whitespaces)
        if let number = Double(text) { return number }
        let parts = text.split { !($0.isNumber || $0 == ".") }.map(String.init)
        let numbers = parts.compactMap(Double.init)
        guard (1...3).contains(numbers.count), numbers.count == parts.count,
              numbers.dropFirst().allSatisfy({ $0 < 60 }) else {
            throw Problem("column \(column): '\(text)' is not a coordinate in degrees")
        }
        let sign: Double = text.uppercased().hasSuffix("W") || text.uppercased().hasSuffix("S") ? -1 : 1
        return sign * zip(numbers, [1.0, 60, 3600]).map { $0 / $1 }.reduce(0, +)
    }
}
