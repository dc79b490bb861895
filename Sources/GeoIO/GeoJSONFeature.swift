import Foundation

/// One GeoJSON feature as written: its properties in their order, and its geometry as the ISO
/// WKB OGR would export for it (nil for a null geometry).
struct GeoJSONFeature {
    enum Value {
        case null
        case boolean(Bool)
        case number(JSONCursor.Number)
        case string(String)
    }

    var properties: [(key: String, value: Value)] = []
    var wkb: [UInt8]?

    /// Reads the feature at the cursor. Valid JSON this reader does not reproduce exactly (a
    /// feature `id`, lists and objects as values, 3D or empty geometries, collections) is
    /// `Unsupported`; text that is not JSON, or a geometry of the wrong shape, `Malformed`.
    init(_ cursor: inout JSONCursor) throws {
        var sawType = false, sawGeometry = false
        try cursor.members { cursor, key in
            if key.spells("type") {
                guard try cursor.string() == "Feature" else { throw JSONCursor.Unsupported(what: "an object that is not a Feature") }
                sawType = true
            } else if key.spells("properties") {
                if try cursor.takeNull() { return }
                try cursor.members { cursor, key in
                    let name = try JSONCursor.decode(key)
                    // OGR may take a property `id`, or one without a name, as the feature's id.
                    guard !name.isEmpty, name.utf8.count != 2 || name.lowercased() != "id" else {
                        throw JSONCursor.Unsupported(what: "a property named id or nothing")
                    }
                    properties.append((name, try Self.value(&cursor)))
                }
            } else if key.spells("geometry") {
                sawGeometry = true
                if try cursor.takeNull() { return }
                var geometry = GeoJSONGeometryWKB()
                try geometry.read(&cursor)
                wkb = geometry.bytes
            } else {
                throw JSONCursor.Unsupported(what: "a feature member \"\(String(decoding: key, as: UTF8.self))\"")
            }
        }
        guard sawType, sawGeometry else { throw JSONCursor.Unsupported(what: "a feature without type or geometry") }
    }

    private static func value(_ cursor: inout JSONCursor) throws -> Value {
        switch cursor.peek() {
        case UInt8(ascii: "\""): return .string(try cursor.string())
        case UInt8(ascii: "t"):
            try cursor.literal("true")
            return .boolean(true)
        case UInt8(ascii: "f"):
            try cursor.literal("false")
            return .boolean(false)
        case UInt8(ascii: "n"):
            try cursor.literal("null")
            return .null
        case UInt8(ascii: "{"), UInt8(ascii: "["): throw JSONCursor.Unsupported(what: "an object or list as a value")
        default: return .number(try cursor.number())
        }
    }
}
