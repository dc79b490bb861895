/// Input or output that GeoIO could not handle, with the file it concerns.
public enum GeoIOError: Error, Equatable, CustomStringConvertible {
    case noSuchFile(String)
    case unreadable(String, reason: String)
    /// Found by habitat's own GeoJSON reader, not by GDAL.
    case malformedGeoJSON(String, reason: String)
    case noSuchLayer(String, layer: String, available: [String])
    case noLayers(String)
    case unsupportedFormat(String)
    case writeFailed(String, reason: String)
    case tooManyFeatures(String, limit: Int)
    case database(String, problem: String)

    public var description: String {
        switch self {
        case let .noSuchFile(path): "\(path): no such file"
        case let .unreadable(path, reason): "\(path): GDAL cannot read it as vector data (\(reason))"
        case let .malformedGeoJSON(path, reason): "\(path): not valid GeoJSON: \(reason)"
        case let .noSuchLayer(path, layer, available):
            "\(path): no layer named '\(layer)' (it has: \(available.joined(separator: ", ")))"
        case let .noLayers(path): "\(path): the file holds no vector layer"
        case let .unsupportedFormat(path): "\(path): cannot tell the format to write from the extension; use .geojson, .gpkg, .shp, .csv, .xlsx, .kml or .kmz"
        case let .writeFailed(path, reason): "\(path): writing failed (\(reason))"
        case let .database(address, problem): "\(address): \(problem)"
        case let .tooManyFeatures(path, limit):
            "\(path): holds more than \(limit) features, more than an import reads at once; split it, or raise the limit with --max-features"
        }
    }
}

/// A layer whose content cannot serve as the polygons an analysis needs.
public enum LayerError: Error, Equatable, CustomStringConvertible {
    case empty(String)
    case noCoordinateSystem(String)
    case badFeature(String, feature: String, problem: String)

    public var description: String {
        switch self {
        case let .empty(path): "\(path): the layer has no features"
        case let .noCoordinateSystem(path):
            "\(path): the file states no coordinate reference system; declare the one its coordinates are in"
        case let .badFeature(path, feature, problem): "\(path): \(feature): \(problem)"
        }
    }
}
