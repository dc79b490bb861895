import GeoIO
import Inventory
import Planning

/// The OpenAPI 3.0 definition of every route (`/api`): each collection's items path with the
/// parameters it takes, its fields among them, so that a client knows what it may filter on.
enum OpenAPIDocument {
    static let mediaType = "application/vnd.oai.openapi+json;version=3.0"

    typealias Parameter = (_ name: String, _ description: String, _ schema: [String: Any], _ place: String, _ required: Bool)
        -> [String: Any]

    static func make(title: String, base: String, offered: [ServedCRS], publicReports: Bool) -> [String: Any] {
        func parameter(_ name: String, _ description: String, _ schema: [String: Any], in place: String = "query",
                       required: Bool = false) -> [String: Any] {
            ["name": name, "in": place, "required": required, "description": description, "schema": schema,
             "style": place == "path" ? "simple" : "form", "explode": false]
        }
        let f = parameter("f", "The format: json, or html for people (else the Accept header decides).",
                          ["type": "string", "enum": ["json", "html"]])
        let crsValues = offered.map(\.uri)
        let crs = parameter("crs", "The CRS of the coordinates returned (Part 2); the project's own in its authority's axis order.",
                            ["type": "string", "format": "uri", "enum": crsValues, "default": ServedCRS.crs84URI])
        let asOf = parameter("as-of", "The inventory as it said at this instant (a date means the end of that day, UTC).",
                             ["type": "string"])
        func response(_ description: String, _ type: String) -> [String: Any] {
            ["description": description, "content": [type: ["schema": ["type": "object"]]]]
        }
        let problem: [String: Any] = ["description": "A problem document", "content": ["application/problem+json": ["schema": ["type": "object"]]]]
        func operation(_ id: String, _ summary: String, _ parameters: [[String: Any]], _ type: String) -> [String: Any] {
            ["get": ["operationId": id, "summary": summary, "parameters": parameters,
                     "responses": ["200": response(summary, type), "400": problem, "404": problem]]]
        }
        var paths: [String: Any] = [
            "/": operation("landing", "The landing page (the map, for people)", [f], "application/json"),
            "/conformance": operation("conformance", "The conformance classes", [f], "application/json"),
            "/api": operation("api", "This API definition", [f], mediaType),
            "/collections": operation("collections", "The collections", [f], "application/json"),
            "/coverage": operation("coverage", "Park service-radius coverage, as habitat coverage --format json prints it", [f, asOf],
                                   "application/json"),
            "/indicators": operation("indicators", "The indicators against a profile, as habitat indicators --format json prints them", [
                f, asOf, parameter("year", "The year whose targets apply (default: this year).", ["type": "integer"]),
                parameter("profile", "A shipped profile's name.", ["type": "string", "enum": Profile.shippedNames]),
            ], "application/json"),
        ]
        for collection in ServedCollection.all {
            let path = "/collections/\(collection.id)"
            paths[path] = operation("describe-\(collection.id)", "The collection \(collection.id)", [f], "application/json")
            let fields = collection.fields.map { field in
                parameter(field.name, "Only features whose \(field.name) is this value.",
                          ["type": field.kind == .string ? "string" : field.kind == .integer ? "integer" : "number"])
            }
            paths[path + "/items"] = operation("items-\(collection.id)", "The features of \(collection.id)", [
                f, crs,
                parameter("bbox", "Only features intersecting this box: min x, min y, max x, max y (in bbox-crs, default CRS84).",
                          ["type": "array", "minItems": 4, "maxItems": 4, "items": ["type": "number"]]),
                parameter("bbox-crs", "The CRS of bbox (Part 2).", ["type": "string", "format": "uri", "enum": crsValues]),
                parameter("limit", "Features per page.", ["type": "integer", "minimum": 1, "maximum": ItemsQuery.maximumLimit,
                                                          "default": ItemsQuery.defaultLimit]),
                parameter("offset", "Features to pass over (the next links carry it).", ["type": "integer", "minimum": 0, "default": 0]),
                parameter("datetime", "The layer as the inventory said at this instant (RFC 3339, or a date meaning its end).",
                          ["type": "string"]),
            ] + fields, "application/geo+json")
            paths[path + "/schema"] = operation("schema-\(collection.id)", "The JSON schema of \(collection.id)'s features", [f],
                                                "application/schema+json")
            paths[path + "/items/{featureId}"] = operation("item-\(collection.id)", "One feature of \(collection.id)", [
                f, crs, parameter("datetime", "As for the items.", ["type": "string"]),
                parameter("featureId", "The feature's code (of a computed layer: its position, from 1).", ["type": "string"],
                          in: "path", required: true),
            ], "application/geo+json")
        }
        paths.merge(accountPaths(parameter: { parameter($0, $1, $2, in: $3, required: $4) }, problem: problem)) { first, _ in first }
        FeatureEdits.describe(&paths)
        if publicReports {
            let report: [String: Any] = [
                "type": "object", "required": ["lon", "lat", "kind", "text"],
                "properties": [
                    "lon": ["type": "number", "minimum": -180, "maximum": 180, "description": "Longitude"],
                    "lat": ["type": "number", "minimum": -90, "maximum": 90, "description": "Latitude"],
                    "crs": ["type": "string", "enum": ["WGS84", "GCJ-02", "BD-09"], "default": "WGS84",
                            "description": "The system of lon and lat (a phone's map app gives GCJ-02 or BD-09)"],
                    "kind": ["type": "string", "enum": Disorder.kinds, "description": "The kind of disorder (问题类型)"],
                    "text": ["type": "string", "maxLength": PublicReports.maxText, "description": "What is wrong (诉求内容)"],
                    "phone": ["type": "string", "maxLength": 20, "description": "A phone number to call back; never shown"],
                ],
            ]
            let created: [String: Any] = [
                "description": "The case, received: its code, and where it is served (Location)",
                "headers": ["Location": ["description": "The case's feature", "schema": ["type": "string"]]],
                "content": ["application/json": ["schema": ["type": "object", "properties": [
                    "id": ["type": "string"], "status": ["type": "string"]]]]],
            ]
            paths["/reports"] = ["post": [
                "operationId": "report", "summary": "Report a case of disorder (it becomes a received incident)",
                "requestBody": ["required": true, "content": ["application/json": ["schema": report],
                                                              "application/x-www-form-urlencoded": ["schema": report]]],
                "responses": ["201": created, "400": problem, "413": problem, "415": problem, "429": problem],
            ]]
        }
        return ["openapi": "3.0.3", "info": ["title": title, "version": "1.0.0",
                                             "description": "habitat serve: OGC API – Features over the programme's inventory"],
                "servers": [["url": base]], "paths": paths,
                "components": ["securitySchemes": securitySchemes], "security": security]
    }
}
