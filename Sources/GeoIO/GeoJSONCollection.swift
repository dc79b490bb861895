import Foundation

/// The outline of a GeoJSON FeatureCollection found in one fast pass over its bytes: its name,
/// its `crs` name, and where each feature lies, so the features can be parsed apart, in parallel.
struct GeoJSONCollection {
    var name: String?
    /// The `crs` member's name (`{"type": "name", "properties": {"name": …}}`), nil when absent.
    var crsName: String?
    var features: [Range<Int>] = []

    /// Scans `count` bytes. Anything but a FeatureCollection of the members OGR reads the same
    /// way is `Unsupported`; text that breaks off or is not JSON inside the features names the
    /// feature (`Malformed`, with `feature` the 0-based index where it broke).
    /// `scanned` is told, feature by feature, how far the scan has come: the bytes before are not
    /// looked at again.
    init(scanning bytes: UnsafePointer<UInt8>, count: Int, scanned: (Int) -> Void = { _ in }) throws {
        var cursor = JSONCursor(bytes, range: 0..<count)
        if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { cursor.offset = 3 }
        var sawType = false, sawFeatures = false, featuresDone = false
        do {
            try cursor.members { cursor, key in
                if key.spells("type") {
                    guard try cursor.string() == "FeatureCollection" else { throw JSONCursor.Unsupported(what: "not a FeatureCollection") }
                    sawType = true
                } else if key.spells("name") {
                    guard cursor.peek() == UInt8(ascii: "\"") else { throw JSONCursor.Unsupported(what: "a name that is not a string") }
                    name = try cursor.string()
                } else if key.spells("crs") {
                    crsName = try Self.crsName(&cursor)
                } else if key.spells("features"), !sawFeatures {
                    sawFeatures = true
                    try scanFeatures(&cursor, scanned: scanned)
                    featuresDone = true
                } else {
                    throw JSONCursor.Unsupported(what: "a member \"\(String(decoding: key, as: UTF8.self))\"")
                }
            }
        } catch let error as JSONCursor.Malformed where sawFeatures {
            throw Broken(feature: featuresDone ? nil : features.count, offset: error.offset, problem: error.problem)
        } catch is JSONCursor.Malformed {
            throw JSONCursor.Unsupported(what: "not JSON before the features")  // OGR's to say
        }
        guard sawType, sawFeatures else { throw JSONCursor.Unsupported(what: "not a FeatureCollection") }
        guard cursor.peek() == 0 else { throw Broken(feature: nil, offset: cursor.offset, problem: "text after the end of the collection") }
    }

    /// Where the file stops being the JSON it started as: in feature `feature` (0-based), or
    /// after the features (nil).
    struct Broken: Error {
        let feature: Int?
        let offset: Int
        let problem: String
    }

    private mutating func scanFeatures(_ cursor: inout JSONCursor, scanned: (Int) -> Void) throws {
        try cursor.elements { cursor in
            guard cursor.peek() == UInt8(ascii: "{") else { throw cursor.malformed("a feature object") }
            let start = cursor.offset
            try cursor.skipValue()
            features.append(start..<cursor.offset)
            scanned(cursor.offset)
        }
    }

    private static func crsName(_ cursor: inout JSONCursor) throws -> String {
        var isNamed = false, name: String?
        try cursor.members { cursor, key in
            if key.spells("type") {
                isNamed = try cursor.string() == "name"
            } else if key.spells("properties") {
                try cursor.members { cursor, key in
                    guard key.spells("name") else { throw JSONCursor.Unsupported(what: "a crs of another kind") }
                    name = try cursor.string()
                }
            } else {
                throw JSONCursor.Unsupported(what: "a crs of another kind")
            }
        }
        guard isNamed, let name else { throw JSONCursor.Unsupported(what: "a crs of another kind") }
        return name
    }
}
