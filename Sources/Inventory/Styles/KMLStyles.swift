import Foundation
import GeoIO
import GeoCore

/// A layer as Google Earth and 奥维互动地图 draw it: the classes of its QGIS symbology as the KML
/// document's shared styles (parks green by the radius their area earns, factories by renovation
/// class; one source of colour), and each placemark's balloon a table of its fields under their
/// Chinese names.
extension LayerSchema {
    /// `layer` is in the project CRS, in which parks' areas are measured as coverage measures them.
    func kmlPresentation(of layer: FeatureLayer) -> KMLPresentation {
        let symbology = self.symbology
        let styles: [KMLPresentation.Style]
        let featureStyles: [String]
        switch symbology.renderer {
        case let .single(fill):
            styles = [kmlStyle(name, fill)]
            featureStyles = layer.features.map { _ in name }
        case let .categorized(field, categories):
            // A feature of no listed class is drawn as QGIS's default grey draws it.
            styles = categories.enumerated().map { kmlStyle("\(name)-\($0)", $1.fill) } + [kmlStyle("\(name)-other", Self.unclassified)]
            featureStyles = layer.features.indices.map { index in
                let value = layer.value(field, at: index).description
                return categories.firstIndex { $0.value == value }.map { "\(name)-\($0)" } ?? "\(name)-other"
            }
        case let .byArea(classes):
            styles = classes.enumerated().map { kmlStyle("\(name)-\($0)", $1.fill) }
            featureStyles = layer.features.map { feature in
                let area = feature.geometry?.area ?? 0
                let index = classes.firstIndex { area >= ($0.atLeast ?? -.infinity) && area < ($0.below ?? .infinity) }
                return "\(name)-\(index ?? classes.count - 1)"
            }
        }
        return KMLPresentation(styles: styles, featureStyles: featureStyles,
                               balloons: layer.features.indices.map { balloon(layer, $0) }, title: title)
    }

    static let unclassified = Symbology.Fill.solid("200,200,200,255")

    private func kmlStyle(_ id: String, _ fill: Symbology.Fill) -> KMLPresentation.Style {
        // QGIS's widths are millimetres; KML's are pixels (96 to the inch), one at least.
        KMLPresentation.Style(id: id, fill: fill.color, outline: fill.outline,
                              outlineWidth: max(1, (fill.outlineWidth * 96 / 25.4).rounded()))
    }

    /// The feature's filled-in fields, one row each, under their Chinese names.
    private func balloon(_ layer: FeatureLayer, _ index: Int) -> String {
        let rows = fields.compactMap { spec -> String? in
            let value = layer.value(spec.field.name, at: index)
            guard value != .null, !value.description.isEmpty else { return nil }
            return "<tr><th align=\"left\">\(MarkupText.escaped(spec.alias))</th><td>\(MarkupText.escaped(Self.shown(value)))</td></tr>"
        }
        return "<table>" + rows.joined() + "</table>"
    }

    /// A value as a person reads it: areas and coordinates to two decimals.
    private static func shown(_ value: AttributeValue) -> String {
        guard case let .real(number) = value else { return value.description }
        return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(format: "%.2f", number)
    }
}
