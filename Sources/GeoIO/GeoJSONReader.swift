import CGDAL
import Foundation
import GeoCore

/// Reads a GeoJSON FeatureCollection without GDAL's driver, which parses a file twice on one
/// core: one fast pass finds each feature's bytes, then the features are parsed on every core,
/// straight to GEOS. It gives exactly what `VectorReader`'s OGR path gives — fields, values,
/// ids, coordinates to the bit, coordinate system — or nil where it cannot be sure to (OGR then
/// reads the file).
enum GeoJSONReader {
    /// The layer, nil to have OGR read it. A file that breaks off or is not JSON inside its
    /// features, or holds a geometry of the wrong shape, is refused naming the feature.
    static func read(_ path: String, layer: String? = nil, declaredCoordinateSystem: CoordinateSystem? = nil,
                     maxFeatures: Int? = nil) throws -> FeatureLayer? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped), !data.isEmpty else { return nil }
        do {
            return try data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self).baseAddress!
                return try read(bytes, count: raw.count, path: path, layer: layer,
                                declaredCoordinateSystem: declaredCoordinateSystem, maxFeatures: maxFeatures)
            }
        } catch is JSONCursor.Unsupported {
            return nil
        } catch let broken as GeoJSONCollection.Broken {
            let place = broken.feature.map { "feature \($0 + 1)" } ?? "after the features"
            throw GeoIOError.unreadable(path, reason: "\(place): \(broken.problem) (byte \(broken.offset))")
        }
    }

    private static func read(_ bytes: UnsafePointer<UInt8>, count: Int, path: String, layer: String?,
                             declaredCoordinateSystem: CoordinateSystem?, maxFeatures: Int?) throws -> FeatureLayer {
        let collection = try GeoJSONCollection(scanning: bytes, count: count)
        // OGR names the layer by the collection's name, else by the file.
        let name = collection.name ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard layer == nil || layer == name else { throw JSONCursor.Unsupported(what: "another layer asked for") }
        if let maxFeatures, collection.features.count > maxFeatures { throw GeoIOError.tooManyFeatures(path, limit: maxFeatures) }
        let stated = try statedCRS(collection.crsName)

        let parsed = try Array(collection.features.indices).parallelMap { index in
            var cursor = JSONCursor(bytes, range: collection.features[index])
            do {
                let feature = try GeoJSONFeature(&cursor)
                return (properties: feature.properties, geometry: try feature.wkb.map { try Geometry(wkb: $0) })
            } catch let error as JSONCursor.Malformed {
                throw GeoJSONCollection.Broken(feature: index, offset: error.offset, problem: error.problem)
            } catch let error as GeometryError {
                throw GeoIOError.unreadable(path, reason: "feature \(index + 1): \(error)")
            }
        }
        var schema = GeoJSONSchema()
        for feature in parsed { try schema.add(feature.properties) }
        var result = FeatureLayer(source: path, name: name, fields: try schema.fields(),
                                  coordinateSystem: declaredCoordinateSystem ?? .crs(stated))
        result.features = parsed.enumerated().map { index, feature in
            Feature(values: schema.values(feature.properties), geometry: feature.geometry, fid: Int64(index))
        }
        result.parts = [FeatureLayer.Part(name: name, count: result.features.count)]
        return result
    }

    /// The CRS OGR states for a collection: WGS 84 where it names none, or names CRS84 (both
    /// east first, as OGR keeps them), else an EPSG code it names.
    private static func statedCRS(_ name: String?) throws -> CRS {
        let crs84 = ["urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "OGC:CRS84"]
        let code: Substring
        if let name, !crs84.contains(name) {
            guard let epsg = ["urn:ogc:def:crs:EPSG::", "EPSG:"].compactMap({ name.hasPrefix($0) ? name.dropFirst($0.count) : nil }).first,
                  !epsg.isEmpty, epsg.allSatisfy(\.isASCII), epsg.allSatisfy(\.isNumber) else {
                throw JSONCursor.Unsupported(what: "a crs named otherwise")
            }
            code = epsg
        } else {
            code = "4326"
        }
        GDAL.ready
        let srs = OSRNewSpatialReference(nil)
        defer { OSRDestroySpatialReference(srs) }
        guard OSRSetFromUserInput(srs, "EPSG:\(code)") == OGRERR_NONE else { throw JSONCursor.Unsupported(what: "an unknown EPSG code") }
        OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER)
        let stated = try StatedCRS(srs!)
        guard !stated.dataIsNorthFirst else { throw JSONCursor.Unsupported(what: "coordinates north first") }
        return stated.crs
    }
}
