import Foundation
import GeoCore

/// GeoJSON written as GDAL's driver writes it with habitat's layer options (`VectorFormat.geoJSON`:
/// 7 decimals, no name, no `crs` member), feature for feature and line for line, but formatted on
/// every core: OGR's writer runs on one thread and was most of the time of `coverage --out`.
///
/// It writes what OGR would read back the same: reals in their shortest exact form (GDAL's 15 or
/// 17 digits give the same doubles), coordinates to 7 decimals, non-finite reals left out (as GDAL
/// leaves them, with a warning), the same escapes of text. It declines (false) what only GDAL's
/// own rules settle, which `VectorWriter` then hands to GDAL: a value of another kind than its field's
/// (which OGR converts), fields sharing a name, an empty point inside a multi-geometry, a
/// coordinate beyond 7 decimals' reach.
enum GeoJSONWriter {
    /// Features formatted per task: small enough to share out, large enough to pay the hand-over.
    static let chunkSize = 512

    /// The features as GeoJSON text, handed to `emit` in order, a run of lines at a time. False
    /// where GDAL alone writes the layer as it does — possibly after some text was emitted, which
    /// the caller then discards. `geometries` are in the output CRS already.
    static func write(fields: [Field], values: [[AttributeValue]], geometries: [Geometry?], description: String?,
                      emit: ([UInt8]) throws -> Void) throws -> Bool {
        guard Set(fields.map(\.name)).count == fields.count,
              values.allSatisfy({ zip(fields, $0).allSatisfy { field, value in value.fits(field.kind) } }) else { return false }
        let names = fields.map { name in var text: [UInt8] = []; appendString(name.name, to: &text); return text }
        var header = Array("{\n\"type\": \"FeatureCollection\",\n".utf8)
        if let description {
            header += Array("\"description\": ".utf8)
            appendString(description, to: &header)
            header += Array(",\n".utf8)
        }
        header += Array("\"features\": [\n".utf8)
        try emit(header)
        // A batch of chunks at a time, formatted on every core and then written in order, so the
        // whole text is never held at once.
        let starts = Array(stride(from: 0, to: values.count, by: chunkSize))
        let batch = 8 * ProcessInfo.processInfo.activeProcessorCount
        for batchStart in stride(from: 0, to: starts.count, by: batch) {
            let chunks = try Array(starts[batchStart..<min(batchStart + batch, starts.count)]).parallelMap { start -> [UInt8]? in
                var text: [UInt8] = []
                text.reserveCapacity(chunkSize * 256)
                for index in start..<min(start + chunkSize, values.count) {
                    guard appendFeature(values[index], geometries[index], names: names, to: &text) else { return nil }
                    text.append(contentsOf: (index == values.count - 1 ? "\n" : ",\n").utf8)
                }
                return text
            }
            for chunk in chunks {
                guard let chunk else { return false }
                try emit(chunk)
            }
        }
        try emit(Array((values.isEmpty ? "\n]\n}\n" : "]\n}\n").utf8))
        return true
    }

    /// One feature's line (without its separator); false where GDAL alone writes it as it does.
    private static func appendFeature(_ values: [AttributeValue], _ geometry: Geometry?, names: [[UInt8]],
                                      to text: inout [UInt8]) -> Bool {
        text.append(contentsOf: "{ \"type\": \"Feature\", \"properties\": { ".utf8)
        var first = true
        for (name, value) in zip(names, values) {
            if case let .real(number) = value, !number.isFinite { continue }
            if !first { text.append(contentsOf: ", ".utf8) }
            first = false
            text.append(contentsOf: name)
            text.append(contentsOf: ": ".utf8)
            switch value {
            case .null: text.append(contentsOf: "null".utf8)
            case let .integer(number): text.append(contentsOf: String(number).utf8)
            case let .real(number): text.append(contentsOf: number.description.utf8)
            case let .string(string): appendString(string, to: &text)
            }
        }
        text.append(contentsOf: (first ? "}, \"geometry\": " : " }, \"geometry\": ").utf8)
        guard let geometry else {
            text.append(contentsOf: "null }".utf8)
            return true
        }
        var wkb = WKBCursor(geometry.wkb)
        guard wkb.appendGeometry(to: &text, topLevel: true) else { return false }
        text.append(contentsOf: " }".utf8)
        return true
    }

    /// `string` as a JSON string: quotes, backslashes and control characters escaped, the rest as
    /// it is (UTF-8), as json-c writes it for GDAL.
    static func appendString(_ string: String, to text: inout [UInt8]) {
        text.append(0x22)
        for byte in string.utf8 {
            switch byte {
            case 0x22: text += [0x5C, 0x22]
            case 0x5C: text += [0x5C, 0x5C]
            case 0x0A: text += [0x5C, 0x6E]
            case 0x0D: text += [0x5C, 0x72]
            case 0x09: text += [0x5C, 0x74]
            case 0x08: text += [0x5C, 0x62]
            case 0x0C: text += [0x5C, 0x66]
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                text += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: text.append(byte)
            }
        }
        text.append(0x22)
    }

    /// Well-known binary (GEOS's: two dimensions, little-endian) read along as GeoJSON is written.
    private struct WKBCursor {
        let bytes: [UInt8]
        var offset = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func uint32() -> Int {
            defer { offset += 4 }
            return bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian) }
        }

        mutating func double() -> Double {
            defer { offset += 8 }
            return bytes.withUnsafeBytes { Double(bitPattern: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian) }
        }

        /// One geometry object, or `null` for an empty point at the top (as GDAL writes it).
        mutating func appendGeometry(to text: inout [UInt8], topLevel: Bool) -> Bool {
            guard bytes[offset] == 1 else { return false }
            offset += 1
            let type = uint32()
            let name: String
            switch type {
            case 1: name = "Point"
            case 2: name = "LineString"
            case 3: name = "Polygon"
            case 4: name = "MultiPoint"
            case 5: name = "MultiLineString"
            case 6: name = "MultiPolygon"
            case 7: name = "GeometryCollection"
            default: return false
            }
            if type == 1 {
                let start = offset
                let x = double()
                offset = start
                if x.isNaN {
                    guard topLevel else { return false }
                    offset += 16
                    text.append(contentsOf: "null".utf8)
                    return true
                }
            }
            text.append(contentsOf: "{ \"type\": \"".utf8)
            text.append(contentsOf: name.utf8)
            text.append(contentsOf: (type == 7 ? "\", \"geometries\": " : "\", \"coordinates\": ").utf8)
            guard type == 7 ? appendMembers(to: &text) : appendCoordinates(type: type, to: &text) else { return false }
            text.append(contentsOf: " }".utf8)
            return true
        }

        /// A collection's members, each a whole geometry object.
        private mutating func appendMembers(to text: inout [UInt8]) -> Bool {
            appendList(to: &text) { cursor, text in cursor.appendGeometry(to: &text, topLevel: false) }
        }

        /// The `coordinates` array of a geometry of WKB `type` (1 to 6), its header read.
        private mutating func appendCoordinates(type: Int, to text: inout [UInt8]) -> Bool {
            switch type {
            case 1:
                return appendPosition(to: &text)
            case 2, 3:
                return appendList(to: &text) { cursor, text in
                    type == 2 ? cursor.appendPosition(to: &text)
                        : cursor.appendList(to: &text) { cursor, text in cursor.appendPosition(to: &text) }
                }
            default:
                // A multi-geometry: its members' headers, then their coordinates; an empty point
                // inside one is written by GDAL's rules only.
                return appendList(to: &text) { cursor, text in
                    guard cursor.bytes[cursor.offset] == 1 else { return false }
                    cursor.offset += 1
                    let memberType = cursor.uint32()
                    if memberType == 1, cursor.bytes.withUnsafeBytes({ Double(bitPattern: $0.loadUnaligned(fromByteOffset: cursor.offset, as: UInt64.self).littleEndian) }).isNaN {
                        return false
                    }
                    return cursor.appendCoordinates(type: memberType, to: &text)
                }
            }
        }

        /// A counted list `[ a, b ]`, `[ ]` when empty, each element appended by `element`.
        private mutating func appendList(to text: inout [UInt8], _ element: (inout WKBCursor, inout [UInt8]) -> Bool) -> Bool {
            let count = uint32()
            text.append(contentsOf: "[ ".utf8)
            for index in 0..<count {
                if index > 0 { text.append(contentsOf: ", ".utf8) }
                guard element(&self, &text) else { return false }
            }
            text.append(contentsOf: (count == 0 ? "]" : " ]").utf8)
            return true
        }

        private mutating func appendPosition(to text: inout [UInt8]) -> Bool {
            text.append(contentsOf: "[ ".utf8)
            guard GeoJSONWriter.appendCoordinate(double(), to: &text) else { return false }
            text.append(contentsOf: ", ".utf8)
            guard GeoJSONWriter.appendCoordinate(double(), to: &text) else { return false }
            text.append(contentsOf: " ]".utf8)
            return true
        }
    }

    /// A coordinate as GDAL writes it to 7 decimals: `%.7f`, then GDAL's rounding of what looks
    /// like binary noise (where the text is over 10 characters, decimals 2 to 6 all 0 drop the 7th,
    /// all 9 round up at the 1st), trailing zeros trimmed to one: "116.3912345", "39.9", "-0.0",
    /// and -179.9999999 as "-180.0". False for a coordinate not finite or beyond 9e8.
    static func appendCoordinate(_ value: Double, to text: inout [UInt8]) -> Bool {
        let product = value * 1e7
        guard product.isFinite, abs(product) < 9e15 else { return false }
        // In 1e-7 units, as `%.7f` rounds the exact value: near a tie the rounded product may round
        // the other way, so there printf itself decides.
        var units = abs(abs(product - product.rounded(.towardZero)) - 0.5) > 1e-3
            ? UInt64(abs(product.rounded()))
            : UInt64(String(format: "%.7f", abs(value)).filter { $0 != "." })!
        let negative = value.sign == .minus
        if (negative ? 1 : 0) + digitCount(units / 10_000_000) > 2 {
            let middle = (units / 10) % 100_000
            if middle == 0 {
                units -= units % 10
            } else if middle == 99_999 {
                units = units - units % 1_000_000 + 1_000_000
            }
        }
        if negative { text.append(0x2D) }
        appendDigits(units / 10_000_000, count: digitCount(units / 10_000_000), to: &text)
        text.append(0x2E)
        var fraction = units % 10_000_000
        var decimals = 7
        while decimals > 1, fraction % 10 == 0 {
            fraction /= 10
            decimals -= 1
        }
        appendDigits(fraction, count: decimals, to: &text)
        return true
    }

    /// How many decimal digits `number` has (1 for 0).
    private static func digitCount(_ number: UInt64) -> Int {
        var (count, rest) = (1, number / 10)
        while rest > 0 { (count, rest) = (count + 1, rest / 10) }
        return count
    }

    /// `number`'s last `count` decimal digits, zeros in front where it has fewer.
    private static func appendDigits(_ number: UInt64, count: Int, to text: inout [UInt8]) {
        let end = text.count + count
        text.append(contentsOf: repeatElement(0x30, count: count))
        var rest = number
        for position in stride(from: end - 1, through: end - count, by: -1) {
            text[position] = 0x30 + UInt8(rest % 10)
            rest /= 10
        }
    }
}

private extension AttributeValue {
    /// Whether the value is of its field's kind, so written as it is, where OGR would convert it.
    func fits(_ kind: Field.Kind) -> Bool {
        switch (self, kind) {
        case (.null, _), (.integer, .integer), (.real, .real), (.string, .string): true
        default: false
        }
    }
}
