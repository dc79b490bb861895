/// A table for the terminal: columns of figures right-aligned, the others left-aligned, widths
/// measured as a terminal shows them (Chinese characters take two cells).
public struct TextTable {
    public var header: [String]
    public var rows: [[String]]
    /// Sets the last row off with a rule, as a total.
    public var totalRow: Bool

    public init(header: [String], rows: [[String]], totalRow: Bool = false) {
        self.header = header
        self.rows = rows
        self.totalRow = totalRow
    }

    /// The same table for programs: RFC 4180, plain UTF-8.
    public var csv: String {
        ([header] + rows).map { $0.map(CSV.field).joined(separator: ",") + "\r\n" }.joined()
    }

    public var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { Self.width($0[column]) }.max() ?? 0 }
        let numeric = header.indices.map { column in
            column > 0 && rows.allSatisfy { row in
                row[column].isEmpty || row[column] == "–" || row[column].first.map { $0.isNumber || "+-≥>".contains($0) } == true
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - Self.width(cell))
                return numeric[column] ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
        let rule = String(repeating: "─", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        var lines = [line(header), rule] + rows.map(line)
        if totalRow, rows.count > 1 { lines.insert(rule, at: lines.count - 1) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Terminal cells taken by `text`: two for East Asian wide characters, one otherwise.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            let value = scalar.value
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
            return sum + (wide ? 2 : 1)
        }
    }
}
