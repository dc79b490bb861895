import Foundation

/// Files that arrive in a folder complete or not at all.
///
/// They are written into a hidden staging folder first (inside the target folder when it exists,
/// beside it when it does not) and moved in only once every one is complete: a new folder in one
/// rename, into an existing folder each file in one rename that replaces its old version. A
/// failure before that leaves the folder as it was (and does not create it).
public enum StagedWrite {
    /// - Parameters:
    ///   - folder: where the files go.
    ///   - beforeMoving: runs once everything is written, just before the files move in (to
    ///     remove what they replace, say).
    ///   - body: writes the files into the staging folder it is given.
    public static func files(into folder: URL, beforeMoving: () throws -> Void = {},
                             _ body: (URL) throws -> Void) throws {
        let files = FileManager.default
        let target = folder.standardizedFileURL
        let exists = files.fileExists(atPath: target.path)
        // No extension in the name: GDAL would take "x.xlsx.partial/x.xlsx" for a path inside a zip.
        let staging = (exists ? target : target.deletingLastPathComponent())
            .appendingPathComponent(".habitat-partial-\(UUID().uuidString)")
        do {
            try files.createDirectory(at: staging, withIntermediateDirectories: true)
            defer { try? files.removeItem(at: staging) }
            try body(staging)
            try beforeMoving()
            if !exists, rename(staging.path, target.path) == 0 { return }
            try files.createDirectory(at: target, withIntermediateDirectories: true)
            for name in try files.contentsOfDirectory(atPath: staging.path).sorted() {
                guard rename(staging.appendingPathComponent(name).path, target.appendingPathComponent(name).path) == 0 else {
                    throw GeoIOError.writeFailed(target.appendingPathComponent(name).path, reason: String(cString: strerror(errno)))
                }
            }
        } catch let error as CocoaError {
            throw GeoIOError.writeFailed(target.path, reason: error.localizedDescription)
        }
    }
}
