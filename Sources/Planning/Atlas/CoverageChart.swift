import GeoIO

/// Park service-radius coverage per built-up area as a horizontal bar chart (inline SVG), with the
/// profile's target as a dashed line: bars that reach it green, the others red.
struct CoverageChart {
    let areas: [AreaCoverage]
    /// The coverage target in %, where the profile has one.
    let target: Double?

    var svg: String {
        guard !areas.isEmpty else { return "<p class=\"missing\">No built-up areas: nothing to chart.</p>" }
        let label = 150.0, bar = 420.0, rowHeight = 24.0, top = 8.0
        let height = top + rowHeight * Double(areas.count) + 22
        func x(_ percent: Double) -> Double { label + bar * percent / 100 }
        var parts: [String] = []
        for (row, area) in areas.enumerated() {
            let y = top + rowHeight * Double(row)
            parts.append("<text x=\"\(label - 6)\" y=\"\(y + 16)\" text-anchor=\"end\">\(MarkupText.escaped(area.name))</text>")
            guard let percent = area.coveragePercent else {
                parts.append("<text x=\"\(label + 4)\" y=\"\(y + 16)\" class=\"none\">no residential land</text>")
                continue
            }
            let pass = target.map { percent >= $0 } ?? true
            parts.append("<rect class=\"\(pass ? "pass" : "fail")\" x=\"\(label)\" y=\"\(y + 4)\" width=\"\(x(percent) - label)\" height=\"\(rowHeight - 8)\"/>")
            parts.append("<text x=\"\(x(percent) + 4)\" y=\"\(y + 16)\">\(Rounding.text(percent, 1)) %</text>")
        }
        for tick in stride(from: 0.0, through: 100, by: 25) {
            parts.append("<text x=\"\(x(tick))\" y=\"\(height - 4)\" text-anchor=\"middle\" class=\"tick\">\(Int(tick)) %</text>")
        }
        if let target {
            parts.append("<line class=\"target\" x1=\"\(x(target))\" x2=\"\(x(target))\" y1=\"\(top)\" y2=\"\(height - 18)\"/>")
            parts.append("<text x=\"\(x(target))\" y=\"\(top - 1)\" text-anchor=\"middle\" class=\"tick\">target \(Rounding.text(target, 1)) %</text>")
        }
        return "<svg class=\"chart\" role=\"img\" aria-label=\"coverage per built-up area\" viewBox=\"0 -6 \(label + bar + 70) \(height + 6)\" "
            + "width=\"\(Int(label + bar + 70))\">" + parts.joined() + "</svg>"
    }
}
