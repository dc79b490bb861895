import GeoCore
import GeoIO

extension LayerSchema {
    /// The fields a surveyor fills, in the form's order: all but what habitat records itself.
    var formFields: [FieldSpec] {
        fields.filter { !["source", "approximate", "point_x", "point_y"].contains($0.field.name) }
    }

    /// A field's header on the form: the official form's wording (厂区名称, 县（市、区）) or else its
    /// Chinese name, areas in 万平方米 where the official form gives them so.
    func formHeader(_ spec: FieldSpec) -> String {
        switch spec.field.name {
        case "name": return spec.headers.first ?? spec.alias
        case "district": return Self.countyHeader
        default:
            guard let unit = spec.areaUnit, unit == 10_000 else { return spec.alias }
            return FormHeaders.normalized(spec.alias) + "（万平方米）"
        }
    }

    /// The form's columns: its fields under their headers, then 经度 and 纬度 where it has them.
    func formColumns(kinds: Bool) -> [Field] {
        formFields.map { Field(formHeader($0), kinds ? $0.field.kind : .string) }
            + (takesPoints ? [Field(SurveyLocation.longitudeHeaders[0], kinds ? .real : .string),
                                  Field(SurveyLocation.latitudeHeaders[0], kinds ? .real : .string)] : [])
    }

    /// The empty form surveyors fill for this layer: its fields under their Chinese headers (areas
    /// in the unit the official form uses), then 经度 and 纬度 for layers whose sites may be points.
    /// With `blankRow`, one empty row follows the headers (GDAL writes an XLSX sheet's header row
    /// only with a row under it; imports pass over blank rows).
    public func formTemplate(blankRow: Bool = false) throws -> FeatureLayer {
        let columns = formColumns(kinds: false)
        return FeatureLayer(source: name, name: title, fields: columns,
                            features: blankRow ? [Feature(values: columns.map { _ in .string("") }, geometry: nil)] : [],
                            coordinateSystem: .crs(try CRS.wgs84))
    }
}
