import CGDAL
import Foundation
import GeoCore

/// A GeoPackage opened through OGR for reading and changing features in place: what a project
/// file is made of. Changes made inside `transaction` land together or not at all (SQLite's
/// journal sees to that even when the process is killed half-way).
public final class GeoPackage {
    public let path: String
    let dataset: GDALDatasetH

    /// What a layer holds, as a GeoPackage declares it.
    public enum Content: Sendable {
        case polygons
        case anyGeometry
        case attributesOnly

        var ogrType: OGRwkbGeometryType {
            switch self {
            case .polygons: wkbMultiPolygon
            case .anyGeometry: wkbUnknown
            case .attributesOnly: wkbNone
            }
        }
    }

    private init(path: String, dataset: GDALDatasetH) {
        self.path = path
        self.dataset = dataset
    }

    deinit { GDALClose(dataset) }

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

    public var layerNames: [String] {
        (0..<GDALDatasetGetLayerCount(dataset)).map { String(cString: OGR_L_GetName(GDALDatasetGetLayer(dataset, $0))) }
    }

    public func hasLayer(_ name: String) -> Bool { GDALDatasetGetLayerByName(dataset, name) != nil }

    /// Adds a layer (with a spatial index, where it holds geometry).
    public func createLayer(_ name: String, crs: CRS, content: Content, fields: [Field],
                            aliases: [String: String] = [:]) throws {
        let srs = content == .attributesOnly ? nil : try OGRWriting.spatialReference(crs, path: path)
        defer { if let srs { OSRRelease(srs) } }
        let options = content == .attributesOnly ? [] : ["GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"]
        _ = try OGRWriting.createLayer(dataset, name: name, srs: srs, type: content.ogrType, options: options,
                                       fields: fields, aliases: aliases, path: path)
        try describeColumns(of: name, names: aliases)
    }

    /// The fields of a layer, in the table's order.
    public func fields(of name: String) throws -> [Field] { VectorReader.fields(try layer(name)) }

    /// Adds a field to a layer, after its last one; existing features have it empty (NULL).
    public func addField(_ field: Field, alias: String? = nil, to name: String) throws {
        try OGRWriting.createField(try layer(name), field, alias: alias, path: path)
        if let alias { try describeColumns(of: name, names: [field.name: alias]) }
    }

    /// An SQLite index on one column of a layer, for lookups by that column.
    public func createIndex(on column: String, of name: String) throws {
        _ = try layer(name)
        CPLErrorReset()
        let result = GDALDatasetExecuteSQL(dataset, "CREATE INDEX \"\(name)_\(column)\" ON \"\(name)\" (\"\(column)\")", nil, nil)
        if let result { GDALDatasetReleaseResultSet(dataset, result) }
        guard CPLGetLastErrorType() != CE_Failure else { throw GeoIOError.writeFailed(path, reason: GDAL.lastError) }
    }

    /// The layer's features (those matching an OGR SQL `filter` where one is given), with their fids.
    public func read(_ name: String, where filter: String? = nil) throws -> FeatureLayer {
        let layer = try self.layer(name)
        defer { OGR_L_SetAttributeFilter(layer, nil) }
        guard OGR_L_SetAttributeFilter(layer, filter) == OGRERR_NONE else {
            throw GeoIOError.unreadable(path, reason: "filter \(filter ?? ""): \(GDAL.lastError)")
        }
        return try VectorReader.read(layer, source: path)
    }

    /// Adds a feature; returns its fid. Its values go to the columns named in `fields`, where given
    /// (whatever the table's order), else to the layer's fields in order.
    @discardableResult
    public func insert(_ feature: Feature, into name: String, fields: [String]? = nil) throws -> Int64 {
        let layer = try self.layer(name)
        let ogrFeature = try OGRWriting.makeFeature(layer, values: feature.values, fields: fields, geometry: feature.geometry,
                                                    promote: true, path: path)
        defer { OGR_F_Destroy(ogrFeature) }
        guard OGR_L_CreateFeature(layer, ogrFeature) == OGRERR_NONE else {
            throw GeoIOError.writeFailed(path, reason: "\(name): \(GDAL.lastError)")
        }
        return OGR_F_GetFID(ogrFeature)
    }

    /// Replaces the feature with `feature.fid` by `feature`, its values going where `insert` puts them.
    public func replace(_ feature: Feature, in name: String, fields: [String]? = nil) throws {
        let layer = try self.layer(name)
        guard let fid = feature.fid else { throw GeoIOError.writeFailed(path, reason: "\(name): a feature without a fid") }
        let ogrFeature = try OGRWriting.makeFeature(layer, values: feature.values, fields: fields, geometry: feature.geometry,
                                                    promote: true, path: path)
        defer { OGR_F_Destroy(ogrFeature) }
        OGR_F_SetFID(ogrFeature, fid)
        guard OGR_L_SetFeature(layer, ogrFeature) == OGRERR_NONE else {
            throw GeoIOError.writeFailed(path, reason: "\(name) fid \(fid): \(GDAL.lastError)")
        }
    }

    /// Removes every feature of a layer.
    public func deleteAll(from name: String) throws {
        for fid in try read(name).features.compactMap(\.fid) { try delete(fid: fid, from: name) }
    }

    public func delete(fid: Int64, from name: String) throws {
        guard OGR_L_DeleteFeature(try layer(name), fid) == OGRERR_NONE else {
            throw GeoIOError.writeFailed(path, reason: "\(name) fid \(fid): \(GDAL.lastError)")
        }
    }

    /// Runs `body` in one SQLite transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        guard GDALDatasetStartTransaction(dataset, 0) == OGRERR_NONE else {
            throw GeoIOError.writeFailed(path, reason: "cannot start a transaction: \(GDAL.lastError)")
        }
        let result: T
        do {
            result = try body()
        } catch {
            GDALDatasetRollbackTransaction(dataset)
            throw error
        }
        guard GDALDatasetCommitTransaction(dataset) == OGRERR_NONE else {
            throw GeoIOError.writeFailed(path, reason: "commit failed: \(GDAL.lastError)")
        }
        return result
    }

    /// The number of features and the extent of a layer.
    public func summary(_ name: String) throws -> (count: Int, extent: Envelope?) {
        let layer = try self.layer(name)
        let count = Int(OGR_L_GetFeatureCount(layer, 1))
        var box = OGREnvelope()
        guard count > 0, OGR_L_GetGeometryColumn(layer).map({ String(cString: $0) }) != "",
              OGR_L_GetExtent(layer, &box, 1) == OGRERR_NONE else { return (count, nil) }
        return (count, Envelope(minX: box.MinX, minY: box.MinY, maxX: box.MaxX, maxY: box.MaxY))
    }

    private func layer(_ name: String) throws -> OGRLayerH {
        guard let layer = GDALDatasetGetLayerByName(dataset, name) else {
            throw GeoIOError.noSuchLayer(path, layer: name, available: layerNames)
        }
        return layer
    }
}
