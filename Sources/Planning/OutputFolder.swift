import Foundation

/// Writes a set of files into a folder all at once or not at all.
///
/// The files are written into a hidden staging folder beside the target first; only when every one
/// is complete are they moved in. A failure half-way leaves the target as it was (and does not
/// create it).
public enum OutputFolder {
    public static func write(_ folder: String, _ body: (URL) throws -> Void) throws {
        let target = URL(fileURLWithPath: folder).standardizedFileURL
        let staging = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        let files = FileManager.default
        try? files.removeItem(at: staging)
        do {
            try files.createDirectory(at: staging, withIntermediateDirectories: true)
            defer { try? files.removeItem(at: staging) }
            try body(staging)
            // A new folder arrives whole, in one rename; into an existing one the files move one
            // by one, each replacing its old version in one step.
            if !files.fileExists(atPath: target.path), rename(staging.path, target.path) == 0 { return }
            try files.createDirectory(at: target, withIntermediateDirectories: true)
            for name in try files.contentsOfDirectory(atPath: staging.path).sorted() {
                // rename(2) replaces an existing file in one step.
                let source = staging.appendingPathComponent(name).path
                guard rename(source, target.appendingPathComponent(name).path) == 0 else {
                    throw OutputError(folder: folder, reason: String(cString: strerror(errno)))
                }
            }
        } catch let error as CocoaError {
            throw OutputError(folder: folder, reason: error.localizedDescription)
        }
    }
}

public struct OutputError: Error, CustomStringConvertible {
    public let folder: String
    public let reason: String
    public var description: String { "\(folder): cannot write the output (\(reason))" }
}
