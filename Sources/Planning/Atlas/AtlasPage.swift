import Foundation
import GeoIO

/// The atlas as one HTML file to e-mail: it opens offline in any current browser, everything it
/// needs inside it (Leaflet, the data, the styles), and prints on A4 landscape.
public struct AtlasPage {
    public let data: AtlasData
    public let map: MapRenderer
    public let leaflet: Leaflet

    /// The forms `habitat report` writes that the atlas links to, with their file names.
    public static let forms: [MonthlyForm] = [.greening, .factories, .residential, .villages]

    public init(data: AtlasData, leaflet: Leaflet, tiles: String? = nil) {
        self.data = data
        self.map = MapRenderer(layers: data.layers, tiles: tiles)
        self.leaflet = leaflet
    }

    /// Writes `atlas.html` into `folder`, whole or not at all.
    public func write(to folder: String) throws {
        let page = try html()
        try StagedWrite.files(into: URL(fileURLWithPath: folder)) { staging in
            try Data(page.utf8).write(to: staging.appendingPathComponent("atlas.html"))
        }
    }

    public func html() throws -> String {
        let scope = data.county.map { "\($0.name) (\($0.code))" } ?? "全市 the whole city"
        let images = "data:" + (map.tileOrigin.map { " " + $0 } ?? "")
        let policy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src \(images)"
        return """
            \(Self.head(title: "\(data.title) — atlas \(data.period.end)", policy: policy, leaflet: leaflet))
            <body>
            <header><h1>\(MarkupText.escaped(data.title)) 人居环境 atlas</h1>
            <p>\(MarkupText.escaped(scope)) · inventory as it stands now · indicators for \(data.period.year) (profile \
            \(MarkupText.escaped(data.indicators.profile))) · progress to \(data.period.end) (统计期间 \(data.period.monthStart) – \(data.period.end))</p>
            </header>
            \(missing)
            <section class="map-page">
            \(try map.html())
            </section>
            <section><h2>公园绿地服务半径覆盖率 Park coverage per built-up area</h2>
            \(CoverageChart(areas: data.coverage, target: coverageTarget).svg)
            \(suggestedLine)
            </section>
            <section><h2>指标 Indicators against \(MarkupText.escaped(data.indicators.profile)), \(data.period.year)</h2>
            \(Self.indicatorTable(data.indicators))
            </section>
            <section><h2>进度 Progress against plan to \(data.period.end)</h2>
            \(Self.progressTable(data.progress))
            </section>
            <section><h2>月报表 The monthly forms</h2>
            \(formLinks)
            </section>
            </body></html>

            """
    }

    /// The page's head, up to `</head>`, for the atlas and the server's map page alike: the content
    /// security `policy`, Leaflet and the atlas's style inside, the map's error hook first.
    public static func head(title: String, policy: String, leaflet: Leaflet) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(MarkupText.escaped(policy))">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(MarkupText.escaped(title))</title>
        <script>\(MapRenderer.errorHook)</script>
        <style>\(leaflet.style)</style>
        <style>\(style)</style>
        <script>\(leaflet.script)</script>
        </head>
        """
    }

    private var missing: String {
        guard !data.missing.isEmpty else { return "" }
        return "<section class=\"missing\"><h2>What the project lacks</h2><ul>"
            + data.missing.map { "<li>\(MarkupText.escaped($0))</li>" }.joined() + "</ul></section>"
    }

    private var suggestedLine: String {
        guard let suggested = data.suggested else { return "" }
        return "<p>Suggested park sites on the map: the best \(suggested.picks) of \(suggested.candidates) candidates "
            + "(habitat suggest: the sites that bring the most residential land within reach).</p>"
    }

    /// The profile's coverage target for the areas charted, where one applies to them all.
    private var coverageTarget: Double? {
        let targets = Set(data.indicators.years.flatMap(\.areas).filter { !$0.measures.isCounty }.flatMap(\.checks)
            .filter { $0.indicator == .parkCoverage }.compactMap(\.target))
        return targets.count == 1 ? targets.first : nil
    }

    /// The indicators panel: each check of each area against the profile's target. The server's
    /// map page shows the same.
    public static func indicatorTable(_ indicators: IndicatorReport) -> String {
        let rows = indicators.years.flatMap(\.areas).flatMap { area in
            area.checks.map { check -> String in
                let value = check.value.map { Rounding.text($0, IndicatorReport.shownDecimals) } ?? "–"
                let target = check.target.map { (check.strict ? "&gt; " : "≥ ") + String(format: "%g", $0) + (check.level.map { " (\(MarkupText.escaped($0)))" } ?? "") } ?? ""
                let verdict = check.pass.map { $0 ? "<td class=\"pass\">pass</td>" : "<td class=\"fail\">fail</td>" } ?? "<td></td>"
                return "<tr><td>\(MarkupText.escaped(area.measures.name))\(area.measures.isCounty ? " (county)" : "")</td>"
                    + "<td>\(check.indicator.chineseName)</td><td class=\"n\">\(value)</td><td>\(check.indicator.unit)</td>"
                    + "<td>\(target)</td>\(verdict)<td>\(MarkupText.escaped(check.gap ?? check.unavailable ?? ""))</td></tr>"
            }
        }
        guard !rows.isEmpty else { return "<p class=\"missing\">No built-up areas: no indicators to report.</p>" }
        return "<table><thead><tr><th>area</th><th>indicator</th><th>value</th><th>unit</th><th>target</th><th></th><th>gap</th></tr></thead><tbody>"
            + rows.joined(separator: "\n") + "</tbody></table>"
    }

    /// The progress panel: each county's programmes against plan.
    public static func progressTable(_ progress: ProgressReport) -> String {
        let lines = progress.lines
        guard !lines.isEmpty else {
            return "<p class=\"missing\">Nothing to report: no plans, or no county with a plan or work done.</p>"
        }
        return "<table><thead><tr><th>county</th><th>programme</th><th>done</th><th>expected now</th><th>by year end</th><th>unit</th><th>verdict</th></tr></thead><tbody>"
            + lines.map { line in
                "<tr><td>\(MarkupText.escaped(line.county))</td><td>\(MarkupText.escaped(line.programme))</td>"
                    + [line.done, line.expected, line.plannedThisYear].map { "<td class=\"n\">\(Rounding.text($0, line.decimals))</td>" }.joined()
                    + "<td>\(line.unit)</td><td class=\"\(line.verdict.hasPrefix("behind") ? "fail" : "pass")\">\(MarkupText.escaped(line.verdict))</td></tr>"
            }.joined(separator: "\n") + "</tbody></table>"
    }

    private var formLinks: String {
        let month = String(format: "%04d-%02d", data.period.year, data.period.month)
        let links = Self.forms.map { form in
            "<li><a href=\"forms/\(form.rawValue).html\">\(MarkupText.escaped(form.title))</a> (forms/\(form.rawValue).html)</li>"
        }
        return "<ul>" + links.joined() + "</ul><p class=\"note\">The links open the forms where they lie beside this file, in "
            + "<code>forms/</code>: write them there with <code>habitat report FILE.gpkg FORM --month \(month) --out DIR/forms</code> "
            + "for each of \(Self.forms.map(\.rawValue).joined(separator: ", ")), DIR being this file's folder.</p>"
    }

    public static let style = """
        body{margin:0 16px 24px;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;font-size:10.5pt;color:#212121}
        h1{font-size:16pt;margin:10px 0 2px}h2{font-size:12.5pt;margin:16px 0 6px}
        header p{margin:0 0 8px;color:#555}
        #map{height:70vh;min-height:420px;border:1px solid #9e9e9e}
        .map-empty{position:absolute;top:45%;width:100%;text-align:center;z-index:1000;font-size:13pt;color:#555}
        .atlas-legend{background:#fff;padding:6px 8px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.35);max-width:330px;font-size:9pt;line-height:1.5}
        .legend-entry{display:flex;align-items:center;gap:3px;cursor:pointer}
        .swatch{display:inline-block;width:12px;height:12px;border:1px solid #616161}
        .swatch.outline{background:transparent;border-width:2px}
        .legend-title{margin-left:4px}
        .popup-layer{color:#757575;font-size:8.5pt}
        .leaflet-popup-content table{border-collapse:collapse;margin-top:4px}
        .leaflet-popup-content th,.leaflet-popup-content td{border:0;padding:0 6px 0 0;text-align:left;font-size:8.5pt}
        .share{margin:4px 0}
        table{border-collapse:collapse}
        th,td{border:1px solid #bdbdbd;padding:2px 6px;text-align:left}
        td.n{text-align:right}
        td.pass{color:#fff;background:#2e7d32}td.fail{color:#fff;background:#c62828}
        .chart text{font-size:11px;fill:#212121}.chart .tick{fill:#757575;font-size:10px}
        .chart rect.pass{fill:#43a047}.chart rect.fail{fill:#e53935}
        .chart line.target{stroke:#212121;stroke-dasharray:4 3}
        .missing{color:#b71c1c}
        .note{color:#555}
        @page{size:A4 landscape;margin:10mm}
        @media print{
          body{margin:0;font-size:9pt}
          #map{height:145mm;min-height:0}
          .map-page{page-break-after:always}
          .leaflet-control-zoom{display:none}
          h2{page-break-after:avoid}
          .chart{page-break-inside:avoid}
          tr{page-break-inside:avoid}
          thead{display:table-header-group}
          td.pass,td.fail{-webkit-print-color-adjust:exact;print-color-adjust:exact}
          .leaflet-pane,.swatch,.chart{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }
        """
}
