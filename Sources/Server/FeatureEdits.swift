import Foundation
import GeoCore
import GeoIO
import Hummingbird
import Inventory
import NIOCore
import NIOPosix

/// OGC API – Features Part 4 (create, replace, update, delete) over the project's layers, by the
/// signed-in editor: `POST /collections/{layer}/items` (a GeoJSON feature), `PUT`, `PATCH` and
/// `DELETE /collections/{layer}/items/{code}`. The library checks each change as an import's and
/// against the editor's district and lands it in history with the author; here the request is
/// read and every refusal said with its status: not signed in 401, read-only or outside the
/// editor's district 403, a feature that does not pass 400 naming what is wrong. A refused change
/// changes nothing.
struct FeatureEdits: Sendable {
    let project: String
    let offered: [ServedCRS]

    /// One feature; a district's outline with many vertices is some hundred KB.
    static let maxFeature = 4 * 1024 * 1024

    func addRoutes(to router: Router<ServerContext>) {
        router.post("/collections/:collection/items") { request, context in
            let (layer, editor, feature) = try await edit(request, context)
            let done = try await offLoop {
                try ProjectFile.create(project, layer: layer, properties: feature.properties, geometry: feature.geometry,
                                       in: feature.system, by: editor)
            }
            return answer(done, status: .created)
        }
        router.put("/collections/:collection/items/:id") { request, context in
            let (layer, editor, feature) = try await edit(request, context)
            let code = try context.parameters.require("id")
            try feature.check(code: code)
            let done = try await offLoop {
                try ProjectFile.replace(project, layer: layer, code: code, properties: feature.properties, geometry: feature.geometry,
                                        in: feature.system, by: editor)
            }
            return answer(done, status: .ok)
        }
        router.patch("/collections/:collection/items/:id") { request, context in
            let (layer, editor, feature) = try await edit(request, context, partial: true)
            let code = try context.parameters.require("id")
            try feature.check(code: code)
            let done = try await offLoop {
                try ProjectFile.update(project, layer: layer, code: code, properties: feature.properties, geometry: feature.geometry,
                                       in: feature.system, by: editor)
            }
            return answer(done, status: .ok)
        }
        router.delete("/collections/:collection/items/:id") { request, context in
            try request.onlyParameters([])
            let (layer, editor) = try Self.target(context)
            let code = try context.parameters.require("id")
            _ = try await offLoop { try ProjectFile.delete(project, layer: layer, code: code, by: editor) }
            return Response(status: .noContent)
        }
    }

    /// The layer a change is for and who makes it, refused before the body is read.
    static func target(_ context: ServerContext) throws -> (layer: String, editor: Editor) {
        let collection = try ServedCollection.named(context.parameters.require("collection"))
        guard case .layer = collection.source else {
            throw Problem(status: .methodNotAllowed, detail: "\(collection.id) is computed from the layers; change those instead")
        }
        guard let editor = context.editor else {
            throw Problem(status: .unauthorized, detail: "changes need an account: sign in first (POST /login)")
        }
        guard editor.canWrite else { throw Problem(status: .forbidden, detail: "\(editor.name) reads only; nothing changed") }
        return (collection.id, editor)
    }

    /// The target and the feature sent.
    func edit(_ request: Request, _ context: ServerContext, partial: Bool = false) async throws -> (String, Editor, SentFeature) {
        try request.onlyParameters([])
        let (layer, editor) = try Self.target(context)
        var request = request
        let body = try await request.body(upTo: Self.maxFeature, of: "a feature")
        let type = (request.headers[.contentType] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard ["application/geo+json", "application/json"].contains(type) else {
            throw Problem(status: .unsupportedMediaType, detail: "send a GeoJSON feature as application/geo+json")
        }
        let crs = try request.headers[.init("Content-Crs")!].map {
            try ServedCRS.named($0.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")), among: offered, parameter: "Content-Crs")
        } ?? ServedCRS.crs84()
        return (layer, editor, try SentFeature(Data(buffer: body), crs: crs, partial: partial))
    }

    /// What a client hears of a change: the feature's code, what happened and the log's batch.
    func answer(_ edit: FeatureEdit, status: HTTPResponse.Status) -> Response {
        let location = "/collections/\(edit.layer)/items/" + (edit.code.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? edit.code)
        let document: [String: Any] = ["id": edit.code, "change": edit.change.rawValue, "batch": edit.batch]
        return Response(status: status, headers: [.contentType: "application/json", .location: location],
                         body: ResponseBody(byteBuffer: ByteBuffer(string: GeoJSONDocument.json(document))))
    }

    /// The threads changes run on: a change waits for the project's lock holding its thread, so
    /// changes get threads of their own, and reads (on the shared pool) never queue behind them.
    static let writers: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()

    /// The library's work off the event loop, its refusals said as the problems they are.
    func offLoop<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await Self.writers.runIfActive(work)
        } catch let error as InventoryError {
            switch error {
            case .outOfScope, .readOnly: throw Problem(status: .forbidden, detail: error.description)
            case .noSuchFeature: throw Problem.notFound(error.description)
            case .codeTaken: throw Problem(status: .conflict, detail: error.description)
            case let .rejected(_, problems): throw Problem.badRequest("the feature does not pass, nothing changed: " + problems.joined(separator: "; "))
            case .unknownField, .badDate: throw Problem.badRequest(error.description)
            default: throw error
            }
        } catch is TransformError {
            throw Problem.badRequest("geometry: lies where the project's CRS cannot reach")
        }
    }
}

/// A GeoJSON feature as a client sent it: its properties, and its geometry in the CRS it came in.
struct SentFeature: Sendable {
    let properties: [String: AttributeValue]
    let geometry: Geometry?
    let system: CoordinateSystem

    init(_ data: Data, crs: ServedCRS, partial: Bool) throws {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw Problem.badRequest("the body is not a JSON object")
        }
        guard object["type"] as? String == "Feature" else { throw Problem.badRequest("type: the body is not a GeoJSON Feature") }
        var properties: [String: AttributeValue] = [:]
        for (name, value) in object["properties"] as? [String: Any] ?? [:] {
            properties[name] = try Self.value(value, of: name)
        }
        if let id = object["id"] {
            let code = try Self.value(id, of: "id")
            if let given = properties["code"], given != code { throw Problem.badRequest("id: \(code) differs from the code \(given)") }
            properties["code"] = code
        }
        self.properties = properties
        system = .crs(crs.crs)
        switch object["geometry"] {
        case let geometry as [String: Any]:
            let json = GeoJSONDocument.json(geometry)
            do {
                self.geometry = try GeoJSONGeometry.parse(json, swapAxes: crs.northFirst)
            } catch let error as GeoIOError {
                guard case let .unreadable(_, reason) = error else { throw error }
                throw Problem.badRequest("geometry: \(reason)")
            }
        case nil where partial, is NSNull where partial:
            geometry = nil
        case nil, is NSNull:
            throw Problem.badRequest("geometry: missing (every feature of a layer has one)")
        default:
            throw Problem.badRequest("geometry: not a GeoJSON geometry object")
        }
    }

    /// Refuses a feature whose code is not the one its address names.
    func check(code: String) throws {
        if let given = properties["code"], given != .string(code) {
            throw Problem.badRequest("code: \(ItemsQuery.shown(given.description)) differs from the feature addressed, \(ItemsQuery.shown(code))")
        }
    }

    private static func value(_ value: Any, of name: String) throws -> AttributeValue {
        switch value {
        case let text as String: return .string(text)
        case is NSNull: return .null
        case let number as NSNumber:
            // JSON's true and false arrive as numbers too, of C type char.
            switch String(cString: number.objCType) {
            case "c": throw Problem.badRequest("\(ItemsQuery.shown(name)): true or false is no value of a field")
            case "d", "f": return .real(number.doubleValue)
            default: return .integer(number.int64Value)
            }
        default:
            throw Problem.badRequest("\(ItemsQuery.shown(name)): a field holds text or a number, not a list or an object")
        }
    }
}

extension FeatureEdits {
    /// The edit routes, added to the OpenAPI document's `paths`.
    static func describe(_ paths: inout [String: Any]) {
        func problems(_ codes: [Int]) -> [String: Any] {
            Dictionary(uniqueKeysWithValues: codes.map { code in
                (String(code), ["description": "A problem document",
                                "content": ["application/problem+json": ["schema": ["type": "object"]]]] as [String: Any])
            })
        }
        let feature: [String: Any] = ["required": true, "content": ["application/geo+json": ["schema": ["type": "object"]]]]
        let contentCrs: [String: Any] = ["name": "Content-Crs", "in": "header", "required": false, "schema": ["type": "string"],
                                         "description": "The CRS of the feature's coordinates, as <URI> (CRS84 unless given)."]
        let edited: [String: Any] = ["description": "The change: the feature's id, insert/update/unchanged, and its batch in the log",
                                     "content": ["application/json": ["schema": ["type": "object"]]]]
        let refusals = [400, 401, 403, 404, 405, 409, 413, 415]
        func operation(_ id: String, _ summary: String, body: Bool, success: (String, [String: Any])) -> [String: Any] {
            var operation: [String: Any] = ["operationId": id, "summary": summary, "security": [["bearer": [String]()], ["session": [String]()]],
                                            "responses": problems(refusals).merging([success.0: success.1]) { $1 }]
            if body { (operation["requestBody"], operation["parameters"]) = (feature, [contentCrs]) }
            return operation
        }
        // A computed collection answers 405 (described all the same: the route is there).
        for collection in ServedCollection.all {
            let items = "/collections/\(collection.id)/items"
            var list = paths[items] as? [String: Any] ?? [:]
            list["post"] = operation("create-\(collection.id)", "Add a feature to \(collection.id) (Part 4; signed in, within one's district)",
                                     body: true, success: ("201", edited))
            paths[items] = list
            var one = paths[items + "/{featureId}"] as? [String: Any] ?? [:]
            let id: [String: Any] = ["name": "featureId", "in": "path", "required": true, "schema": ["type": "string"], "description": "The feature's code."]
            for (method, verb) in [("put", "Replace"), ("patch", "Change the properties given (and the geometry, if given) of")] {
                var edit = operation("\(method)-\(collection.id)", "\(verb) the feature of \(collection.id)", body: true, success: ("200", edited))
                edit["parameters"] = [contentCrs, id]
                one[method] = edit
            }
            var delete = operation("delete-\(collection.id)", "Delete the feature of \(collection.id)", body: false,
                                   success: ("204", ["description": "Deleted"]))
            delete["parameters"] = [id]
            one["delete"] = delete
            paths[items + "/{featureId}"] = one
            var upload = operation("upload-\(collection.id)", "Import a survey file into \(collection.id), in one's district, all or nothing",
                                   body: false, success: ("201", edited))
            upload["parameters"] = [["name": "name", "in": "query", "required": false, "schema": ["type": "string"],
                                     "description": "The file's name (else Content-Disposition's filename, or the form's file)."]]
            upload["requestBody"] = ["required": true, "content": ["application/octet-stream": ["schema": ["type": "string", "format": "binary"]],
                                                                   "multipart/form-data": ["schema": ["type": "object", "properties": [
                                                                       "file": ["type": "string", "format": "binary"]]]]]]
            paths["/collections/\(collection.id)/uploads"] = ["post": upload]
        }
    }
}
