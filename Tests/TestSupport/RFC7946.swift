import Foundation

/// An independent check of a GeoJSON file against RFC 7946, reading the text itself.
public enum RFC7946 {
    /// What the file does wrong; empty when it is right.
    public static func problems(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let object = try TestSupport.json(text)
        var problems: [String] = []
        if object["crs"] != nil { problems.append("has a crs member") }
        for decimals in coordinateDecimals(text) where decimals > 7 {
            problems.append("a coordinate has \(decimals) decimals")
            break
        }
        let features = object["features"] as? [[String: Any]] ?? []
        for (index, feature) in features.enumerated() {
            let geometry = feature["geometry"] as? [String: Any] ?? [:]
            let coordinates = geometry["coordinates"]
            let polygons: [[[[Double]]]]
            switch geometry["type"] as? String {
            case "Polygon": polygons = [coordinates as? [[[Double]]] ?? []]
            case "MultiPolygon": polygons = coordinates as? [[[[Double]]]] ?? []
            default: polygons = []
            }
            for polygon in polygons {
                for (ringIndex, ring) in polygon.enumerated() {
                    let area = signedArea(ring)
                    if ringIndex == 0 && area <= 0 { problems.append("feature \(index): exterior ring not counter-clockwise") }
                    if ringIndex > 0 && area >= 0 { problems.append("feature \(index): hole not clockwise") }
                    for point in ring where !(-180...180 ~= point[0]) || !(-90...90 ~= point[1]) {
                        problems.append("feature \(index): position \(point) is not longitude, latitude")
                    }
                }
            }
        }
        return problems
    }

    /// Shoelace formula: positive for counter-clockwise rings.
    static func signedArea(_ ring: [[Double]]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0) { $0 + ($1.0[0] * $1.1[1] - $1.1[0] * $1.0[1]) } / 2
    }

    /// The number of decimals of every number inside every "coordinates" array.
    static func coordinateDecimals(_ text: String) -> [Int] {
        var result: [Int] = []
        var rest = Substring(text)
        while let start = rest.range(of: "\"coordinates\"") {
            var depth = 0, started = false
            var end = start.upperBound
            for index in rest[start.upperBound...].indices {
                let character = rest[index]
                if character == "[" { depth += 1; started = true }
                if character == "]" { depth -= 1 }
                if started && depth == 0 { end = index; break }
            }
            let body = rest[start.upperBound..<end]
            for number in body.split(whereSeparator: { !"0123456789.-eE".contains($0) }) {
                if let dot = number.firstIndex(of: ".") {
                    result.append(number[number.index(after: dot)...].prefix { $0.isNumber }.count)
                }
            }
            rest = rest[end...]
        }
        return result
    }
}
