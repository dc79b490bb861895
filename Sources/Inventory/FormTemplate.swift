import GeoCore
import GeoIO

extension LayerSchema {
    /// The empty form surveyors fill for this layer: its fields under their Chinese headers (areas
    /// in the unit the official form uses), then 经度 and 纬度 for layers whose sites may be points.
    /// With `blankRow`, one empty row follows the headers (GDAL writes an XLSX sheet's header row
    /// only with a row under it; imports pass over blank rows).
    public func formTemplate(blankRow: Bool = false) throws -> FeatureLayer {
        let filled = fields.filter { !["source", "approximate", "point_x", "point_y"].contains($0.field.name) }
        let headers = filled.map { spec -> String in
            guard let unit = spec.areaUnit, unit == 10_000 else { return spec.alias }
            return FormHeaders.normalized(spec.alias) + "（万平方米）"
        } + (takesPoints ? SurveyLocation.longitudeHeaders.prefix(1) + SurveyLocation.latitudeHeaders.prefix(1) : [])
        return FeatureLayer(source: name, name: title, fields: headers.map { Field($0, .string) },
                            features: blankRow ? [Feature(values: headers.map { _ in .string("") }, geometry: nil)] : [],
                            coordinateSystem: .crs(try CRS.wgs84))
    }
}
