import CGDAL
import Foundation
import GeoCore

public enum VectorWriter {
    /// Writes `layer` to a new file at `path`, replacing any file there — only once the new one is
    /// complete: it is written beside, under a temporary name, and moved into place.
    /// `beforeMoving` runs between the two, and its failure leaves no new file.
    ///
    /// GeoJSON is written in WGS 84 whatever the layer's coordinate system: the geometries are
    /// transformed here. The other formats keep the layer's CRS. A GeoPackage carries `style`, where
    /// given, as its layer's default style (QGIS's `layer_styles`).
    public static func write(_ layer: FeatureLayer, to path: String, format: VectorFormat? = nil,
                             style: LayerStyle? = nil, beforeMoving: () throws -> Void = {}) throws {
        GDAL.ready
        let format = try format ?? VectorFormat(path: path)
        let destination = URL(fileURLWithPath: path)
        // A shapefile is several files; the old ones go only once the new ones are complete.
        try StagedWrite.files(into: destination.deletingLastPathComponent(), beforeMoving: {
            try beforeMoving()
            try removeExisting(path, format)
        }) { staging in
            let staged = staging.appendingPathComponent(destination.lastPathComponent).path
            try writeNew(layer, to: staged, format: format)
            if let style, format == .geoPackage {
                var style = style
                style.table = layer.name
                try GeoPackage.open(staged, writable: true).setDefaultStyles([style])
            }
        }
    }

    /// `layer` as RFC 7946 GeoJSON text — the file `write(_:to:)` would write, made in memory (for
    /// a page that embeds it, a server that sends it). With `crs`, the coordinates are in that CRS
    /// instead of WGS 84 (what a feature service's client may ask for), to the same 7 decimals.
    public static func geoJSON(_ layer: FeatureLayer, in crs: CRS? = nil) throws -> String {
        GDAL.ready
        let path = "/vsimem/habitat-\(UUID().uuidString).geojson"
        try writeNew(layer, to: path, format: .geoJSON, crs: crs)
        var length: vsi_l_offset = 0
        guard let bytes = VSIGetMemFileBuffer(path, &length, 1) else {
            throw GeoIOError.writeFailed(path, reason: GDAL.lastError)
        }
        defer { VSIFree(bytes) }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
    }

    private static func writeNew(_ layer: FeatureLayer, to path: String, format: VectorFormat, crs: CRS? = nil) throws {
        guard let system = layer.coordinateSystem else {
            throw GeoIOError.writeFailed(path, reason: "the layer has no coordinate system")
        }
        let crs = try crs ?? (format == .geoJSON ? CRS.wgs84 : system.base)
        // Made ready up front on every core; OGR then writes on this thread alone.
        let geometries = !format.holdsGeometry ? layer.features.map { _ in nil } : try layer.features.parallelMap(state: {
            system == .crs(crs) ? nil : try Transformer.forThisThread(from: system, to: crs)
        }) { transformer, feature in
            try feature.geometry.map { geometry in
                let output = try transformer?.transform(geometry) ?? geometry
                guard let grid = format.grid else { return output }
                return try output.snapped(toGrid: grid).orientedCounterClockwise()
            }
        }
        CPLErrorReset()
        guard let driver = GDALGetDriverByName(format.driver),
              let dataset = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, nil) else {
            throw GeoIOError.writeFailed(path, reason: GDAL.lastError)
        }
        var closed = false
        defer { if !closed { GDALClose(dataset) } }

        let srs = format.statesCRS ? try OGRWriting.spatialReference(crs, path: path) : nil
        defer { if let srs { OSRRelease(srs) } }
        let polygonal = !geometries.isEmpty && geometries.allSatisfy { $0?.kind.isPolygonal ?? false }
        let attributesOnly = !format.holdsGeometry || geometries.allSatisfy { $0 == nil }
        let type = attributesOnly ? wkbNone : polygonal && format.promotesPolygons ? wkbMultiPolygon : wkbUnknown
        let ogrLayer = try OGRWriting.createLayer(dataset, name: layer.name, srs: srs, type: type,
                                                  options: format.layerOptions, fields: layer.fields, path: path)

        // GeoPackage writes in one transaction; the other drivers have none and write as they go.
        let inTransaction = GDALDatasetStartTransaction(dataset, 0) == OGRERR_NONE
        for (index, feature) in layer.features.enumerated() {
            let values = format.guardsFormulas ? feature.values.map(SpreadsheetText.guarded) : feature.values
            let ogrFeature = try OGRWriting.makeFeature(ogrLayer, values: values,
                                                        geometry: format.holdsGeometry ? geometries[index] : nil,
                                                        promote: format.promotesPolygons, path: path)
            defer { OGR_F_Destroy(ogrFeature) }
            guard OGR_L_CreateFeature(ogrLayer, ogrFeature) == OGRERR_NONE else {
                throw GeoIOError.writeFailed(path, reason: "\(layer.describeFeature(index)): \(GDAL.lastError)")
            }
        }
        if inTransaction, GDALDatasetCommitTransaction(dataset) != OGRERR_NONE {
            throw GeoIOError.writeFailed(path, reason: GDAL.lastError)
        }
        closed = true
        GDALClose(dataset)
        if CPLGetLastErrorType() == CE_Failure { throw GeoIOError.writeFailed(path, reason: GDAL.lastError) }
    }

    /// A shapefile is several files; GDAL's driver removes them all.
    private static func removeExisting(_ path: String, _ format: VectorFormat) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        if let driver = GDALGetDriverByName(format.driver), GDALDeleteDataset(driver, path) == CE_None { return }
        try FileManager.default.removeItem(atPath: path)
    }
}
