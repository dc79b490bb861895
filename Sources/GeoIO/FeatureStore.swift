import CGDAL
import Foundation
import GeoCore

/// A dataset opened through OGR for reading and changing features in place: what a project is
/// kept in. `GeoPackage` is one, a file; `PostGISStore` the other, a schema of a PostgreSQL
/// database. The code that reads and writes is the same; each says only how it is opened and
/// how its layers are made. Changes made inside `transaction` land together or not at all.
public class FeatureStore {
    /// Where the store is, as said in messages (never with a password).
    public let path: String
    let dataset: GDALDatasetH

    /// What a layer holds, as the store declares it.
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

    init(path: String, dataset: GDALDatasetH) {
        self.path = path
        self.dataset = dataset
    }

    deinit { GDALClose(dataset) }

    /// The options OGR's driver takes to create a layer of `content`.
    func layerOptions(_ content: Content) -> [String] { [] }

    /// What OGR's driver said of the last failure, for a one-line message.
    var lastError: String { GDAL.lastError }

    /// The schema QGIS names beside a table in `layer_styles`: none in a file.
    public var tableSchema: String { "" }

    public var layerNames: [String] {
        (0..<GDALDatasetGetLayerCount(dataset)).map { String(cString: OGR_L_GetName(GDALDatasetGetLayer(dataset, $0))) }
    }

    public func hasLayer(_ name: String) -> Bool { GDALDatasetGetLayerByName(dataset, name) != nil }

    /// Adds a layer (with a spatial index, where it holds geometry).
    public func createLayer(_ name: String, crs: CRS, content: Content, fields: [Field],
                            aliases: [String: String] = [:]) throws {
        let srs = content == .attributesOnly ? nil : try OGRWriting.spatialReference(crs, path: path)
        defer { if let srs { OSRRelease(srs) } }
        _ = try OGRWriting.createLayer(dataset, name: name, srs: srs, type: content.ogrType, options: layerOptions(content),
                                       fields: fields, aliases: aliases, path: path)
        try describeColumns(of: name, names: aliases)
    }

    /// Records the columns' display names (column → name) where the store keeps them for readers
    /// other than QGIS (which reads them from the styles): a GeoPackage in `gpkg_data_columns`.
    /// A store that keeps none ignores them.
    public func describeColumns(of table: String, names: [String: String]) throws {}

    /// The display names the store keeps for the columns of `table`; nil where it keeps none.
    public func columnNames(of table: String) throws -> [String: String]? { nil }

    /// The fields of a layer, in the table's order.
    public func fields(of name: String) throws -> [Field] { VectorReader.fields(try layer(name)) }

    /// Adds a field to a layer, after its last one; existing features have it empty (NULL).
    public func addField(_ field: Field, alias: String? = nil, to name: String) throws {
        try OGRWriting.createField(try layer(name), field, alias: alias, path: path)
        if let alias { try describeColumns(of: name, names: [field.name: alias]) }
    }

    /// An index on one column of a layer, for lookups by that column.
    public func createIndex(on column: String, of name: String) throws {
        _ = try layer(name)
        try execute("CREATE INDEX \"\(name)_\(column)\" ON \"\(name)\" (\"\(column)\")")
    }

    /// Runs an SQL statement that returns no rows, in the store's own dialect.
    public func execute(_ sql: String) throws {
        CPLErrorReset()
        let result = GDALDatasetExecuteSQL(dataset, sql, nil, nil)
        if let result { GDALDatasetReleaseResultSet(dataset, result) }
        guard CPLGetLastErrorType() != CE_Failure else { throw GeoIOError.writeFailed(path, reason: lastError) }
    }

    /// The rows an SQL query returns, in the store's own dialect.
    public func query(_ sql: String) throws -> FeatureLayer {
        CPLErrorReset()
        guard let result = GDALDatasetExecuteSQL(dataset, sql, nil, nil) else {
            throw GeoIOError.unreadable(path, reason: "\(sql): \(lastError)")
        }
        defer { GDALDatasetReleaseResultSet(dataset, result) }
        return try VectorReader.read(result, source: path)
    }

    /// The layer's features (those matching an OGR SQL `filter` where one is given), with their
    /// fids, in the order of their fids (a database returns a changed row wherever it put it).
    /// With `onlyFields`, only those fields are read (and, without a filter, which may need any,
    /// fetched); with `polygonsAsImported`, a polygon stored as a multi-polygon of one (the
    /// table's type) is read as the polygon it was.
    public func read(_ name: String, where filter: String? = nil, onlyFields: Set<String>? = nil,
                     polygonsAsImported: Bool = false) throws -> FeatureLayer {
        let layer = try self.layer(name)
        defer {
            OGR_L_SetAttributeFilter(layer, nil)
            OGR_L_SetIgnoredFields(layer, nil)
        }
        if let onlyFields, filter == nil {
            let ignored = VectorReader.fields(layer).map(\.name).filter { !onlyFields.contains($0) }
            guard GDAL.withStringList(ignored, { OGR_L_SetIgnoredFields(layer, UnsafeMutablePointer(OpaquePointer($0))) }) == OGRERR_NONE else {
                throw GeoIOError.unreadable(path, reason: "\(name): \(lastError)")
            }
        }
        guard OGR_L_SetAttributeFilter(layer, filter) == OGRERR_NONE else {
            throw GeoIOError.unreadable(path, reason: "filter \(filter ?? ""): \(lastError)")
        }
        var features = try VectorReader.read(layer, source: path, onlyFields: onlyFields, polygonsAsImported: polygonsAsImported)
        features.features.sort { ($0.fid ?? 0) < ($1.fid ?? 0) }
        return features
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
            throw GeoIOError.writeFailed(path, reason: "\(name): \(lastError)")
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
            throw GeoIOError.writeFailed(path, reason: "\(name) fid \(fid): \(lastError)")
        }
    }

    /// Removes every feature of a layer.
    public func deleteAll(from name: String) throws {
        for fid in try read(name).features.compactMap(\.fid) { try delete(fid: fid, from: name) }
    }

    public func delete(fid: Int64, from name: String) throws {
        guard OGR_L_DeleteFeature(try layer(name), fid) == OGRERR_NONE else {
            throw GeoIOError.writeFailed(path, reason: "\(name) fid \(fid): \(lastError)")
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        CPLErrorReset()
        guard GDALDatasetStartTransaction(dataset, 0) == OGRERR_NONE else {
            throw GeoIOError.writeFailed(path, reason: "cannot start a transaction: \(lastError)")
        }
        let result: T
        do {
            result = try body()
        } catch {
            GDALDatasetRollbackTransaction(dataset)
            throw error
        }
        guard GDALDatasetCommitTransaction(dataset) == OGRERR_NONE else {
            throw GeoIOError.writeFailed(path, reason: "commit failed: \(lastError)")
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

    func layer(_ name: String) throws -> OGRLayerH {
        guard let layer = GDALDatasetGetLayerByName(dataset, name) else {
            throw GeoIOError.noSuchLayer(path, layer: name, available: layerNames)
        }
        return layer
    }
}
