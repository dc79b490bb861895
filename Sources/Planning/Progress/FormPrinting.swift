import GeoIO

extension FormTable {
    /// The form on the grid it is printed on: the title and the period line across the top, the
    /// lines above the table side by side, the headers (a group's name merged over its columns, a
    /// single column's name merged down through both levels), the rows, the notes, the signature.
    public func printed(_ signature: FormSignature) -> PrintedSheet {
        let width = columns.count
        var cells: [PrintedSheet.Cell] = []
        var row = 0
        func across(_ text: String, _ part: PrintedSheet.Part) {
            cells.append(.init(row, 0, columns: width, .text(text), part))
            row += 1
        }
        /// Lines side by side, the width shared out among them.
        func sideBySide(_ lines: [Line]) {
            guard !lines.isEmpty else { return }
            var column = 0
            for (index, line) in lines.enumerated() {
                let span = index == lines.count - 1 ? width - column : max(1, width / lines.count)
                cells.append(.init(row, column, columns: span, .text(signature.text(line, period: period)), .line))
                column += span
            }
            row += 1
        }

        across(title, .title)
        across(periodLine, .line)
        sideBySide(above)
        let levels = headerLevels
        let firstHeaderRow = row
        /// A column's name merged down to the last header row; a group's merged over its columns, its own below it.
        func place(_ header: Header, row: Int, column: Int) {
            let children = header.children
            if children.isEmpty {
                cells.append(.init(row, column, rows: firstHeaderRow + levels - row, .text(Self.broken(header.name)), .header))
                return
            }
            cells.append(.init(row, column, columns: header.columns.count, .text(Self.broken(header.name)), .header))
            var next = column
            for child in children {
                place(child, row: row + 1, column: next)
                next += child.columns.count
            }
        }
        var column = 0
        for header in headers {
            place(header, row: row, column: column)
            column += header.columns.count
        }
        row += levels
        for values in rows {
            for (column, value) in values.enumerated() {
                switch value {
                case let .text(text): cells.append(.init(row, column, .text(text), .entry))
                case let .number(_, decimals): cells.append(.init(row, column, .number(value.shown!), .figure(decimals: decimals)))
                }
            }
            row += 1
        }
        for note in notes { across(note, .line) }
        sideBySide(foot)
        return PrintedSheet(name: String(title.prefix(31)), cells: cells, columnWidths: columnWidths(),
                            headerRows: firstHeaderRow...(firstHeaderRow + levels - 1))
    }

    /// A header with its bracketed unit or note on a line of its own, as the originals print
    /// 绿化投资完成情况 over （单位：万元）; a short one ("县（市、区）") stays whole.
    static func broken(_ header: String) -> String {
        guard let open = header.firstIndex(of: "（"), PrintedSheet.displayWidth(String(header[..<open])) >= 8 else { return header }
        return header[..<open] + "\n" + header[open...]
    }

    /// The width a header needs: its widest line, a long line wrapped in two.
    private static func width(of header: String) -> Double {
        broken(header).split(separator: "\n").map { line in
            let width = PrintedSheet.displayWidth(String(line))
            return width > 12 ? (width / 2).rounded(.up) + 2 : width
        }.max() ?? 0
    }

    /// Each column as wide as its widest entry and its header (a group's shared out over its
    /// columns), never narrower than a four-character county name, with room for the margins
    /// and for fonts wider than the estimate.
    private func columnWidths() -> [Double] {
        /// A column as wide as its name; a group's columns widened together where its name needs more.
        func named(_ header: Header) -> [Double] {
            let children = header.children
            if children.isEmpty { return [max(Self.width(of: header.name), 8)] }
            var own = children.flatMap(named)
            let shortfall = Self.width(of: header.name) - own.reduce(0, +)
            if shortfall > 0 { own = own.map { $0 + shortfall / Double(own.count) } }
            return own
        }
        let widths = headers.flatMap(named)
        return widths.indices.map { column in
            let entries = rows.map { PrintedSheet.displayWidth($0[column].text) }.max() ?? 0
            return min(max(entries, widths[column]) * 1.15 + 2, 40)
        }
    }
}
