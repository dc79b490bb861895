import Foundation

/// A GeoJSON geometry object turned straight into the little-endian ISO WKB that OGR exports
/// for it, coordinates parsed as json-c parses them.
struct GeoJSONGeometryWKB {
    private(set) var bytes: [UInt8] = []

    /// The WKB type codes of the GeoJSON types.
    private static let codes: [String: UInt32] = [
        "Point": 1, "LineString": 2, "Polygon": 3, "MultiPoint": 4, "MultiLineString": 5, "MultiPolygon": 6,
    ]

    mutating func read(_ cursor: inout JSONCursor) throws {
        var code: UInt32?
        var coordinates: Int?
        try cursor.members { cursor, key in
            if key.spells("type") {
                let name = try cursor.string()
                guard let known = Self.codes[name] else {
                    // OGR reads the collections, and the types spelled in another case.
                    let ogrReads = (Array(Self.codes.keys) + ["GeometryCollection"]).contains { $0.lowercased() == name.lowercased() }
                    throw ogrReads ? JSONCursor.Unsupported(what: "a geometry of type \(name)") : Self.broken("type \"\(name)\"", cursor)
                }
                code = known
            } else if key.spells("coordinates") {
                coordinates = cursor.offset
                try cursor.skipValue()
            } else {
                throw JSONCursor.Unsupported(what: "a geometry member \"\(String(decoding: key, as: UTF8.self))\"")
            }
        }
        guard let code, let coordinates else { throw Self.broken("no type or no coordinates", cursor) }
        var inner = cursor
        inner.offset = coordinates
        bytes.reserveCapacity(cursor.offset - coordinates)  // about as long as the WKB
        try write(code, &inner)
    }

    /// Writes one geometry of WKB type `code`.
    private mutating func write(_ code: UInt32, _ cursor: inout JSONCursor) throws {
        bytes.append(1)
        append(code)
        switch code {
        case 1: try position(&cursor)
        case 2: try points(&cursor, least: 2)
        case 3: try rings(&cursor)
        default:
            // A multi-geometry: a count, then each member as a geometry of its own.
            let countAt = placeholder()
            let count = try Self.elements(&cursor) { cursor in try write(code - 3, &cursor) }
            patch(countAt, count)
        }
    }

    private mutating func rings(_ cursor: inout JSONCursor) throws {
        let countAt = placeholder()
        let count = try Self.elements(&cursor) { cursor in
            let start = bytes.count + 4
            try points(&cursor, least: 4)
            // An open ring OGR keeps as written, and GEOS then refuses: OGR's own message says so.
            guard bytes[start..<(start + 16)].elementsEqual(bytes[(bytes.count - 16)...]) else {
                throw JSONCursor.Unsupported(what: "an unclosed ring")
            }
        }
        patch(countAt, count)
    }

    private mutating func points(_ cursor: inout JSONCursor, least: Int) throws {
        let countAt = placeholder()
        let count = try Self.elements(&cursor) { cursor in try position(&cursor) }
        guard count >= least else { throw JSONCursor.Unsupported(what: "a line or ring of too few points") }
        patch(countAt, count)
    }

    private mutating func position(_ cursor: inout JSONCursor) throws {
        try cursor.expect(UInt8(ascii: "["))
        try coordinate(&cursor)
        try cursor.expect(UInt8(ascii: ","))
        try coordinate(&cursor)
        guard cursor.take(UInt8(ascii: "]")) else {
            throw cursor.peek() == UInt8(ascii: ",") ? JSONCursor.Unsupported(what: "a 3D position") : cursor.malformed("']' after a position")
        }
    }

    private mutating func coordinate(_ cursor: inout JSONCursor) throws {
        let first = cursor.peek()
        guard first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            throw Self.broken("a coordinate that is not a number", cursor)
        }
        var value = try cursor.number().double.bitPattern.littleEndian
        withUnsafeBytes(of: &value) { bytes.append(contentsOf: $0) }
    }

    /// The elements of a non-empty array (an empty one is an empty geometry: OGR's to read).
    private static func elements(_ cursor: inout JSONCursor, _ body: (inout JSONCursor) throws -> Void) throws -> Int {
        guard cursor.peek() == UInt8(ascii: "[") else { throw broken("coordinates nested the wrong way", cursor) }
        let count = try cursor.elements(body)
        guard count > 0 else { throw JSONCursor.Unsupported(what: "an empty geometry") }
        return count
    }

    private mutating func append(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private mutating func placeholder() -> Int {
        append(0)
        return bytes.count - 4
    }

    private mutating func patch(_ at: Int, _ count: Int) {
        withUnsafeBytes(of: UInt32(count).littleEndian) { counted in
            for index in 0..<4 { bytes[at + index] = counted[index] }
        }
    }

    private static func broken(_ problem: String, _ cursor: JSONCursor) -> JSONCursor.Malformed {
        JSONCursor.Malformed(offset: cursor.offset, problem: "a broken geometry (\(problem))")
    }
}
