import GeoIO

/// Each layer's default look in QGIS, stored in the project's `layer_styles`: parks green by the
/// service radius their area earns, old factories by renovation class, the other programmes' sites
/// each in a colour of their own, districts and built-up areas outlined.
extension LayerSchema {
    var symbology: Symbology {
        switch name {
        case "districts": Symbology(renderer: .single(.outlined("60,60,60,255", width: 0.6, dashed: true)))
        case "built_up_areas": Symbology(renderer: .single(.outlined("230,85,13,255", width: 0.8)))
        case "parks": Symbology(renderer: .byArea(Self.parkRadiusClasses))
        case "green_spaces": Symbology(renderer: .single(.solid("199,233,192,255", outline: "116,196,118,255")))
        case "canopy": Symbology(renderer: .single(.solid("65,171,93,110", outline: "65,171,93,0")))
        case "residential": Symbology(renderer: .single(.solid("254,232,200,255", outline: "190,160,120,255")))
        case "old_residential": Symbology(renderer: .categorized(field: "renovation_type", [
            Symbology.Category(value: "棚户区改造", label: "棚户区改造", fill: .solid("240,59,32,255")),
            Symbology.Category(value: "综合提升改造", label: "综合提升改造", fill: .solid("253,141,60,255")),
        ]))
        case "urban_villages": Symbology(renderer: .single(.solid("158,154,200,255", outline: "84,39,143,255")))
        case "old_factories": Symbology(renderer: .categorized(field: "category", [
            Symbology.Category(value: "用地变更类", label: "用地变更类", fill: .solid("49,130,189,255")),
            Symbology.Category(value: "拆旧建新类", label: "拆旧建新类", fill: .solid("230,171,2,255")),
            Symbology.Category(value: "改造提升类", label: "改造提升类", fill: .solid("117,107,177,255")),
        ]))
        // 治乱治脏: key areas in amber, the cases as circles by kind, inspections as dark circles, the
        // unit grid in thin grey outlines.
        case "key_areas": Symbology(renderer: .single(.solid("254,217,118,160", outline: "204,76,2,255")))
        case "incidents": Symbology(renderer: .categorized(field: "kind", zip(Disorder.kinds, Self.kindColours).map { kind, colour in
            Symbology.Category(value: kind, label: kind, fill: .solid(colour, outline: "40,40,40,255"))
        }), marksPoints: true)
        case "inspections": Symbology(renderer: .single(.solid("37,37,37,255", outline: "255,255,255,255")), marksPoints: true)
        case "grid_cells": Symbology(renderer: .single(.outlined("150,150,150,255", width: 0.15)))
        default: Symbology(renderer: .single(.solid("200,200,200,255")))
        }
    }

    /// One colour per kind of disorder, in `Disorder.kinds` order.
    static let kindColours = ["228,26,28,255", "55,126,184,255", "152,78,163,255", "255,127,0,255", "166,86,40,255", "77,175,74,255"]

    /// Parks by the radius their area earns (GB/T 50563), dark green reaching furthest; parks too
    /// small to count pale.
    static var parkRadiusClasses: [Symbology.AreaClass] {
        let radii = ParkServiceRadii.gbt50563
        let greens = ["0,109,44,255", "116,196,118,255"]
        let counted = radii.enumerated().map { index, class_ in
            Symbology.AreaClass(atLeast: class_.minimumArea, below: index == 0 ? nil : radii[index - 1].minimumArea,
                                label: "\(Symbology.AreaClass.number(class_.radius)) m 服务半径（≥ \(Symbology.AreaClass.number(class_.minimumArea)) m²）",
                                fill: .solid(greens[min(index, greens.count - 1)]))
        }
        let smallest = radii.last?.minimumArea ?? 0
        return counted + [Symbology.AreaClass(atLeast: nil, below: smallest,
                                              label: "不计入（< \(Symbology.AreaClass.number(smallest)) m²）",
                                              fill: .solid("229,245,224,255", outline: "150,150,150,255"))]
    }

    /// The layer's default style: its symbology in QML and SLD, the QML with the fields' aliases.
    public var defaultStyle: LayerStyle {
        LayerStyle(table: name, name: "habitat \(name)",
                   qml: QML.document(symbology, aliases: fields.map { ($0.field.name, $0.alias) }),
                   sld: SLD.document(symbology, layer: name), description: "\(title) — habitat")
    }
}
