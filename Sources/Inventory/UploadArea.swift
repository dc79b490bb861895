import Foundation

/// The folder uploaded files are kept in before they are imported. A file is stored under the
/// last part of the name the client gave (a browser may send `C:\fakepath\survey.xlsx`; a hostile
/// client `../../etc/passwd`), after a unique prefix, so that no name reaches outside the folder
/// or replaces another upload, and the extension that tells GDAL the format stays.
public struct UploadArea: Sendable {
    public let folder: String

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

    /// The last part of a client's file name, refused where none is left or it holds a NUL or
    /// another control character.
    static func safeName(_ name: String) throws -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        guard !last.isEmpty, last != ".", last != "..", !last.hasPrefix("."),
              !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw InventoryError.badUploadName(name)
        }
        return last
    }
}
