import Foundation
import GeoCore
import GeoIO

/// A filled form: its title, its Chinese headers in order, its rows, written as CSV (UTF-8 with
/// BOM, for Excel and WPS), XLSX (through GDAL) and HTML.
public struct FormTable: Sendable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A figure and the decimals it is shown with.
        case number(Double, Int)

        public var text: String {
            switch self {
            case let .text(text): text
            case let .number(value, decimals): Rounding.text(value, decimals)
            }
        }

        /// The figure as the form shows it, rounded to its decimals; nil for text.
        public var shown: Double? {
            guard case let .number(value, decimals) = self else { return nil }
            return Rounding.rounded(value, decimals)
        }
    }

    public let title: String
    public let period: ReportingPeriod
    public let headers: [String]
    public let rows: [[Cell]]

    /// The cell under `header` in row `row`.
    public func cell(_ row: Int, _ header: String) -> Cell? {
        headers.firstIndex(of: header).map { rows[row][$0] }
    }

    /// Writes `<name>.csv`, `<name>.xlsx` and `<name>.html` into `folder`, all or none.
    public func write(to folder: String, name: String) throws {
        // Columns of figures are numbers in the workbook, so that Excel and WPS can add them up.
        let numeric = headers.indices.map { column in
            rows.allSatisfy { row in
                if case .number = row[column] { return true }
                return row[column] == .text("")
            }
        }
        let layer = FeatureLayer(
            source: name, name: title,
            fields: headers.indices.map { Field(headers[$0], numeric[$0] ? .real : .string) },
            features: rows.map { row in
                Feature(values: row.indices.map { column in
                    guard numeric[column] else { return .string(row[column].text) }
                    return Double(row[column].text).map { .real($0) } ?? .null
                }, geometry: nil)
            },
            coordinateSystem: .crs(try CRS.wgs84))
        try StagedWrite.files(into: URL(fileURLWithPath: folder)) { staging in
            try VectorWriter.write(layer, to: staging.appendingPathComponent("\(name).csv").path)
            try VectorWriter.write(layer, to: staging.appendingPathComponent("\(name).xlsx").path)
            try Data(html.utf8).write(to: staging.appendingPathComponent("\(name).html"))
        }
    }

    public var html: String {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        /// "2017-12-26" as a form writes it: "2017年12月26日".
        func chinese(_ date: String) -> String {
            let parts = date.split(separator: "-").compactMap { Int($0) }
            return "\(parts[0])年\(parts[1])月\(parts[2])日"
        }
        let heading = "\(title)（\(period.year)年\(period.month)月）"
        let span = "统计期间：\(chinese(period.yearStart))至\(chinese(period.end))；本月：\(chinese(period.monthStart))至\(chinese(period.end))"
        let head = headers.map { "<th>\(escaped($0))</th>" }.joined()
        let body = rows.map { row in
            "<tr>" + row.map { cell -> String in
                if case .number = cell { return "<td class=\"n\">\(escaped(cell.text))</td>" }
                return "<td>\(escaped(cell.text))</td>"
            }.joined() + "</tr>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>\(escaped(heading))</title>
            <style>body{font-family:sans-serif}table{border-collapse:collapse}th,td{border:1px solid #888;padding:2px 6px}td.n{text-align:right}tr:last-child{font-weight:bold}</style>
            </head><body><h1>\(escaped(heading))</h1>
            <p>\(escaped(span))</p>
            <table><thead><tr>\(head)</tr></thead><tbody>
            \(body)
            </tbody></table></body></html>

            """
    }
}
