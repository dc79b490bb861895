import CGDAL
import Foundation
import GeoCore

public enum VectorWriter {
    /// Writes `layer` to a new file at `path`, replacing any file there — only once the new one is
    /// complete: it is written beside, under a temporary name, and moved into place.
    /// `beforeMoving` runs between the two, and its failure leaves no new file.
    ///
    /// GeoJSON and KML are written in WGS 84 whatever the layer's coordinate system: the geometries
    /// are transformed here. The other formats keep the layer's CRS unless `options` name another.
    /// A GeoPackage carries the style and the fields' display names of `options`, where given.
    public static func write(_ layer: FeatureLayer, to path: String, format: VectorFormat? = nil,
                             options: WriteOptions = WriteOptions(), beforeMoving: () throws -> Void = {}) throws {
        GDAL.ready
        let format = try format ?? VectorFormat(path: path)
        let output = try outputSystem(of: layer, format: format, options: options, path: path)
        if format == .shapefile {
            try refuseMixedKinds(layer, path: path)
            try refuseTextItCannotHold(layer, options.encoding, path: path)
        }
        let destination = URL(fileURLWithPath: path)
        // A shapefile is several files; the old ones go only once the new ones are complete.
        try StagedWrite.files(into: destination.deletingLastPathComponent(), beforeMoving: {
            try beforeMoving()
            try removeExisting(path, format)
        }) { staging in
            let staged = staging.appendingPathComponent(destination.lastPathComponent).path
            try writeNew(layer, to: staged, format: format, output: output, options: options)
            guard format == .geoPackage, options.style != nil || !options.aliases.isEmpty else { return }
            let package = try GeoPackage.open(staged, writable: true)
            if var style = options.style {
                style.table = layer.name
                try package.setDefaultStyles([style])
            }
            try package.describeColumns(of: layer.name, names: options.aliases)
        }
    }

    /// `layer` as RFC 7946 GeoJSON text — the file `write(_:to:)` would write, made in memory (for
    /// a page that embeds it, a server that sends it). With `crs`, the coordinates are in that CRS
    /// instead of WGS 84 (what a feature service's client may ask for), to the same 7 decimals.
    public static func geoJSON(_ layer: FeatureLayer, in crs: CRS? = nil) throws -> String {
        try geoJSON(layer, in: .crs(crs ?? CRS.wgs84))
    }

    /// GeoJSON text in `output`, written by our own writer or, `throughGDAL`, by GDAL's driver
    /// (what tests compare ours with).
    static func geoJSON(_ layer: FeatureLayer, in output: CoordinateSystem, options: WriteOptions = WriteOptions(),
                        throughGDAL: Bool = false) throws -> String {
        GDAL.ready
        let path = "/vsimem/habitat-\(UUID().uuidString).geojson"
        try writeNew(layer, to: path, format: .geoJSON, output: output, options: options, ownGeoJSON: !throughGDAL)
        var length: vsi_l_offset = 0
        guard let bytes = VSIGetMemFileBuffer(path, &length, 1) else {
            throw GeoIOError.writeFailed(path, reason: GDAL.lastError)
        }
        defer { VSIFree(bytes) }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
    }

    /// Writes the file, its coordinates in `output`.
    private static func writeNew(_ layer: FeatureLayer, to path: String, format: VectorFormat, output: CoordinateSystem,
                                 options: WriteOptions, ownGeoJSON: Bool = true) throws {
        guard let system = layer.coordinateSystem else {
            throw GeoIOError.writeFailed(path, reason: "the layer has no coordinate system")
        }
        let crs = try output.base
        let offset: WebMapOffset? = if case let .webMap(offset) = output { offset } else { nil }
        // Made ready up front on every core; OGR then writes on this thread alone.
        let geometries = !format.holdsGeometry && options.positionColumns == nil ? layer.features.map { _ in nil } : try layer.features.parallelMap(state: {
            system == .crs(crs) ? nil : try Transformer.forThisThread(from: system, to: crs)
        }) { transformer, feature in
            try feature.geometry.map { geometry in
                if let grid = format.grid, let transformer, offset == nil {
                    return try geometry.snapped(toGrid: grid, movedBy: transformer).orientedCounterClockwise()
                }
                var output = try transformer?.transform(geometry) ?? geometry
                if let offset { output = try offset.shift(output) }
                guard let grid = format.grid else { return output }
                return try output.snapped(toGrid: grid).orientedCounterClockwise()
            }
        }
        let positions = try options.positionColumns.map { columns in try geometries.map { try columns.values($0) } }
        // A table of points gives their positions in its columns: a WKT column would only repeat them.
        let pointsInColumns = positions != nil && geometries.allSatisfy { $0 == nil || $0?.kind == .point }
        let attributesOnly = !format.holdsGeometry || pointsInColumns || geometries.allSatisfy { $0 == nil }
        let positionFields = options.positionColumns.map { [Field($0.headers.0, .real), Field($0.headers.1, .real)] } ?? []
        if format == .geoJSON, ownGeoJSON, try writeOwnGeoJSON(fields: layer.fields + positionFields,
                                                   values: layer.features.indices.map { layer.features[$0].values + (positions?[$0] ?? []) },
                                                   geometries: attributesOnly ? geometries.map { _ in nil } : geometries,
                                                   description: options.description, to: path) {
            return
        }
        CPLErrorReset()
        // A KMZ of one doc.kml, which every reader opens (the driver's own KMZ links a file per layer).
        let target = format == .kmz ? "/vsizip/\(path)/doc.kml" : path
        guard let driver = GDALGetDriverByName(format.driver),
              let dataset = GDALCreate(driver, target, 0, 0, 0, GDT_Unknown, nil) else {
            throw GeoIOError.writeFailed(path, reason: GDAL.lastError)
        }
        var closed = false
        defer { if !closed { GDALClose(dataset) } }
        if let kml = options.kml, format == .kml || format == .kmz { setStyleTable(dataset, kml.styles) }

        let srs = format.statesCRS ? try OGRWriting.spatialReference(crs, path: path) : nil
        defer { if let srs { OSRRelease(srs) } }
        let polygonal = !geometries.isEmpty && geometries.allSatisfy { $0?.kind.isPolygonal ?? false }
        let type = attributesOnly ? wkbNone : polygonal && format.promotesPolygons ? wkbMultiPolygon : wkbUnknown
        let kml = format == .kml || format == .kmz ? options.kml : nil
        let extraFields = (kml.map { _ in [Field(KMLPresentation.balloonField, .string)] } ?? [])
            + positionFields
        let ogrLayer = try OGRWriting.createLayer(dataset, name: layer.name, srs: srs, type: type,
                                                  options: layerOptions(format, options), fields: layer.fields + extraFields,
                                                  aliases: options.aliases, path: path)

        // GeoPackage writes in one transaction; the other drivers have none and write as they go.
        let inTransaction = GDALDatasetStartTransaction(dataset, 0) == OGRERR_NONE
        for (index, feature) in layer.features.enumerated() {
            var values = format.guardsFormulas ? feature.values.map(SpreadsheetText.guarded) : feature.values
            if let kml { values.append(.string(kml.balloons[index])) }
            if let positions { values += positions[index] }
            let ogrFeature = try OGRWriting.makeFeature(ogrLayer, values: values,
                                                        geometry: attributesOnly ? nil : geometries[index],
                                                        promote: format.promotesPolygons, path: path)
            defer { OGR_F_Destroy(ogrFeature) }
            if let kml { OGR_F_SetStyleString(ogrFeature, "@" + kml.featureStyles[index]) }
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

    /// Writes GeoJSON with our own writer, on every core (`GeoJSONWriter`), to a file or to GDAL's
    /// memory files alike; false, leaving nothing at `path`, where GDAL is to write it.
    private static func writeOwnGeoJSON(fields: [Field], values: [[AttributeValue]],
                                        geometries: [Geometry?], description: String?, to path: String) throws -> Bool {
        guard let file = VSIFOpenL(path, "wb") else {
            throw GeoIOError.writeFailed(path, reason: "cannot create the file: \(String(cString: strerror(errno)))")
        }
        var closed = false
        defer { if !closed { VSIFCloseL(file) } }
        let written = try GeoJSONWriter.write(fields: fields, values: values, geometries: geometries, description: description) { text in
            guard text.withUnsafeBytes({ VSIFWriteL($0.baseAddress, 1, $0.count, file) }) == text.count else {
                throw GeoIOError.writeFailed(path, reason: "writing failed: \(String(cString: strerror(errno)))")
            }
        }
        closed = true
        guard VSIFCloseL(file) == 0 else {
            throw GeoIOError.writeFailed(path, reason: "writing failed: \(String(cString: strerror(errno)))")
        }
        if !written { VSIUnlink(path) }
        return written
    }

    /// The coordinate system the file is written in: the one `options` name, else WGS 84 for the
    /// longitude/latitude formats, else the layer's. Web-map shifts go only where they belong.
    private static func outputSystem(of layer: FeatureLayer, format: VectorFormat, options: WriteOptions,
                                     path: String) throws -> CoordinateSystem {
        guard let system = layer.coordinateSystem else {
            throw GeoIOError.writeFailed(path, reason: "the layer has no coordinate system")
        }
        let output = try options.coordinateSystem ?? (format.isLongitudeLatitude ? .crs(CRS.wgs84) : system)
        if case .webMap = output, !format.takesWebMapOffsets {
            throw GeoIOError.writeFailed(path, reason: "coordinates shifted for a web map (\(output)) go only to GeoJSON, KML or CSV, "
                                         + "never to a GIS format, which would store them as WGS 84")
        }
        if format.isLongitudeLatitude, try output.base != CRS.wgs84 {
            throw GeoIOError.writeFailed(path, reason: "the format holds WGS 84 longitude/latitude only, not \(output)")
        }
        return output
    }

    private static func layerOptions(_ format: VectorFormat, _ options: WriteOptions) -> [String] {
        var layerOptions = format.layerOptions
        switch format {
        case .shapefile: layerOptions.append("ENCODING=" + (options.encoding == .utf8 ? "UTF-8" : options.encoding == .gbk ? "CP936" : "GB18030"))
        case .geoJSON: if let description = options.description { layerOptions.append("DESCRIPTION=" + description) }
        case .kml, .kmz:
            if let title = options.kml?.title { layerOptions.append("NAME=" + title) }
            if let description = options.description { layerOptions.append("DESCRIPTION=" + description) }
        default: break
        }
        return layerOptions
    }

    /// A shapefile holds one kind of geometry: polygons, lines, points or multi-points.
    private static func refuseMixedKinds(_ layer: FeatureLayer, path: String) throws {
        func family(_ kind: Geometry.Kind) -> String {
            switch kind {
            case .polygon, .multiPolygon: "polygons"
            case .lineString, .linearRing, .multiLineString: "lines"
            case .point: "points"
            case .multiPoint: "multi-points"
            case .collection: "geometry collections"
            }
        }
        guard let first = layer.features.firstIndex(where: { $0.geometry != nil }) else { return }
        let kind = family(layer.features[first].geometry!.kind)
        guard let other = layer.features.firstIndex(where: { $0.geometry.map { family($0.kind) != kind } ?? false }) else { return }
        throw GeoIOError.writeFailed(path, reason: "a shapefile holds one kind of geometry, and \(layer.name) has \(kind) "
                                     + "and \(family(layer.features[other].geometry!.kind)) (\(layer.describeFeature(other))); "
                                     + "write it to .gpkg, .geojson or .kml")
    }

    /// Text the shapefile's encoding cannot hold would be written as "?", and text longer than its
    /// DBF field holds cut short, with no more than a warning.
    private static func refuseTextItCannotHold(_ layer: FeatureLayer, _ encoding: TextEncoding, path: String) throws {
        let width = VectorFormat.dbfTextBytes
        for (index, feature) in layer.features.enumerated() {
            for case let (field, .string(text)) in zip(layer.fields, feature.values) {
                guard let length = encoding.encodedLength(text) else {
                    throw GeoIOError.writeFailed(path, reason: "\(layer.describeFeature(index)), field \(field.name): '\(text)' holds a "
                                                 + "character \(encoding.rawValue.uppercased()) has no code for; write the shapefile in UTF-8")
                }
                guard length <= width else {
                    throw GeoIOError.writeFailed(path, reason: "\(layer.describeFeature(index)), field \(field.name): its text is \(length) bytes "
                                                 + "in \(encoding.rawValue.uppercased()), more than a shapefile's \(width); write it to .gpkg")
                }
            }
        }
    }

    /// Makes the KML document's shared styles, which placemarks name ("@id").
    private static func setStyleTable(_ dataset: GDALDatasetH, _ styles: [KMLPresentation.Style]) {
        guard let table = OGR_STBL_Create() else { return }
        defer { OGR_STBL_Destroy(table) }
        for style in styles { _ = OGR_STBL_AddStyle(table, style.id, style.ogrStyle) }
        GDALDatasetSetStyleTable(dataset, table)
    }

    /// A shapefile is several files; GDAL's driver removes them all.
    private static func removeExisting(_ path: String, _ format: VectorFormat) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        if let driver = GDALGetDriverByName(format.driver), GDALDeleteDataset(driver, path) == CE_None { return }
        try FileManager.default.removeItem(atPath: path)
    }
}
