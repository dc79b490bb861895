import GeoIO

/// A layer's style as QGIS writes it to a `.qml` file and to `layer_styles.styleQML`: its
/// symbology and its fields' aliases (the Chinese names QGIS then shows in forms and tables).
enum QML {
    static func document(_ symbology: Symbology, aliases: [(field: String, alias: String)]) -> String {
        let aliasLines = aliases.enumerated().map { index, entry in
            "    <alias field=\"\(MarkupText.escaped(entry.field))\" index=\"\(index)\" name=\"\(MarkupText.escaped(entry.alias))\"/>"
        }
        return """
            <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
            <qgis version="3.22.0" styleCategories="Symbology|Fields">
            \(renderer(symbology.renderer, points: symbology.marksPoints))
              <aliases>
            \(aliasLines.joined(separator: "\n"))
              </aliases>
            </qgis>

            """
    }

    private static func renderer(_ renderer: Symbology.Renderer, points: Bool) -> String {
        let common = "symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\""
        switch renderer {
        case let .single(fill):
            return """
                  <renderer-v2 type="singleSymbol" \(common)>
                    <symbols>
                \(symbol(fill, name: "0", points: points))
                    </symbols>
                  </renderer-v2>
                """
        case let .categorized(field, categories):
            let entries = categories.enumerated().map { index, category in
                "      <category render=\"true\" symbol=\"\(index)\" value=\"\(MarkupText.escaped(category.value))\" label=\"\(MarkupText.escaped(category.label))\"/>"
            }
            return """
                  <renderer-v2 type="categorizedSymbol" attr="\(MarkupText.escaped(field))" \(common)>
                    <categories>
                \(entries.joined(separator: "\n"))
                    </categories>
                    <symbols>
                \(categories.enumerated().map { symbol($1.fill, name: String($0), points: points) }.joined(separator: "\n"))
                    </symbols>
                  </renderer-v2>
                """
        case let .byArea(classes):
            let rules = classes.enumerated().map { index, area in
                "      <rule key=\"rule\(index)\" symbol=\"\(index)\" label=\"\(MarkupText.escaped(area.label))\" filter=\"\(MarkupText.escaped(area.expression))\"/>"
            }
            return """
                  <renderer-v2 type="RuleRenderer" \(common)>
                    <rules key="root">
                \(rules.joined(separator: "\n"))
                    </rules>
                    <symbols>
                \(classes.enumerated().map { symbol($1.fill, name: String($0), points: points) }.joined(separator: "\n"))
                    </symbols>
                  </renderer-v2>
                """
        }
    }

    /// A fill symbol of one simple-fill layer, or for points a marker of one simple-marker layer: a
    /// circle of 2.4 mm in the fill's colours.
    private static func symbol(_ fill: Symbology.Fill, name: String, points: Bool) -> String {
        if points {
            let options = [("name", "circle"), ("color", fill.color ?? "0,0,0,0"), ("outline_color", fill.outline),
                           ("outline_style", "solid"), ("outline_width", String(fill.outlineWidth)), ("outline_width_unit", "MM"),
                           ("size", "2.4"), ("size_unit", "MM")]
            return """
                      <symbol type="marker" name="\(name)" alpha="1" clip_to_extent="1" force_rhr="0">
                        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
                          <Option type="Map">
                \(options.map { "              <Option name=\"\($0.0)\" type=\"QString\" value=\"\($0.1)\"/>" }.joined(separator: "\n"))
                          </Option>
                        </layer>
                      </symbol>
                """
        }
        let options = [
            ("color", fill.color ?? "0,0,0,0"), ("style", fill.color == nil ? "no" : "solid"),
            ("outline_color", fill.outline), ("outline_style", fill.dashed ? "dash" : "solid"),
            ("outline_width", String(fill.outlineWidth)), ("outline_width_unit", "MM"), ("joinstyle", "bevel"),
        ]
        return """
                  <symbol type="fill" name="\(name)" alpha="1" clip_to_extent="1" force_rhr="0">
                    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
                      <Option type="Map">
            \(options.map { "              <Option name=\"\($0.0)\" type=\"QString\" value=\"\($0.1)\"/>" }.joined(separator: "\n"))
                      </Option>
                    </layer>
                  </symbol>
            """
    }
}
