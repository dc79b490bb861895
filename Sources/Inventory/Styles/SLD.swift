import GeoIO

/// A layer's style as Styled Layer Descriptor 1.1 (`layer_styles.styleSLD`), for clients other
/// than QGIS (GeoServer, ArcGIS Pro's import): the same fills, one rule each.
enum SLD {
    static func document(_ symbology: Symbology, layer: String) -> String {
        let points = symbology.marksPoints
        let rules: [String] = switch symbology.renderer {
        case let .single(fill): [rule(layer, filter: nil, fill, points: points)]
        case let .categorized(field, categories):
            categories.map { rule($0.label, filter: equals(field, $0.value), $0.fill, points: points) }
        case let .byArea(classes):
            classes.map { rule($0.label, filter: area($0), $0.fill, points: points) }
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <StyledLayerDescriptor xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc" xmlns:se="http://www.opengis.net/se" version="1.1.0">
              <NamedLayer>
                <se:Name>\(MarkupText.escaped(layer))</se:Name>
                <UserStyle>
                  <se:Name>\(MarkupText.escaped(layer))</se:Name>
                  <se:FeatureTypeStyle>
            \(rules.joined(separator: "\n"))
                  </se:FeatureTypeStyle>
                </UserStyle>
              </NamedLayer>
            </StyledLayerDescriptor>

            """
    }

    private static func rule(_ name: String, filter: String?, _ fill: Symbology.Fill, points: Bool) -> String {
        var symbolizer = [points ? "          <se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>circle</se:WellKnownName>"
                                 : "          <se:PolygonSymbolizer>"]
        if let color = fill.color { symbolizer.append("            <se:Fill>\(parameter("fill", hex(color)))</se:Fill>") }
        var stroke = parameter("stroke", hex(fill.outline)) + parameter("stroke-width", String(fill.outlineWidth * 96 / 25.4))
        if fill.dashed { stroke += parameter("stroke-dasharray", "4 2") }
        // A marker of 2.4 mm, in pixels of 0.28 mm as SLD counts them.
        symbolizer += ["            <se:Stroke>\(stroke)</se:Stroke>",
                       points ? "          </se:Mark><se:Size>9</se:Size></se:Graphic></se:PointSymbolizer>" : "          </se:PolygonSymbolizer>"]
        return (["        <se:Rule>", "          <se:Name>\(MarkupText.escaped(name))</se:Name>"]
                + (filter.map { ["          <ogc:Filter>\($0)</ogc:Filter>"] } ?? []) + symbolizer + ["        </se:Rule>"])
            .joined(separator: "\n")
    }

    private static func parameter(_ name: String, _ value: String) -> String {
        "<se:SvgParameter name=\"\(name)\">\(value)</se:SvgParameter>"
    }

    private static func equals(_ field: String, _ value: String) -> String {
        "<ogc:PropertyIsEqualTo><ogc:PropertyName>\(MarkupText.escaped(field))</ogc:PropertyName><ogc:Literal>\(MarkupText.escaped(value))</ogc:Literal></ogc:PropertyIsEqualTo>"
    }

    private static func area(_ area: Symbology.AreaClass) -> String {
        let measure = "<ogc:Function name=\"area\"><ogc:PropertyName>geom</ogc:PropertyName></ogc:Function>"
        let bounds = [area.atLeast.map { "<ogc:PropertyIsGreaterThanOrEqualTo>\(measure)<ogc:Literal>\(Symbology.AreaClass.number($0))</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo>" },
                      area.below.map { "<ogc:PropertyIsLessThan>\(measure)<ogc:Literal>\(Symbology.AreaClass.number($0))</ogc:Literal></ogc:PropertyIsLessThan>" }]
            .compactMap { $0 }
        return bounds.count == 1 ? bounds[0] : "<ogc:And>\(bounds.joined())</ogc:And>"
    }

    /// "R,G,B,A" as "#rrggbb".
    private static func hex(_ color: String) -> String {
        "#" + color.split(separator: ",").prefix(3).map { part in
            let value = Int(part) ?? 0
            return String(value, radix: 16).count == 1 ? "0" + String(value, radix: 16) : String(value, radix: 16)
        }.joined()
    }
}
