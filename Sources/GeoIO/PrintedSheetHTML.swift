extension PrintedSheet {
    /// The sheet as a web page that prints as the form does: A4 landscape, the title and lines
    /// around a ruled table with the same merged headers, the header rows repeated on every page.
    public var html: String {
        func escaped(_ text: String) -> String {
            MarkupText.escaped(text).replacingOccurrences(of: "\n", with: "<br>")
        }
        func text(_ cell: Cell) -> String {
            switch (cell.value, cell.part) {
            case let (.text(text), _): escaped(text)
            case let (.number(number), .figure(decimals)): String(format: "%.\(decimals)f", number)
            case let (.number(number), _): String(number)
            }
        }
        let starts = Dictionary(grouping: cells, by: \.row)
        let tableRows = Set(cells.filter(\.isRuled).map(\.row))
        var before: [String] = [], table: [String] = [], after: [String] = []
        for row in 0..<rowCount {
            let here = (starts[row] ?? []).sorted { $0.column < $1.column }
            if tableRows.contains(row) {
                let tag = headerRows.contains(row) ? "th" : "td"
                table.append("<tr>" + here.map { cell in
                    let span = (cell.rows > 1 ? " rowspan=\"\(cell.rows)\"" : "") + (cell.columns > 1 ? " colspan=\"\(cell.columns)\"" : "")
                    let figure = if case .figure = cell.part { " class=\"n\"" } else { "" }
                    return "<\(tag)\(span)\(figure)>\(text(cell))</\(tag)>"
                }.joined() + "</tr>")
            } else {
                let line = here.contains { $0.part == .title } ? "<h1>\(here.map(text).joined())</h1>"
                    : "<div class=\"line\">" + here.map { "<span>\(text($0))</span>" }.joined() + "</div>"
                if table.isEmpty { before.append(line) } else { after.append(line) }
            }
        }
        let headerCount = headerRows.count
        let title = cells.first { $0.part == .title }.map(text) ?? name
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>\(title)</title>
            <style>
            @page{size:A4 landscape;margin:10mm}
            body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;font-size:10.5pt}
            h1{text-align:center;font-size:16pt;margin:0 0 6pt}
            .line{display:flex;justify-content:space-between;gap:2em;margin:3pt 0}
            table{border-collapse:collapse;width:100%}
            th,td{border:1px solid #000;padding:2pt 4pt;text-align:center}
            td.n{text-align:right}
            thead{display:table-header-group}
            tr{page-break-inside:avoid}
            </style>
            </head><body>
            \(before.joined(separator: "\n"))
            <table><thead>
            \(table.prefix(headerCount).joined(separator: "\n"))
            </thead><tbody>
            \(table.dropFirst(headerCount).joined(separator: "\n"))
            </tbody></table>
            \(after.joined(separator: "\n"))
            </body></html>

            """
    }
}
