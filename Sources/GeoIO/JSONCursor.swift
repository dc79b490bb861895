import Foundation

/// A position in JSON text held in memory, reading it token by token without building a tree:
/// what the GeoJSON reader walks a file with.
struct JSONCursor {
    /// Where the text is not JSON (the position is where it stops making sense).
    struct Malformed: Error {
        let offset: Int
        let problem: String
    }

    /// Valid JSON that reads into something only OGR reproduces faithfully.
    struct Unsupported: Error {
        let what: String
    }

    /// A JSON number as json-c (GDAL's parser) holds it: an integer where written without a
    /// fraction or exponent, else a double.
    enum Number: Equatable {
        case integer(Int64)
        case real(Double)

        var double: Double {
            switch self {
            case let .integer(value): Double(value)
            case let .real(value): value
            }
        }
    }

    let bytes: UnsafePointer<UInt8>
    let end: Int
    var offset: Int

    init(_ bytes: UnsafePointer<UInt8>, range: Range<Int>) {
        self.bytes = bytes
        self.offset = range.lowerBound
        self.end = range.upperBound
    }

    var atEnd: Bool { offset >= end }

    /// The next byte that is not white space (0 at the end), not consumed.
    mutating func peek() -> UInt8 {
        while offset < end {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            case let byte: return byte
            }
        }
        return 0
    }

    mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else { throw malformed("'\(Character(Unicode.Scalar(byte)))'") }
        offset += 1
    }

    /// Consumes `byte` when it comes next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    func malformed(_ expected: String) -> Malformed { Malformed(offset: offset, problem: "malformed JSON, expected \(expected)") }

    /// Walks the members of an object, `body` reading each value after its key (as raw bytes).
    mutating func members(_ body: (inout JSONCursor, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if take(UInt8(ascii: "}")) { return }
        repeat {
            let key = try rawString()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// Walks the elements of an array; returns how many there were.
    @discardableResult
    mutating func elements(_ body: (inout JSONCursor) throws -> Void) throws -> Int {
        try expect(UInt8(ascii: "["))
        if take(UInt8(ascii: "]")) { return 0 }
        var count = 0
        repeat {
            try body(&self)
            count += 1
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
        return count
    }

    /// Consumes `null` when it comes next.
    mutating func takeNull() throws -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard offset + count <= end, memcmp(bytes + offset, word.utf8Start, count) == 0 else { throw malformed("\(word)") }
        offset += count
    }

    /// A string's bytes as written, escapes and all (for keys, compared with plain names).
    mutating func rawString() throws -> UnsafeBufferPointer<UInt8> {
        try expect(UInt8(ascii: "\""))
        let start = offset
        while offset < end {
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                offset += 1
                return UnsafeBufferPointer(start: bytes + start, count: offset - 1 - start)
            case UInt8(ascii: "\\"): offset += 2
            default: offset += 1
            }
        }
        offset = start
        throw malformed("the end of a string")
    }

    /// A string value, its escapes decoded. Text json-c and Swift could tell apart (invalid UTF-8,
    /// a NUL that cuts a C string short, control characters, lone surrogates) is unsupported.
    mutating func string() throws -> String {
        try Self.decode(rawString())
    }

    /// The text of a string whose bytes between the quotes are `raw`.
    static func decode(_ raw: UnsafeBufferPointer<UInt8>) throws -> String {
        if !raw.contains(UInt8(ascii: "\\")) {
            guard !raw.contains(where: { $0 < 0x20 }), let text = String(validating: raw, as: UTF8.self) else {
                throw Unsupported(what: "a string with control characters or invalid UTF-8")
            }
            return text
        }
        return try unescape(raw)
    }

    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) throws -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(raw.count)
        var index = 0
        func hex4() throws -> UInt32 {
            guard index + 4 < raw.count else { throw Unsupported(what: "a short \\u escape") }
            var value: UInt32 = 0
            for digit in raw[(index + 1)...(index + 4)] {
                guard let nibble = Character(Unicode.Scalar(digit)).hexDigitValue else { throw Unsupported(what: "a bad \\u escape") }
                value = value << 4 | UInt32(nibble)
            }
            index += 4
            return value
        }
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                guard byte >= 0x20 else { throw Unsupported(what: "a string with control characters") }
                decoded.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < raw.count else { throw Unsupported(what: "a bad escape") }
            switch raw[index] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(raw[index])
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard index + 2 < raw.count, raw[index + 1] == UInt8(ascii: "\\"), raw[index + 2] == UInt8(ascii: "u") else {
                        throw Unsupported(what: "a lone surrogate")
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw Unsupported(what: "a lone surrogate") }
                    scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                }
                guard scalar != 0, let unicode = Unicode.Scalar(scalar) else { throw Unsupported(what: "a NUL or lone surrogate") }
                decoded.append(contentsOf: String(unicode).utf8)
            default: throw Unsupported(what: "a bad escape")
            }
            index += 1
        }
        guard let text = String(validating: decoded, as: UTF8.self) else { throw Unsupported(what: "invalid UTF-8") }
        return text
    }

    /// A number, parsed to the same value as json-c gives: integers exactly, doubles correctly
    /// rounded. Forms strict JSON does not allow (json-c may) are unsupported.
    mutating func number() throws -> Number {
        guard peek() != 0 else { throw malformed("a number") }
        let start = offset
        let negative = bytes[offset] == UInt8(ascii: "-")
        if negative { offset += 1 }
        // Up to 19 significant digits kept exactly; `truncated` when more were written.
        var mantissa: UInt64 = 0, digits = 0, significant = 0, exponent = 0, truncated = false
        let integerStart = offset
        while offset < end, case let digit = bytes[offset] &- 0x30, digit < 10 {
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                if mantissa > 0 { significant += 1 }
            } else {
                exponent += 1
                truncated = true
            }
            digits += 1
            offset += 1
        }
        guard digits > 0 else {
            offset = start
            throw malformed("a number")
        }
        if digits > 1 && bytes[integerStart] == UInt8(ascii: "0") { throw Unsupported(what: "a number with a leading zero") }
        var isInteger = true
        if offset < end, bytes[offset] == UInt8(ascii: ".") {
            isInteger = false
            offset += 1
            var fractionDigits = 0
            while offset < end, case let digit = bytes[offset] &- 0x30, digit < 10 {
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    if mantissa > 0 { significant += 1 }
                    exponent -= 1
                } else {
                    truncated = true
                }
                fractionDigits += 1
                offset += 1
            }
            guard fractionDigits > 0 else { throw Unsupported(what: "a number ending in '.'") }
        }
        if offset < end, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            offset += 1
            var exponentNegative = false
            if offset < end, bytes[offset] == UInt8(ascii: "-") || bytes[offset] == UInt8(ascii: "+") {
                exponentNegative = bytes[offset] == UInt8(ascii: "-")
                offset += 1
            }
            var written = 0, exponentDigits = 0
            while offset < end, case let digit = bytes[offset] &- 0x30, digit < 10 {
                if written < 100_000 { written = written * 10 + Int(digit) }
                exponentDigits += 1
                offset += 1
            }
            guard exponentDigits > 0 else { throw Unsupported(what: "a number with an empty exponent") }
            exponent += exponentNegative ? -written : written
        }
        if isInteger {
            // Beyond 18 digits json-c's int64 may overflow, clamp or turn double: OGR decides.
            guard digits <= 18 else { throw Unsupported(what: "an integer beyond 64 bits") }
            return .integer(negative ? -Int64(mantissa) : Int64(mantissa))
        }
        // Both the significand and the power of ten are exact doubles: one correctly rounded
        // operation (Clinger's fast path). Otherwise the full conversion.
        let value: Double
        if !truncated, mantissa <= 1 << 53, (-22...22).contains(exponent) {
            let power = Self.powersOfTen[abs(exponent)]
            value = exponent < 0 ? Double(mantissa) / power : Double(mantissa) * power
        } else {
            let text = String(decoding: UnsafeBufferPointer(start: bytes + start + (negative ? 1 : 0), count: offset - start - (negative ? 1 : 0)), as: UTF8.self)
            guard let parsed = Double(text) else { throw Unsupported(what: "a number Swift cannot parse") }
            value = parsed
        }
        guard value.isFinite else { throw Unsupported(what: "a number beyond the doubles") }
        return .real(negative ? -value : value)
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

    /// Passes over one value of any kind, checking only that brackets match outside strings.
    mutating func skipValue() throws {
        let first = peek()
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            switch first {
            case UInt8(ascii: "\""): _ = try rawString()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: _ = try number()
            }
            return
        }
        var depth = 0
        let start = offset
        while offset < end {
            switch bytes[offset] {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    offset += 1
                    return
                }
            case UInt8(ascii: "\""):
                offset += 1
                while offset < end && bytes[offset] != UInt8(ascii: "\"") {
                    offset += bytes[offset] == UInt8(ascii: "\\") ? 2 : 1
                }
            default: break
            }
            offset += 1
        }
        offset = start
        throw malformed("the end of \(first == UInt8(ascii: "{") ? "an object" : "an array") (the file ends first)")
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes spell `name`.
    func spells(_ name: StaticString) -> Bool {
        count == name.utf8CodeUnitCount && memcmp(baseAddress!, name.utf8Start, count) == 0
    }
}
