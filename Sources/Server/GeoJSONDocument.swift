import Foundation
import GeoCore
import GeoIO
import Inventory

/// The GeoJSON a feature service answers with: the features as `VectorWriter.geoJSON` writes them
/// (RFC 7946 in CRS84; in the project CRS, authority axis order, where the client asked for it),
/// each with its `id`, and the members OGC API – Features adds (links, numberMatched, ...).
enum GeoJSONDocument {
    /// A page of features as a FeatureCollection.
    static func collection(_ layer: FeatureLayer, ids: [String], matched: Int, links: [Link], crs: ServedCRS) throws -> String {
        let features = try featureTexts(layer, ids: ids, crs: crs)
        let members = [
            "\"type\": \"FeatureCollection\"",
            "\"numberMatched\": \(matched)",
            "\"numberReturned\": \(features.count)",
            "\"timeStamp\": \(json(Instant.now))",
            "\"links\": \(json(links.map(\.object)))",
        ]
        return "{ " + members.joined(separator: ", ") + ",\n\"features\": [\n" + features.joined(separator: ",\n") + "\n]\n}\n"
    }

    /// One feature, with its links.
    static func feature(_ layer: FeatureLayer, id: String, links: [Link], crs: ServedCRS) throws -> String {
        try featureTexts(layer, ids: [id], crs: crs, members: "\"links\": \(json(links.map(\.object))), ")[0] + "\n"
    }

    /// Each feature's GeoJSON text, its `id` added. GDAL's GeoJSON writer puts each feature on a
    /// line of its own beginning `{ "type": "Feature", `; the id goes right after. (Worked on as
    /// bytes: a page is long, and this is most of what the server does to it.)
    private static func featureTexts(_ layer: FeatureLayer, ids: [String], crs: ServedCRS, members: String = "") throws -> [String] {
        var output = layer
        var target: CRS? = nil
        if case let .crs(projectCRS)? = layer.coordinateSystem, projectCRS == crs.crs {
            target = projectCRS
            if crs.northFirst {
                output.features = try layer.features.map { feature in
                    var swapped = feature
                    swapped.geometry = try feature.geometry?.swappingXY()
                    return swapped
                }
            }
        }
        let prefix = "{ \"type\": \"Feature\", "
        let lines = try VectorWriter.geoJSON(output, in: target).utf8.split(separator: UInt8(ascii: "\n"))
            .filter { $0.starts(with: prefix.utf8) }
        guard lines.count == ids.count else {
            throw GeoJSONDocumentError.unexpectedWriterOutput(expected: ids.count, found: lines.count)
        }
        return zip(lines, ids).map { line, id in
            var rest = line.dropFirst(prefix.utf8.count)
            if rest.last == UInt8(ascii: ",") { rest = rest.dropLast() }
            return prefix + idMember(id) + members + String(decoding: rest, as: UTF8.self)
        }
    }

    private static func idMember(_ id: String) -> String { "\"id\": \(json(id)), " }

    /// A JSON value as text.
    static func json(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

enum GeoJSONDocumentError: Error, CustomStringConvertible {
    case unexpectedWriterOutput(expected: Int, found: Int)

    var description: String {
        switch self {
        case let .unexpectedWriterOutput(expected, found): "GeoJSON writer gave \(found) feature lines for \(expected) features"
        }
    }
}

/// A link of an OGC API document.
struct Link {
    let href: String
    let rel: String
    let type: String
    var title: String? = nil

    var object: [String: Any] {
        var object: [String: Any] = ["href": href, "rel": rel, "type": type]
        if let title { object["title"] = title }
        return object
    }
}

extension Instant {
    static var now: String { string(Date()) }
}
