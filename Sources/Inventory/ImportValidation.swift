import Foundation
import GeoCore
import GeoIO

/// Checks every feature of an import source before anything is written, and says what is wrong
/// with each bad one: no geometry, the wrong kind of geometry, coordinates that cannot be where
/// the CRS says, a required field empty, a value of the wrong type, a code given twice.
struct ImportValidation {
    let schema: LayerSchema
    let importer: Importer
    let crs: CRS

    /// One source feature, ready to write (values in the schema's field order, geometry in the
    /// project CRS) or with the reasons it cannot be.
    struct Candidate: Sendable {
        let index: Int
        let description: String
        var code: String
        var values: [AttributeValue]
        var geometry: Geometry
        var problems: [String]
        var repair: String?
        let sourceFeature: Feature
    }

    func check() throws -> [Candidate] {
        let source = try VectorReader.read(importer.source, declaredCoordinateSystem: importer.declared)
        guard let system = source.coordinateSystem else { throw LayerError.noCoordinateSystem(importer.source) }
        let columns = try sourceColumns(source)
        let sourceLabel = "\((importer.source as NSString).lastPathComponent) (\(system))"

        var candidates = try Array(source.features.indices).parallelMap(state: {
            (try Transformer.forThisThread(from: system, to: crs), try AreaOfUseCheck(source: system, target: crs))
        }) { state, index in
            try candidate(index, in: source, columns: columns, sourceLabel: sourceLabel,
                          transformer: state.0, areaCheck: state.1)
        }
        var firstWithCode: [String: Int] = [:]
        for index in candidates.indices where !candidates[index].code.isEmpty {
            let code = candidates[index].code
            if let first = firstWithCode[code] {
                candidates[index].problems.append("code \(code) appears again (first at feature \(first + 1))")
            } else {
                firstWithCode[code] = index
            }
        }
        return candidates
    }

    /// For each schema field, the source column it comes from, if any.
    private func sourceColumns(_ source: FeatureLayer) throws -> [Int?] {
        try schema.fields.map { spec in
            let name = spec.field.name
            if name == "code", let codeField = importer.codeField {
                guard let column = source.fieldIndex(codeField) else { throw missing(codeField, source) }
                return column
            }
            if let mapped = importer.fieldMap[name] {
                guard let column = source.fieldIndex(mapped) else { throw missing(mapped, source) }
                return column
            }
            // A shapefile cuts field names to 10 characters ("boundary_year" → "boundary_y").
            return source.fieldIndex(name) ?? source.fieldIndex(spec.alias) ?? source.fieldIndex(String(name.prefix(10)))
        }
    }

    private func missing(_ field: String, _ source: FeatureLayer) -> Error {
        GeoIOError.noSuchLayer(importer.source, layer: "field \(field)", available: source.fields.map(\.name))
    }

    private func candidate(_ index: Int, in source: FeatureLayer, columns: [Int?], sourceLabel: String,
                           transformer: Transformer, areaCheck: AreaOfUseCheck) throws -> Candidate {
        let feature = source.features[index]
        var problems: [String] = []
        var values: [AttributeValue] = schema.fields.indices.map { field in
            guard let column = columns[field] else { return .null }
            let spec = schema.fields[field]
            do {
                return try Self.convert(feature.values[column], to: spec.field.kind)
            } catch {
                problems.append("\(spec.field.name) (\(spec.alias)): '\(feature.values[column])' is not \(spec.field.kind == .integer ? "a whole number" : "a number")")
                return .null
            }
        }
        if columns[schema.fieldNames.firstIndex(of: "source")!] == nil {
            values[schema.fieldNames.firstIndex(of: "source")!] = .string(sourceLabel)
        }

        var geometry = try Geometry.multiPolygon([])
        var repair: String?
        if let original = feature.geometry {
            if schema.content == .polygons && !original.kind.isPolygonal {
                problems.append("is a \(original.kind) where a polygon is expected")
            } else if let envelope = original.envelope {
                if let problem = areaCheck.problem(with: envelope) {
                    problems.append(problem)
                } else {
                    do {
                        geometry = try transformer.transform(original)
                        if !geometry.isValid {
                            repair = "\(source.describeFeature(index)): \(geometry.validityReason), repaired"
                            geometry = try geometry.makeValid()
                        }
                        if geometry.kind.isPolygonal || geometry.kind == .collection && schema.content == .polygons {
                            geometry = try Geometry.multiPolygon([geometry])
                        }
                    } catch {
                        problems.append("\(error)")
                    }
                }
            } else {
                problems.append("has an empty geometry")
            }
        } else {
            problems.append("has no geometry")
        }

        if let area = schema.fieldNames.firstIndex(of: "area_m2"), problems.isEmpty {
            values[area] = .real(geometry.area)
        }
        let name = values[1].description
        if values[0] == .null, problems.isEmpty {
            values[0] = .string(FeatureCode.derive(prefix: schema.codePrefix, geometry: geometry, name: name))
        }
        for (field, spec) in schema.fields.enumerated() where spec.required && spec.field.name != "code" {
            if values[field] == .null { problems.append("required field \(spec.field.name) (\(spec.alias)) is empty") }
        }
        return Candidate(index: index, description: source.describeFeature(index), code: values[0].description,
                         values: values, geometry: geometry, problems: problems, repair: repair, sourceFeature: feature)
    }

    /// A source value as the schema's field kind wants it; empty text is no value.
    static func convert(_ value: AttributeValue, to kind: Field.Kind) throws -> AttributeValue {
        struct NotANumber: Error {}
        switch (value, kind) {
        case (.null, _): return .null
        case let (.string(text), _) where text.trimmingCharacters(in: .whitespaces).isEmpty: return .null
        case (_, .string): return .string(value.description)
        case (.integer, .integer), (.real, .real): return value
        case let (.integer(number), .real): return .real(Double(number))
        case let (.real(number), .integer):
            guard number == number.rounded(), abs(number) < 9e15 else { throw NotANumber() }
            return .integer(Int64(number))
        case let (.string(text), .integer):
            guard let number = Int64(text.trimmingCharacters(in: .whitespaces)) else { throw NotANumber() }
            return .integer(number)
        case let (.string(text), .real):
            guard let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite else { throw NotANumber() }
            return .real(number)
        }
    }

    /// Writes the rejected features beside the source, as `<source>.rejects.csv`: the feature's
    /// position, what is wrong, its attributes, and its geometry as WKT in the source's CRS.
    static func writeRejects(_ rejects: [Candidate], source: String) throws -> String {
        let original = try VectorReader.read(source)
        let path = source + ".rejects.csv"
        let layer = FeatureLayer(
            source: path, name: "rejects",
            fields: [Field("feature", .integer), Field("problem", .string)] + original.fields,
            features: rejects.map { reject in
                Feature(values: [.integer(Int64(reject.index + 1)), .string(reject.problems.joined(separator: "; "))]
                            + reject.sourceFeature.values,
                        geometry: reject.sourceFeature.geometry)
            },
            coordinateSystem: try original.coordinateSystem ?? .crs(CRS.wgs84))
        try VectorWriter.write(layer, to: path, format: .csv)
        return path
    }
}
