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
                     maxFeatures: Int? = nil, onlyFields: Set<String>? = nil) throws -> FeatureLayer? {
        guard let file = MappedFile(path) else { return nil }
        do {
            return try read(file, path: path, layer: layer, declaredCoordinateSystem: declaredCoordinateSystem,
                            maxFeatures: maxFeatures, onlyFields: onlyFields)
        } catch is JSONCursor.Unsupported {
            return nil
        } catch let broken as GeoJSONCollection.Broken {
            let place = broken.feature.map { "feature \($0 + 1)" } ?? "after the features"
            throw GeoIOError.malformedGeoJSON(path, reason: "\(place): \(broken.problem) (byte \(broken.offset))")
        }
    }

    /// Bytes read at a time before they are let go: enough for every core to share in a stretch.
    private static let stretch = 16 << 20

    private static func read(_ file: MappedFile, path: String, layer: String?,
                             declaredCoordinateSystem: CoordinateSystem?, maxFeatures: Int?, onlyFields: Set<String>?) throws -> FeatureLayer {
        var released = 0
        let collection = try GeoJSONCollection(scanning: file.bytes, count: file.count) { scanned in
            if scanned - released >= stretch {
                file.release(released..<scanned)
                released = scanned
            }
        }
        // OGR names the layer by the collection's name, else by the file.
        let name = collection.name ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard layer == nil || layer == name else { throw JSONCursor.Unsupported(what: "another layer asked for") }
        if let maxFeatures, collection.features.count > maxFeatures { throw GeoIOError.tooManyFeatures(path, limit: maxFeatures) }
        let stated = try statedCRS(collection.crsName)

        // A stretch of features at a time, each on every core, its bytes let go once parsed.
        var parsed: [(properties: [(key: String, value: GeoJSONFeature.Value)], geometry: Geometry?)] = []
        parsed.reserveCapacity(collection.features.count)
        let features = collection.features
        var first = 0
        while first < features.count {
            var end = first + 1
            while end < features.count, features[end].upperBound - features[first].lowerBound <= stretch { end += 1 }
            parsed += try Array(first..<end).parallelMap { index in
                var cursor = JSONCursor(file.bytes, range: features[index])
                do {
                    let feature = try GeoJSONFeature(&cursor)
                    return (properties: onlyFields.map { only in feature.properties.filter { only.contains($0.key) } } ?? feature.properties,
                            geometry: try feature.wkb.map { try Geometry(wkb: $0) })
                } catch let error as JSONCursor.Malformed {
                    throw GeoJSONCollection.Broken(feature: index, offset: error.offset, problem: error.problem)
                } catch let error as GeometryError {
                    throw GeoIOError.malformedGeoJSON(path, reason: "feature \(index + 1): \(error)")
                }
            }
            file.release(features[first].lowerBound..<features[end - 1].upperBound)
            first = end
        }
        var schema = GeoJSONSchema()
        for feature in parsed { try schema.add(feature.properties) }
        var result = FeatureLayer(source: path, name: name, fields: try schema.fields(),
                                  coordinateSystem: declaredCoordinateSystem ?? .crs(stated))
        result.features.reserveCapacity(parsed.count)
        for index in parsed.indices {
            result.features.append(Feature(values: schema.values(parsed[index].properties), geometry: parsed[index].geometry,
                                           fid: Int64(index)))
            parsed[index].properties = []  // let go as they are turned into values
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
