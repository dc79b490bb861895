import Foundation
import GeoIO
import Hummingbird
import Inventory
import NIOCore
import NIOPosix

/// `POST /collections/{layer}/uploads`: a survey file (a form's XLSX or CSV, a GeoJSON, a KMZ…)
/// imported into the signed-in editor's district, all or nothing. The file comes as the body with
/// its name in `Content-Disposition` (or `?name=`), or as the file of a `multipart/form-data`
/// form. It is kept in an upload area of its own under a safe name while it is imported and
/// removed after. Refused whole: 403 when a feature lies outside the editor's district, 400 for
/// any other reject, with every reject as a table (JSON, or HTML if asked); 413 past the size limit.
struct SurveyUploads: Sendable {
    let project: String
    let area: UploadArea

    /// A county's survey of a year is a few MB; this leaves room for photos' worth of outlines.
    static let maxUpload = 32 * 1024 * 1024

    func addRoutes(to router: Router<ServerContext>) {
        router.post("/collections/:collection/uploads") { request, context in try await upload(request, context) }
    }

    func upload(_ request: Request, _ context: ServerContext) async throws -> Response {
        try request.onlyParameters(["name", "f"])
        let format = try Format.of(request)
        let (layer, editor) = try FeatureEdits.target(context)
        var request = request
        let body = try await request.body(upTo: Self.maxUpload, of: "an upload")
        let (name, data) = try UploadedFile(request, body: Data(buffer: body)).file
        let (project, area) = (project, area)
        do {
            let summary = try await FeatureEdits.writers.runIfActive {
                try area.importing(data, named: name) { stored in try Importer(layer: layer, source: stored).run(into: project, by: editor) }
            }
            let document: [String: Any] = ["layer": layer, "batch": summary.batch, "inserted": summary.inserted,
                                           "updated": summary.updated, "unchanged": summary.unchanged, "notes": summary.notes]
            return Response(status: .created, headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: GeoJSONDocument.json(document))))
        } catch let InventoryError.uploadRejected(_, rejects) {
            return Self.rejected(rejects, file: name, format: format)
        } catch let error as InventoryError {
            switch error {
            case .readOnly: throw Problem(status: .forbidden, detail: error.description)
            case .badUploadName, .unzipsTooLarge, .rejected, .unknownField, .noSuchColumn, .headersNotFound, .undeclaredCRS, .formFormat:
                // Said of the file by the name it came with, not the path it was kept under.
                throw Problem.badRequest("\(name): " + Self.withoutPath(error.description))
            default: throw error
            }
        } catch let error as GeoIOError {
            throw Problem.badRequest("\(name): " + Self.withoutPath(error.description))
        }
    }

    /// A message of the library with the upload area's path of the file taken out.
    static func withoutPath(_ message: String) -> String {
        guard let colon = message.range(of: ": "), message[..<colon.lowerBound].contains("/") else { return message }
        return String(message[colon.upperBound...])
    }

    /// Every reject of an upload refused whole, as a table.
    static func rejected(_ rejects: [UploadReject], file: String, format: Format) -> Response {
        let status: HTTPResponse.Status = rejects.contains(where: \.outOfScope) ? .forbidden : .badRequest
        let summary = "\(file): \(rejects.count) problem(s), nothing imported"
        if format == .html {
            let rows = rejects.map { "<tr><td>\(MarkupText.escaped($0.feature))</td><td>\(MarkupText.escaped($0.field))</td><td>\(MarkupText.escaped($0.reason))</td></tr>" }
            let page = HTMLPage.render(title: "Upload refused", body: "<p>\(MarkupText.escaped(summary))</p>"
                + "<table><tr><th>feature</th><th>field</th><th>reason</th></tr>\(rows.joined())</table>")
            return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
        }
        let document: [String: Any] = [
            "type": "about:blank", "title": status.reasonPhrase, "status": status.code, "detail": summary,
            "rejects": rejects.map { ["feature": $0.feature, "field": $0.field, "reason": $0.reason] },
        ]
        return Response(status: status, headers: [.contentType: "application/problem+json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: GeoJSONDocument.json(document))))
    }
}

/// The file of an upload request: the body as it is, named by `Content-Disposition`'s filename or
/// `?name=`; or the part of a `multipart/form-data` body that carries a file.
struct UploadedFile {
    let file: (name: String, data: Data)

    init(_ request: Request, body: Data) throws {
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = Self.parameter("boundary", in: type), !boundary.isEmpty else {
                throw Problem.badRequest("a multipart/form-data body without its boundary")
            }
            file = try Self.filePart(of: body, boundary: boundary)
            return
        }
        guard let name = request.uri.queryParameters["name"].map(String.init)
                ?? request.headers[.contentDisposition].flatMap({ Self.parameter("filename", in: $0) }), !name.isEmpty else {
            throw Problem.badRequest("name: the file's name is needed (Content-Disposition: attachment; filename=\"survey.xlsx\", or ?name=)")
        }
        guard !body.isEmpty else { throw Problem.badRequest("the file is empty") }
        file = (name, body)
    }

    /// A `key=value` or `key="value"` parameter of a header.
    static func parameter(_ key: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            return pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
        }
        return nil
    }

    /// The first part with a file name: its headers end at the first blank line, its content at
    /// the next boundary.
    static func filePart(of body: Data, boundary: String) throws -> (String, Data) {
        let delimiter = Data("--\(boundary)".utf8), blank = Data("\r\n\r\n".utf8)
        var start = body.startIndex
        while let found = body.range(of: delimiter, in: start..<body.endIndex) {
            let partStart = found.upperBound
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: partStart..<body.endIndex) else { break }
            defer { start = next.lowerBound }
            guard let headersEnd = body.range(of: blank, in: partStart..<next.lowerBound) else { continue }
            let headers = String(decoding: body[partStart..<headersEnd.lowerBound], as: UTF8.self)
            guard let disposition = headers.components(separatedBy: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                  let name = parameter("filename", in: disposition), !name.isEmpty else { continue }
            return (name, Data(body[headersEnd.upperBound..<next.lowerBound]))
        }
        throw Problem.badRequest("the form carries no file")
    }
}
