import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The encodings survey spreadsheets come in. Excel and WPS on Chinese Windows save CSV in GBK
/// (GB18030 is its superset); GDAL's CSV reader takes only UTF-8, so anything else is converted
/// before GDAL sees it.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030
    case gbk

    /// Reads "utf-8", "utf8", "gbk", "gb2312", "gb18030", "cp936" in any case.
    public init(parsing text: String) throws {
        switch text.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
        case "utf8": self = .utf8
        case "gb18030": self = .gb18030
        case "gbk", "gb2312", "cp936": self = .gbk
        default: throw GeoIOError.unreadable(text, reason: "unknown encoding; use utf-8, gbk or gb18030")
        }
    }

    /// The encoding of `data`: UTF-8 when it decodes as UTF-8 (with or without a byte-order mark),
    /// otherwise GB18030, which decodes any byte sequence GBK produces.
    public static func detect(_ data: Data) -> TextEncoding {
        String(data: data, encoding: .utf8) != nil ? .utf8 : .gb18030
    }

    /// `data` as text. GBK is read as GB18030, of which it is a subset.
    public func decode(_ data: Data, path: String) throws -> String {
        if self == .utf8 {
            guard let text = String(data: data, encoding: .utf8) else {
                throw GeoIOError.unreadable(path, reason: "not valid UTF-8; give the encoding, for example --encoding gbk")
            }
            return text
        }
        return try Self.convert(data, from: "GB18030", path: path)
    }

    private static func convert(_ data: Data, from encoding: String, path: String) throws -> String {
        guard let converter = iconv_open("UTF-8", encoding), converter != iconv_t(bitPattern: -1) else {
            throw GeoIOError.unreadable(path, reason: "this system cannot convert from \(encoding)")
        }
        defer { iconv_close(converter) }
        var input = [CChar](data.map { CChar(bitPattern: $0) })
        var output = [CChar](repeating: 0, count: 4 * data.count + 4)
        var inLeft = input.count, outLeft = output.count
        let failed = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1
            }
        }
        guard !failed else {
            throw GeoIOError.unreadable(path, reason: "not valid \(encoding) at byte \(data.count - inLeft)")
        }
        let bytes = output.prefix(output.count - outLeft).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension TextEncoding {
    /// The bytes `text` takes in this encoding; nil when a character has no code in it (GBK lacks
    /// many that UTF-8 and GB18030 hold).
    public func encodedLength(_ text: String) -> Int? {
        if self == .utf8 || text.unicodeScalars.allSatisfy(\.isASCII) { return text.utf8.count }
        guard let converter = iconv_open(self == .gbk ? "GBK" : "GB18030", "UTF-8"), converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(text.utf8CString.dropLast())
        var output = [CChar](repeating: 0, count: 4 * input.count + 4)
        var inLeft = input.count, outLeft = output.count
        let converted = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1
            }
        }
        return converted ? output.count - outLeft : nil
    }
}
