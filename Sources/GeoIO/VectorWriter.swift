import CGDAL
import Foundation
import GeoCore

/// The formats GeoIO writes, each through its OGR driver.
public enum VectorFormat: Sendable {
    /// RFC 7946: WGS 84 longitude/latitude, exterior rings counter-clockwise, holes clockwise,
    /// no `crs` member, 7 decimals.
    ///
    /// The geometries are snapped to the 7-decimal grid (kept valid) and oriented here rather than
    /// by the driver's RFC7946 mode, whose orientation test misjudges thin valid rings.
    case geoJSON
    /// OGC GeoPackage, in the layer's own CRS, with a spatial index.
    case geoPackage

    /// The format a path's extension names.
    public init(path: String) throws {
        switch (path as NSString).pathExtension.lowercased() {
        case "geojson", "json": self = .geoJSON
        case "gpkg": self = .geoPackage
        default: throw GeoIOError.unsupportedFormat(path)
        }
    }

    var driver: String { self == .geoJSON ? "GeoJSON" : "GPKG" }
    var layerOptions: [String] { self == .geoJSON ? ["COORDINATE_PRECISION=7", "WRITE_NAME=NO"] : [] }

    /// The grid coordinates are rounded to, in the output CRS's units.
    var grid: Double? { self == .geoJSON ? 1e-7 : nil }
}

public enum VectorWriter {
    /// Writes `layer` to a new file at `path`, replacing any file there.
    ///
    /// GeoJSON is written in WGS 84 whatever the layer's coordinate system: the geometries are
    /// transformed here. GeoPackage keeps the layer's CRS.
    public static func write(_ layer: FeatureLayer, to path: String, format: VectorFormat? = nil) throws {
        GDAL.ready
        let format = try format ?? VectorFormat(path: path)
        guard let system = layer.coordinateSystem else {
            throw GeoIOError.writeFailed(path, reason: "the layer has no coordinate system")
        }
        let crs = format == .geoJSON ? try CRS.wgs84 : try system.base
        // Made ready up front on every core; OGR then writes on this thread alone.
        let geometries = try layer.features.parallelMap(state: {
            system == .crs(crs) ? nil : try Transformer.forThisThread(from: system, to: crs)
        }) { transformer, feature in
            try feature.geometry.map { geometry in
                let output = try transformer?.transform(geometry) ?? geometry
                guard let grid = format.grid else { return output }
                return try output.snapped(toGrid: grid).orientedCounterClockwise()
            }
        }
        try? FileManager.default.removeItem(atPath: path)

        CPLErrorReset()
        guard let driver = GDALGetDriverByName(format.driver),
              let dataset = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, nil) else {
            throw GeoIOError.writeFailed(path, reason: GDAL.lastError)
        }
        var closed = false
        defer { if !closed { GDALClose(dataset) } }

        let srs = OSRNewSpatialReference(nil)
        defer { OSRDestroySpatialReference(srs) }
        guard OSRSetFromUserInput(srs, crs.definition) == OGRERR_NONE else {
            throw GeoIOError.writeFailed(path, reason: "GDAL does not know the CRS \(crs)")
        }
        OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER)

        let geometryType = outputGeometryType(layer, format)
        // GeoJSON is WGS 84 by definition: stating it would only add the `crs` member RFC 7946 drops.
        let ogrLayer = GDAL.withStringList(format.layerOptions) { options in
            GDALDatasetCreateLayer(dataset, layer.name, format == .geoJSON ? nil : srs, geometryType, options)
        }
        guard let ogrLayer else { throw GeoIOError.writeFailed(path, reason: GDAL.lastError) }
        for field in layer.fields {
            let definition = OGR_Fld_Create(field.name, ogrType(field.kind))
            defer { OGR_Fld_Destroy(definition) }
            guard OGR_L_CreateField(ogrLayer, definition, 1) == OGRERR_NONE else {
                throw GeoIOError.writeFailed(path, reason: "field \(field.name): \(GDAL.lastError)")
            }
        }

        // GeoPackage writes in one transaction; GeoJSON has none and writes as it goes.
        let inTransaction = GDALDatasetStartTransaction(dataset, 0) == OGRERR_NONE
        let definition = OGR_L_GetLayerDefn(ogrLayer)
        for (index, feature) in layer.features.enumerated() {
            guard let ogrFeature = OGR_F_Create(definition) else { throw GeoIOError.writeFailed(path, reason: GDAL.lastError) }
            defer { OGR_F_Destroy(ogrFeature) }
            for (fieldIndex, value) in feature.values.enumerated() {
                setField(ogrFeature, Int32(fieldIndex), value)
            }
            if let geometry = geometries[index] {
                OGR_F_SetGeometryDirectly(ogrFeature, try ogrGeometry(geometry, promote: geometryType == wkbMultiPolygon))
            }
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

    /// MultiPolygon for polygonal layers written to GeoPackage (whose spec wants one declared type),
    /// otherwise the most general type.
    private static func outputGeometryType(_ layer: FeatureLayer, _ format: VectorFormat) -> OGRwkbGeometryType {
        let geometries = layer.features.compactMap(\.geometry)
        if format == .geoPackage, !geometries.isEmpty, geometries.allSatisfy({ $0.kind.isPolygonal }) {
            return wkbMultiPolygon
        }
        return wkbUnknown
    }

    private static func ogrGeometry(_ geometry: Geometry, promote: Bool) throws -> OGRGeometryH {
        let wkb = geometry.wkb
        var result: OGRGeometryH? = nil
        guard OGR_G_CreateFromWkbEx(wkb, nil, &result, wkb.count) == OGRERR_NONE, let result else {
            throw GeometryError.invalidWKB("GDAL could not take the geometry")
        }
        return promote ? OGR_G_ForceToMultiPolygon(result) : result
    }

    private static func ogrType(_ kind: Field.Kind) -> OGRFieldType {
        switch kind {
        case .integer: OFTInteger64
        case .real: OFTReal
        case .string: OFTString
        }
    }

    private static func setField(_ feature: OGRFeatureH, _ index: Int32, _ value: AttributeValue) {
        switch value {
        case .null: OGR_F_SetFieldNull(feature, index)
        case let .integer(number): OGR_F_SetFieldInteger64(feature, index, number)
        case let .real(number): OGR_F_SetFieldDouble(feature, index, number)
        case let .string(text): OGR_F_SetFieldString(feature, index, text)
        }
    }
}
