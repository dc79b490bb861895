import CGDAL
import Foundation
import GeoCore

/// A GeoPackage opened through OGR for reading and changing features in place: what a project
/// file is made of. Changes made inside `transaction` land together or not at all (SQLite's
/// journal sees to that even when the process is killed half-way).
public final class GeoPackage: FeatureStore {
    override func layerOptions(_ content: Content) -> [String] {
        content == .attributesOnly ? [] : ["GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"]
    }

    public override func describeColumns(of table: String, names: [String: String]) throws {
        try writeDataColumns(of: table, names: names)
    }

    public override func columnNames(of table: String) throws -> [String: String]? { try readDataColumns(of: table) }

    /// A new, empty GeoPackage; fails if a file is already there.
    public static func create(_ path: String) throws -> GeoPackage {
        GDAL.ready
        guard !FileManager.default.fileExists(atPath: path) else {
            throw GeoIOError.writeFailed(path, reason: "a file is already there")
        }
        CPLErrorReset()
        guard let driver = GDALGetDriverByName("GPKG"), let dataset = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, nil) else {
            throw GeoIOError.writeFailed(path, reason: GDAL.lastError)
        }
        return GeoPackage(path: path, dataset: dataset)
    }

    /// An existing GeoPackage, for reading only or for changes.
    public static func open(_ path: String, writable: Bool) throws -> GeoPackage {
        GDAL.ready
        guard FileManager.default.fileExists(atPath: path) else { throw GeoIOError.noSuchFile(path) }
        CPLErrorReset()
        let flags = UInt32(GDAL_OF_VECTOR | (writable ? GDAL_OF_UPDATE : GDAL_OF_READONLY))
        let dataset = GDAL.withStringList(["GPKG"]) { drivers in
            GDALOpenEx(path, flags, UnsafePointer(OpaquePointer(drivers)), nil, nil)
        }
        guard let dataset else { throw GeoIOError.unreadable(path, reason: "not a GeoPackage: \(GDAL.lastError)") }
        return GeoPackage(path: path, dataset: dataset)
    }

    /// Whether SQLite's rollback journal lies beside the file: a change is under way, or the
    /// process making one was killed before it finished.
    public static func hasJournal(_ path: String) -> Bool {
        var journal = stat()
        return stat(path + "-journal", &journal) == 0 && journal.st_size > 0
    }

    /// Rolls back a change whose process was killed half-way. SQLite does that when the file is next
    /// read by a connection that may write; a read-only one fails on the journal instead ("attempt to
    /// write a readonly database").
    public static func rollBackUnfinishedChange(_ path: String) throws {
        do {
            _ = try open(path, writable: true)  // opening reads the GeoPackage's tables: the rollback
        } catch let GeoIOError.unreadable(_, reason) {
            throw GeoIOError.unreadable(path, reason: "a change to it was cut off, and rolling it back needs write access: \(reason)")
        }
    }
}
