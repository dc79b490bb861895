import CGDAL
import GeoCore

/// What writing a layer through OGR takes, shared by the file writer and the GeoPackage project.
enum OGRWriting {
    /// An OGR spatial reference for `crs`, x east, y north. The caller releases it (OSRRelease).
    static func spatialReference(_ crs: CRS, path: String) throws -> OGRSpatialReferenceH {
        let srs = OSRNewSpatialReference(nil)!
        guard OSRSetFromUserInput(srs, crs.definition) == OGRERR_NONE else {
            OSRRelease(srs)
            throw GeoIOError.writeFailed(path, reason: "GDAL does not know the CRS \(crs)")
        }
        OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER)
        return srs
    }

    /// Creates a layer with `fields`, each with its alternative (display) name where given.
    static func createLayer(_ dataset: GDALDatasetH, name: String, srs: OGRSpatialReferenceH?,
                            type: OGRwkbGeometryType, options: [String], fields: [Field],
                            aliases: [String: String] = [:], path: String) throws -> OGRLayerH {
        let layer = GDAL.withStringList(options) { options in
            GDALDatasetCreateLayer(dataset, name, srs, type, options)
        }
        guard let layer else { throw GeoIOError.writeFailed(path, reason: GDAL.lastError) }
        for field in fields { try createField(layer, field, alias: aliases[field.name], path: path) }
        return layer
    }

    /// Adds a field, after the layer's last one, with its alternative (display) name where given.
    static func createField(_ layer: OGRLayerH, _ field: Field, alias: String?, path: String) throws {
        let definition = OGR_Fld_Create(field.name, ogrType(field.kind))
        defer { OGR_Fld_Destroy(definition) }
        if let alias { OGR_Fld_SetAlternativeName(definition, alias) }
        guard OGR_L_CreateField(layer, definition, 1) == OGRERR_NONE else {
            throw GeoIOError.writeFailed(path, reason: "field \(field.name): \(GDAL.lastError)")
        }
    }

    /// A new OGR feature of `layer` carrying `values` and `geometry`. The values go to the fields
    /// named in `fields`, where given, else to the layer's fields in order. The caller destroys it.
    static func makeFeature(_ layer: OGRLayerH, values: [AttributeValue], fields: [String]? = nil,
                            geometry: Geometry?, promote: Bool, path: String) throws -> OGRFeatureH {
        guard let feature = OGR_F_Create(OGR_L_GetLayerDefn(layer)) else {
            throw GeoIOError.writeFailed(path, reason: GDAL.lastError)
        }
        for (position, value) in values.enumerated() {
            let index = fields.map { OGR_F_GetFieldIndex(feature, $0[position]) } ?? Int32(position)
            guard index >= 0 else {
                OGR_F_Destroy(feature)
                throw GeoIOError.writeFailed(path, reason: "\(String(cString: OGR_L_GetName(layer))) has no field \(fields![position])")
            }
            setField(feature, index, value)
        }
        if let geometry {
            do {
                OGR_F_SetGeometryDirectly(feature, try ogrGeometry(geometry, promote: promote))
            } catch {
                OGR_F_Destroy(feature)
                throw error
            }
        }
        return feature
    }

    static func ogrGeometry(_ geometry: Geometry, promote: Bool) throws -> OGRGeometryH {
        let wkb = geometry.wkb
        var result: OGRGeometryH? = nil
        guard OGR_G_CreateFromWkbEx(wkb, nil, &result, wkb.count) == OGRERR_NONE, let result else {
            throw GeometryError.invalidWKB("GDAL could not take the geometry")
        }
        return promote && geometry.kind == .polygon ? OGR_G_ForceToMultiPolygon(result) : result
    }

    static func ogrType(_ kind: Field.Kind) -> OGRFieldType {
        switch kind {
        case .integer: OFTInteger64
        case .real: OFTReal
        case .string: OFTString
        }
    }

    static func setField(_ feature: OGRFeatureH, _ index: Int32, _ value: AttributeValue) {
        switch value {
        case .null: OGR_F_SetFieldNull(feature, index)
        case let .integer(number): OGR_F_SetFieldInteger64(feature, index, number)
        case let .real(number): OGR_F_SetFieldDouble(feature, index, number)
        case let .string(text): OGR_F_SetFieldString(feature, index, text)
        }
    }
}
