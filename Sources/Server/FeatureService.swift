import Foundation
import GeoCore
import GeoIO
import Hummingbird
import Inventory
import NIOPosix
import Planning

/// The routes of `habitat serve`: OGC API – Features (Part 1 Core, GeoJSON, HTML, OpenAPI 3.0;
/// Part 2 CRS by reference) over the project's layers and the layers computed from it, the
/// computed results as JSON, and the map page. A handler parses and checks the request, reads the
/// project off the event loop (on a thread pool, each thread with its own GDAL dataset: they are
/// not thread-safe), and renders.
struct FeatureService: Sendable {
    let project: String
    let title: String
    let projectCRS: CRS
    let offered: [ServedCRS]
    let fallbackHost: String
    let results: ComputedResults
    let opened: OpenProject
    let leaflet: Leaflet?
    /// Whether `POST /reports` is served (and so described in /api).
    let publicReports: Bool

    static let conformance = [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    ]

    func addRoutes(to router: Router<ServerContext>) {
        router.get("/") { request, _ in try await landing(request) }
        router.get("/conformance") { request, _ in try conformance(request) }
        router.get("/api") { request, _ in try api(request) }
        router.get("/collections") { request, _ in try await collections(request) }
        router.get("/collections/:collection") { request, context in
            try await collection(request, try ServedCollection.named(context.parameters.require("collection")))
        }
        router.get("/collections/:collection/schema") { request, context in
            try schema(request, try ServedCollection.named(context.parameters.require("collection")))
        }
        router.get("/collections/:collection/items") { request, context in
            try await items(request, try ServedCollection.named(context.parameters.require("collection")))
        }
        router.get("/collections/:collection/items/:id") { request, context in
            try await item(request, try ServedCollection.named(context.parameters.require("collection")), context.parameters.require("id"))
        }
        router.get("/coverage") { request, _ in try await coverage(request) }
        router.get("/indicators") { request, _ in try await indicators(request) }
    }

    // MARK: - OGC API – Features

    func landing(_ request: Request) async throws -> Response {
        try request.onlyParameters(["f"])
        let base = request.base(fallback: fallbackHost)
        if try Format.of(request) == .html { return html(try await offLoop { try MapPage(service: self).html() }) }
        return json([
            "title": title, "description": "The programme's inventory as an OGC API – Features service (habitat serve).",
            "links": [
                Link(href: base + "/?f=json", rel: "self", type: "application/json", title: "this document"),
                Link(href: base + "/?f=html", rel: "alternate", type: "text/html", title: "the map"),
                Link(href: base + "/api", rel: "service-desc", type: OpenAPIDocument.mediaType, title: "the API definition"),
                Link(href: base + "/conformance", rel: "conformance", type: "application/json", title: "conformance classes"),
                Link(href: base + "/collections", rel: "data", type: "application/json", title: "the collections"),
                Link(href: base + "/coverage", rel: "related", type: "application/json", title: "park coverage (habitat coverage)"),
                Link(href: base + "/indicators", rel: "related", type: "application/json", title: "indicators (habitat indicators)"),
            ].map(\.object),
        ])
    }

    func conformance(_ request: Request) throws -> Response {
        try request.onlyParameters(["f"])
        if try Format.of(request) == .html {
            return html(HTMLPage.render(title: "Conformance", body: HTMLPage.list(Self.conformance.map { ($0, nil) })))
        }
        return json(["conformsTo": Self.conformance])
    }

    func api(_ request: Request) throws -> Response {
        try request.onlyParameters(["f"])
        _ = try Format.of(request)
        let document = OpenAPIDocument.make(title: title, base: request.base(fallback: fallbackHost), offered: offered,
                                            publicReports: publicReports)
        return Response(status: .ok, headers: [.contentType: OpenAPIDocument.mediaType], body: body(GeoJSONDocument.json(document)))
    }

    func collections(_ request: Request) async throws -> Response {
        try request.onlyParameters(["f"])
        let base = request.base(fallback: fallbackHost), format = try Format.of(request)
        if format == .html {
            return html(HTMLPage.render(title: "Collections", body: HTMLPage.list(ServedCollection.all.map {
                ($0.title, base + "/collections/\($0.id)?f=html")
            })))
        }
        return try await offLoop {
            let project = try opened.get()
            return json([
                "links": [Link(href: base + "/collections", rel: "self", type: "application/json"),
                          Link(href: base + "/collections?f=html", rel: "alternate", type: "text/html")].map(\.object),
                "collections": try ServedCollection.all.map { try describe($0, project, base: base) },
                "crs": offered.map(\.uri),
            ])
        }
    }

    func collection(_ request: Request, _ collection: ServedCollection) async throws -> Response {
        try request.onlyParameters(["f"])
        let base = request.base(fallback: fallbackHost), format = try Format.of(request)
        if format == .html {
            return html(HTMLPage.render(title: collection.title, body: "<p>\(MarkupText.escaped(collection.description))</p>"
                + HTMLPage.list([("The features", base + "/collections/\(collection.id)/items?f=html"),
                                 ("The features as GeoJSON", base + "/collections/\(collection.id)/items?f=json")])))
        }
        return try await offLoop { json(try describe(collection, try opened.get(), base: base)) }
    }

    /// A collection as `/collections` and `/collections/{id}` describe it.
    private func describe(_ collection: ServedCollection, _ project: ProjectFile, base: String) throws -> [String: Any] {
        let path = base + "/collections/\(collection.id)"
        var described: [String: Any] = [
            "id": collection.id, "title": collection.title, "description": collection.description, "itemType": "feature",
            "crs": offered.map(\.uri), "storageCrs": offered.last!.uri,
            "links": [
                Link(href: path, rel: "self", type: "application/json"),
                Link(href: path + "?f=html", rel: "alternate", type: "text/html"),
                Link(href: path + "/items", rel: "items", type: "application/geo+json"),
                Link(href: path + "/items?f=html", rel: "items", type: "text/html"),
                Link(href: path + "/schema", rel: "describedby", type: "application/schema+json", title: "the features' fields"),
                // The same, as GDAL 3.6's OAPIF driver spells the relation.
                Link(href: path + "/schema", rel: "describedBy", type: "application/schema+json", title: "the features' fields"),
            ].map(\.object),
        ]
        if collection.source == .layer, let extent = try project.extent(of: collection.id) {
            described["extent"] = ["spatial": ["bbox": [try Reprojection.crs84Box(extent, projectCRS: projectCRS)],
                                               "crs": ServedCRS.crs84URI]]
        }
        return described
    }

    /// The features' JSON schema: each field with its type, so that a client (GDAL's OAPIF driver)
    /// types a field right even where the first page holds it empty.
    func schema(_ request: Request, _ collection: ServedCollection) throws -> Response {
        try request.onlyParameters(["f"])
        let properties = Dictionary(uniqueKeysWithValues: collection.fields.map { field in
            // A plain type, which GDAL reads (an empty field is null all the same).
            var type = ["type": field.kind == .string ? "string" : field.kind == .integer ? "integer" : "number"]
            if collection.dates.contains(field.name) { type["format"] = "date" }
            return (field.name, type)
        })
        let document: [String: Any] = [
            "$schema": "https://json-schema.org/draft/2020-12/schema", "title": collection.title, "type": "object",
            "properties": ["type": ["type": "string"], "id": ["type": "string"], "geometry": geometry(collection),
                           "properties": ["type": "object", "properties": properties]],
        ]
        return Response(status: .ok, headers: [.contentType: "application/schema+json"], body: body(GeoJSONDocument.json(document)))
    }

    /// The features' geometry as the schema describes it: its kind, from the layer's schema, not
    /// guessed by a client from the first page (key areas are mostly areas, some lines).
    private func geometry(_ collection: ServedCollection) -> [String: Any] {
        guard let format = collection.geometry else { return ["type": "null"] }
        return ["type": "object", "format": format, "x-ogc-role": "primary-geometry"]
    }

    func items(_ request: Request, _ collection: ServedCollection) async throws -> Response {
        let parameters = request.parameters
        let query = try ItemsQuery(parameters, fields: collection.fields, offered: offered)
        let base = request.base(fallback: fallbackHost), format = try Format.of(request)
        let path = "/collections/\(collection.id)/items"
        return try await offLoop {
            let project = try opened.get()
            let area = try query.bbox.flatMap { bbox in
                try mapped(bbox: true) { try Reprojection.area(bbox, in: query.bboxCRS, projectCRS: projectCRS) }
            }
            // A box beyond the project CRS's reach holds nothing.
            let (page, matched, ids) = query.bbox != nil && area == nil
                ? (FeatureLayer(source: collection.id, name: collection.id, fields: collection.fields, coordinateSystem: .crs(projectCRS)), 0, [])
                : try mapped(bbox: false) { try collection.page(project, query, area: area, results: results) }
            func link(offset: Int, rel: String, f: String, type: String) -> Link {
                var kept = parameters.filter { !["offset", "f"].contains($0.key) }
                kept += [("offset", String(offset)), ("f", f)]
                return Link(href: address(base, path, kept), rel: rel, type: type)
            }
            var links = [link(offset: query.offset, rel: "self", f: "json", type: "application/geo+json"),
                         link(offset: query.offset, rel: "alternate", f: "html", type: "text/html"),
                         Link(href: base + "/collections/\(collection.id)", rel: "collection", type: "application/json")]
            if query.offset + page.features.count < matched {
                links.append(link(offset: query.offset + query.limit, rel: "next", f: format == .html ? "html" : "json",
                                  type: format == .html ? "text/html" : "application/geo+json"))
            }
            if query.offset > 0 {
                links.append(link(offset: max(0, query.offset - query.limit), rel: "prev", f: format == .html ? "html" : "json",
                                  type: format == .html ? "text/html" : "application/geo+json"))
            }
            if format == .html {
                return html(HTMLPage.items(collection, page, ids: ids, matched: matched, offset: query.offset, links: links, base: base))
            }
            let text = try GeoJSONDocument.collection(page, ids: ids, matched: matched, links: links, crs: query.crs)
            return geoJSON(text, crs: query.crs)
        }
    }

    func item(_ request: Request, _ collection: ServedCollection, _ id: String) async throws -> Response {
        let query = try ItemsQuery(request.parameters.filter { ["f", "crs", "datetime"].contains($0.key) }, fields: [], offered: offered)
        try request.onlyParameters(["f", "crs", "datetime"])
        let base = request.base(fallback: fallbackHost), format = try Format.of(request)
        return try await offLoop {
            let project = try opened.get()
            guard let (feature, id) = try mapped(bbox: false, { try collection.feature(id, project, asOf: query.asOf, results: results) }) else {
                throw Problem.notFound("no feature '\(ItemsQuery.shown(id))' in \(collection.id)")
            }
            let path = base + "/collections/\(collection.id)/items/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id)
            let links = [Link(href: path + "?f=json", rel: "self", type: "application/geo+json"),
                         Link(href: path + "?f=html", rel: "alternate", type: "text/html"),
                         Link(href: base + "/collections/\(collection.id)", rel: "collection", type: "application/json")]
            if format == .html { return html(HTMLPage.item(collection, feature, id: id)) }
            return geoJSON(try GeoJSONDocument.feature(feature, id: id, links: links, crs: query.crs), crs: query.crs)
        }
    }

    // MARK: - Computed results

    func coverage(_ request: Request) async throws -> Response {
        try request.onlyParameters(["f", "as-of"])
        let asOf = try instant(request)
        return try await offLoop {
            let report = try mapped(bbox: false) { try results.coverage(try opened.get(), asOf: asOf) }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: body(try report.json()))
        }
    }

    func indicators(_ request: Request) async throws -> Response {
        try request.onlyParameters(["f", "as-of", "year", "profile"])
        let asOf = try instant(request)
        let name = request.uri.queryParameters["profile"].map(String.init) ?? Profile.defaultName
        // Shipped profiles only: a name from the network never reads a file.
        guard Profile.shippedNames.contains(name) else {
            throw Problem.badRequest("profile: '\(ItemsQuery.shown(name))' is not a shipped profile (\(Profile.shippedNames.joined(separator: ", ")))")
        }
        let year = try request.uri.queryParameters["year"].map { text in
            guard let year = Int(text), (1900...2200).contains(year) else { throw Problem.badRequest("year: '\(ItemsQuery.shown(String(text)))' is not a year") }
            return year
        } ?? Calendar(identifier: .gregorian).component(.year, from: Date())
        return try await offLoop {
            let report = try mapped(bbox: false) { try results.indicators(try opened.get(), profile: name, year: year, asOf: asOf) }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: body(try report.json()))
        }
    }

    private func instant(_ request: Request) throws -> String? {
        try request.uri.queryParameters["as-of"].map { text in
            guard let instant = try? Instant.parse(String(text)) else {
                throw Problem.badRequest("as-of: '\(ItemsQuery.shown(String(text)))' is not a date (2018-12-31) or an RFC 3339 date-time")
            }
            return instant
        }
    }

    // MARK: - Plumbing

    /// Runs blocking GEOS/GDAL work on the thread pool, not the event loop.
    func offLoop<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    /// The library's refusals that a request caused, as the problem they are for the client:
    /// said without the project's path, which is no business of the network's.
    private func mapped<T>(bbox: Bool, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let InventoryError.beforeFirstRecord(_, _, first) {
            throw Problem.badRequest("datetime: before the project's first record (\(first)); it held nothing then")
        } catch is TransformError where bbox {
            throw Problem.badRequest("bbox: lies where the project's CRS cannot reach")
        }
    }

    private func json(_ object: Any) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: body(GeoJSONDocument.json(object)))
    }

    private func geoJSON(_ text: String, crs: ServedCRS) -> Response {
        Response(status: .ok, headers: [.contentType: "application/geo+json", .init("Content-Crs")!: crs.header], body: body(text))
    }

    private func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: body(text))
    }

    private func body(_ text: String) -> ResponseBody { ResponseBody(byteBuffer: ByteBuffer(string: text)) }
}
