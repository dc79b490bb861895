import Foundation
import GeoCore
import GeoIO

extension ProjectFile {
    /// What `exportForm` wrote.
    public struct FormExport: Sendable {
        public let count: Int
        /// The surveyed outlines beside the form, for `habitat import --geometry`; nil when no
        /// feature has one.
        public let outlines: String?
    }

    /// Writes a layer in its survey form's layout, as a county fills it and `habitat import` reads
    /// it back as it is: the form's Chinese headers and order, areas in 万平方米 where the form
    /// gives them so, counties by name, and each site's 经度/纬度 (WGS 84) where the form has them.
    ///
    /// A spreadsheet cell holds no outline, so surveyed outlines go beside the form, in
    /// `<form>.outlines.gpkg` (project CRS, exact), joined on 编号 when imported with `--geometry`.
    /// Approximate footprints are not outlines: their surveyed point and stated area go in the
    /// form, from which an import draws the same footprint again. Both files land together or
    /// not at all.
    public func exportForm(_ name: String, to path: String, asOf instant: String? = nil) throws -> FormExport {
        let format = try VectorFormat(path: path)
        guard format == .csv || format == .xlsx else { throw InventoryError.formFormat(path) }
        let schema = try LayerSchema.named(name)
        let layer = try self.layer(name, asOf: instant)
        let toDegrees = try Transformer.forThisThread(from: .crs(crs), to: CRS.wgs84)

        var rows: [Feature] = [], outlines: [Feature] = []
        for (index, feature) in layer.features.enumerated() {
            var values = schema.formFields.map { spec -> AttributeValue in
                let value = layer.value(spec.field.name, at: index)
                if spec.field.name == "district", value != .null { return .string(Counties.name(for: value.description)) }
                if let unit = spec.areaUnit, let number = value.doubleValue { return .real(number / unit) }
                return value
            }
            let approximate = layer.value("approximate", at: index) == .integer(1)
            if let geometry = feature.geometry, geometry.kind.isPolygonal, !approximate || !schema.takesPoints {
                outlines.append(Feature(values: [layer.value("code", at: index), layer.value("name", at: index)], geometry: geometry))
            }
            if schema.takesPoints {
                let point = try approximate
                    ? (x: layer.value("point_x", at: index).doubleValue ?? .nan, y: layer.value("point_y", at: index).doubleValue ?? .nan)
                    : feature.geometry.map { geometry in
                        let xy = try (geometry.kind == .point ? geometry : geometry.pointOnSurface()).coordinates
                        return (x: xy[0], y: xy[1])
                    }
                // To 9 decimals (0.1 mm): 24.88 as a person typed it, not 24.87999999999999.
                let degrees = try point.map { try toDegrees.transform(x: $0.x, y: $0.y) }
                func cell(_ value: Double?) -> AttributeValue { value.map { .real(($0 * 1e9).rounded() / 1e9) } ?? .null }
                values += [cell(degrees?.x), cell(degrees?.y)]
            }
            rows.append(Feature(values: values, geometry: nil))
        }

        let target = URL(fileURLWithPath: path)
        let outlinesName = target.deletingPathExtension().lastPathComponent + ".outlines.gpkg"
        let outlinesPath = target.deletingLastPathComponent().appendingPathComponent(outlinesName).path
        try refuseOverwriting(outlinesPath)
        let form = FeatureLayer(source: path, name: schema.title, fields: schema.formColumns(kinds: true), features: rows,
                                coordinateSystem: .crs(try CRS.wgs84))
        try StagedWrite.files(into: target.deletingLastPathComponent(), beforeMoving: {
            // An outlines file left from an earlier export would be joined to this form.
            if outlines.isEmpty { try? FileManager.default.removeItem(atPath: outlinesPath) }
        }) { staging in
            try VectorWriter.write(form, to: staging.appendingPathComponent(target.lastPathComponent).path, format: format)
            if !outlines.isEmpty {
                let outlineLayer = FeatureLayer(source: outlinesPath, name: "outlines",
                                                fields: [Field(schema.fields[0].alias, .string), Field(schema.fields[1].alias, .string)],
                                                features: outlines, coordinateSystem: .crs(crs))
                try VectorWriter.write(outlineLayer, to: staging.appendingPathComponent(outlinesName).path)
            }
        }
        return FormExport(count: rows.count, outlines: outlines.isEmpty ? nil : outlinesPath)
    }
}
