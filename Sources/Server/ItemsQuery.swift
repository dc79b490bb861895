import Foundation
import GeoIO
import Inventory

/// What an items request asks, read from its query string and checked: a bad value is a 400 that
/// says which parameter and why, and so is a parameter the collection does not take.
struct ItemsQuery {
    var bbox: [Double]?
    var bboxCRS: ServedCRS
    var crs: ServedCRS
    var limit = ItemsQuery.defaultLimit
    var offset = 0
    /// The instant the layer is read as of (Instant's text); nil for now.
    var asOf: String?
    /// Field filters, each value typed as its field is.
    var equal: [String: AttributeValue] = [:]

    static let defaultLimit = 10
    /// The page size a client may ask for at most; more is served as this many, with a next link.
    static let maximumLimit = 10_000
    /// More features than any layer of a province holds: an offset past it is a mistake or an
    /// attack (offset + limit must never overflow).
    static let maximumOffset = 1_000_000_000
    /// The parameters every items request may carry, besides the collection's fields.
    static let parameters = ["f", "bbox", "bbox-crs", "crs", "limit", "offset", "datetime"]

    init(_ parameters: [(key: String, value: String)], fields: [Field], offered: [ServedCRS]) throws {
        (bboxCRS, crs) = (offered[0], offered[0])
        var seen = Set<String>()
        for (key, value) in parameters {
            guard seen.insert(key).inserted else { throw Problem.badRequest("\(key): given twice") }
            switch key {
            case "f": break
            case "bbox": bbox = try Self.bbox(value)
            case "bbox-crs": bboxCRS = try ServedCRS.named(value, among: offered, parameter: "bbox-crs")
            case "crs": crs = try ServedCRS.named(value, among: offered, parameter: "crs")
            case "limit":
                guard let number = Int(value), number >= 1 else {
                    throw Problem.badRequest("limit: '\(Self.shown(value))' is not a whole number of at least 1")
                }
                limit = min(number, Self.maximumLimit)
            case "offset":
                guard let number = Int(value), number >= 0, number <= Self.maximumOffset else {
                    throw Problem.badRequest("offset: '\(Self.shown(value))' is not a whole number from 0 to \(Self.maximumOffset)")
                }
                offset = number
            case "datetime": asOf = try Self.instant(value)
            default:
                guard let field = fields.first(where: { $0.name == key }) else {
                    throw Problem.badRequest("unknown parameter '\(Self.shown(key))' (this collection takes "
                                             + (Self.parameters + fields.map(\.name)).joined(separator: ", ") + ")")
                }
                equal[key] = try Self.typed(value, field)
            }
        }
        if let bbox, bboxCRS.uri == ServedCRS.crs84URI, bbox[1] < -90 || bbox[3] > 90 {
            throw Problem.badRequest("bbox: latitudes lie between -90 and 90 (the order is min lon, min lat, max lon, max lat)")
        }
    }

    /// Four numbers, the lower corner first, in the bbox-crs's axis order.
    private static func bbox(_ text: String) throws -> [Double] {
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 4, numbers.allSatisfy({ $0?.isFinite == true }) else {
            throw Problem.badRequest("bbox: '\(shown(text))' is not four numbers separated by commas (minx,miny,maxx,maxy)")
        }
        let corners = numbers.map { $0! }
        guard corners[0] <= corners[2], corners[1] <= corners[3] else {
            throw Problem.badRequest("bbox: the lower corner comes first (minx,miny,maxx,maxy); got '\(shown(text))'")
        }
        return corners
    }

    /// An instant (RFC 3339 date-time, or a date meaning the end of that day); intervals are not
    /// served: the layer is read as the inventory said at one moment.
    private static func instant(_ text: String) throws -> String {
        guard !text.contains("/") else {
            throw Problem.badRequest("datetime: only an instant is served (the layer as the inventory said then), not an interval")
        }
        guard let instant = try? Instant.parse(text) else {
            throw Problem.badRequest("datetime: '\(shown(text))' is not a date (2018-12-31) or an RFC 3339 date-time (2018-12-31T12:00:00Z)")
        }
        return instant
    }

    private static func typed(_ text: String, _ field: Field) throws -> AttributeValue {
        switch field.kind {
        case .string: return .string(text)
        case .integer:
            guard let number = Int64(text) else { throw Problem.badRequest("\(field.name): '\(shown(text))' is not a whole number") }
            return .integer(number)
        case .real:
            guard let number = Double(text), number.isFinite else {
                throw Problem.badRequest("\(field.name): '\(shown(text))' is not a number")
            }
            return .real(number)
        }
    }

    /// A value as a message quotes it: cut short, since a request may be long.
    static func shown(_ text: String) -> String { text.count > 60 ? String(text.prefix(60)) + "…" : text }
}
