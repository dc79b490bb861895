import Foundation

/// The folder uploaded files are kept in while they are imported. A file is stored under the
/// last part of the name the client gave (a browser may send `C:\fakepath\survey.xlsx`; a hostile
/// client `../../etc/passwd`), after a unique prefix, so that no name reaches outside the folder
/// or replaces another upload, and the extension that tells GDAL the format stays. Only the
/// formats a survey comes in are taken: a `.vrt` (or a GeoPackage, a SQLite file) would have GDAL
/// read other files of the server, or the project itself, through it.
public struct UploadArea: Sendable {
    public let folder: String

    /// The extensions of the survey files an import reads (a zipped shapefile as `.zip` or `.shz`).
    public static let extensions: Set<String> = ["xlsx", "ods", "csv", "geojson", "json", "kml", "kmz", "zip", "shz", "dxf", "gpx"]
    /// Well under the 255 bytes a file name may take, with the unique prefix before it.
    static let maxNameBytes = 200

    public init(_ folder: String) {
        self.folder = folder
    }

    /// Writes `data` into the folder (made if missing), complete or not at all; returns its path.
    public func store(_ data: Data, named name: String) throws -> String {
        let safe = try Self.safeName(name)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = (folder as NSString).appendingPathComponent(UUID().uuidString.lowercased() + "-" + safe)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    /// Stores `data`, hands its path to `body` (the import), and removes the file after, whatever
    /// came of it: the area keeps nothing.
    public func importing<T>(_ data: Data, named name: String, _ body: (String) throws -> T) throws -> T {
        let path = try store(data, named: name)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    /// The name the client gave a file stored here (its unique prefix taken off): what the import
    /// log records as the upload's source.
    public static func clientName(of path: String) -> String {
        let stored = (path as NSString).lastPathComponent
        let prefix = stored.prefix(37)
        guard prefix.count == 37, prefix.last == "-", UUID(uuidString: String(prefix.dropLast())) != nil else { return stored }
        return String(stored.dropFirst(37))
    }

    /// The last part of a client's file name, refused where none is left, it holds a NUL or
    /// another control character, it is too long, or its extension is no survey format's.
    static func safeName(_ name: String) throws -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        guard !last.isEmpty, last != ".", last != "..", !last.hasPrefix("."), last.utf8.count <= maxNameBytes,
              extensions.contains((last as NSString).pathExtension.lowercased()),
              !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw InventoryError.badUploadName(name)
        }
        return last
    }
}
