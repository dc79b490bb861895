import Foundation
import GeoCore
import GeoIO
import Hummingbird
import Inventory
import NIOCore
import NIOPosix
import Planning

/// `POST /reports` (with `habitat serve --public-reports`): anyone may report a case of disorder —
/// a point, a kind, a text, and a phone number that stays private. It becomes an incident in
/// status received, imported like a hotline export's row (history, batch and log; district and
/// grid cell assigned), so that nothing about it is special once it is in.
struct PublicReports: Sendable {
    let project: String
    let projectCRS: CRS
    let limit: RateLimit

    /// A report is a few hundred bytes; this leaves room for a long text in Chinese.
    static let maxBody = 16 * 1024
    static let maxText = 2_000
    /// Ten reports per address per ten minutes, for up to 10,000 addresses at once.
    static let standardLimit = RateLimit(limit: 10, window: 600, keys: 10_000)

    func addRoutes(to router: Router<ServerContext>) {
        router.post("/reports") { request, context in try await submit(request, from: context.remoteAddress?.ipAddress ?? "unknown") }
    }

    func submit(_ request: Request, from address: String) async throws -> Response {
        guard limit.admit(address) else {
            throw Problem(status: .tooManyRequests, detail: "too many reports from this address; try again in \(Int(limit.window / 60)) minutes")
        }
        var request = request
        // Too large a body ends here, a 413, before it is read whole.
        let body = try await request.body(upTo: Self.maxBody, of: "a report")
        let report = try Report(String(buffer: body), contentType: request.headers[.contentType] ?? "")
        let code = try await NIOThreadPool.singleton.runIfActive { try file(report) }
        let document: [String: Any] = ["id": code, "status": "received"]
        return Response(status: .created, headers: [.contentType: "application/json", .location: "/collections/incidents/items/\(code)"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: GeoJSONDocument.json(document))))
    }

    /// What a report says, checked.
    struct Report: Sendable {
        let longitude: Double, latitude: Double
        let system: (name: String, value: CoordinateSystem)
        let kind: String
        let text: String
        let phone: String?

        static let systems = ["wgs84": "WGS84", "gcj02": "GCJ-02", "bd09": "BD-09"]

        init(_ body: String, contentType: String) throws {
            let fields = try FormFields.parse(body, contentType: contentType)
            let known: Set = ["lon", "lat", "crs", "kind", "text", "phone"]
            if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
                throw Problem.badRequest("unknown field '\(ItemsQuery.shown(unknown))' (fields: lon, lat, crs, kind, text, phone)")
            }
            func coordinate(_ name: String, _ range: ClosedRange<Double>) throws -> Double {
                guard let text = fields[name] else { throw Problem.badRequest("\(name): missing") }
                guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, range.contains(value) else {
                    throw Problem.badRequest("\(name): '\(ItemsQuery.shown(text))' is not a number from \(Int(range.lowerBound)) to \(Int(range.upperBound))")
                }
                return value
            }
            longitude = try coordinate("lon", -180...180)
            latitude = try coordinate("lat", -90...90)
            let folded = (fields["crs"] ?? "wgs84").lowercased().filter { $0.isLetter || $0.isNumber }
            guard let name = Self.systems[folded] else {
                throw Problem.badRequest("crs: '\(ItemsQuery.shown(fields["crs"] ?? ""))' is not WGS84, GCJ-02 or BD-09")
            }
            system = (name, folded == "wgs84" ? .crs(try CRS.wgs84) : try CoordinateSystem(parsing: folded))
            guard let kind = fields["kind"], Disorder.kinds.contains(kind) else {
                throw Problem.badRequest("kind: '\(ItemsQuery.shown(fields["kind"] ?? ""))' is not one of \(Disorder.kinds.joined(separator: ", "))")
            }
            self.kind = kind
            let text = fields["text"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !text.isEmpty else { throw Problem.badRequest("text: missing") }
            guard text.count <= Report.maxTextCount else { throw Problem.badRequest("text: longer than \(Report.maxTextCount) characters") }
            // Kept as written, markup and all (every page escapes it); only control characters,
            // which no one types, are refused.
            guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !"\n\t".unicodeScalars.contains($0) }) else {
                throw Problem.badRequest("text: holds control characters")
            }
            self.text = text
            let phone = fields["phone"]?.trimmingCharacters(in: .whitespaces) ?? ""
            guard phone.isEmpty || (phone.count <= 20 && phone.filter(\.isNumber).count >= 5 && phone.allSatisfy({ "0123456789+-() ".contains($0) })) else {
                throw Problem.badRequest("phone: not a phone number")
            }
            self.phone = phone.isEmpty ? nil : phone
        }

        static let maxTextCount = PublicReports.maxText
    }

    /// Imports `report` into the project as a one-row hotline export; its code.
    private func file(_ report: Report) throws -> String {
        try checkInside(report)
        let code = "WEB-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("habitat-report-\(code)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("POST-reports-\(code).csv").path
        // Received now, on the programme's clock, as the hotline writes it.
        let row = [code, CaseTime.now.text, report.kind, report.text, String(report.longitude), String(report.latitude),
                   report.system.name, "信箱"]
        let csv = "工单编号,受理时间,问题类型,诉求内容,经度,纬度,坐标系,来源渠道\n" + row.map(Self.quoted).joined(separator: ",") + "\n"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: source))
        _ = try Importer(layer: "incidents", source: source).run(into: project)
        if let phone = report.phone { try ReportContacts.keep(phone: phone, for: code, in: project) }
        return code
    }

    /// A CSV field, quoted so that commas, quotes and line breaks in it stay text.
    private static func quoted(_ field: String) -> String { "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Refuses a point outside the project's districts (or, without districts, its extent).
    private func checkInside(_ report: Report) throws {
        let opened = try ProjectFile.open(project)
        let point: Geometry
        do {
            let (x, y) = try Transformer(from: report.system.value, to: projectCRS).transform(x: report.longitude, y: report.latitude)
            guard x.isFinite, y.isFinite else { throw Problem.badRequest("lon/lat: outside the project's area") }
            point = try Geometry(wkt: "POINT(\(x) \(y))")
        } catch is TransformError {
            throw Problem.badRequest("lon/lat: outside the project's area")
        }
        let districts = try opened.layer("districts").features.compactMap(\.geometry)
        let inside: Bool
        if !districts.isEmpty {
            inside = try PreparedGeometry(Geometry.union(of: districts)).covers(point)
        } else if let extent = try opened.extent(), let box = point.envelope {
            inside = extent.contains(box)
        } else {
            inside = false
        }
        guard inside else { throw Problem.badRequest("lon/lat: \(report.longitude), \(report.latitude) lies outside the project's districts") }
    }
}
