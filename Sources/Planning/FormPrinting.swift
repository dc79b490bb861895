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
        let levels = headers.contains { if case .group = $0 { true } else { false } } ? 2 : 1
        let firstHeaderRow = row
        var column = 0
        for header in headers {
            switch header {
            case let .column(name):
                cells.append(.init(row, column, rows: levels, .text(name), .header))
                column += 1
            case let .group(group, names):
                cells.append(.init(row, column, columns: names.count, .text(group), .header))
                for (offset, name) in names.enumerated() { cells.append(.init(row + 1, column + offset, .text(name), .header)) }
                column += names.count
            }
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

    /// Each column as wide as its widest entry, and wide enough that its header wraps onto no more
    /// than two lines; never narrower than a four-character county name.
    private func columnWidths() -> [Double] {
        let names = headers.flatMap { header -> [String] in
            switch header {
            case let .column(name): [name]
            case let .group(_, names): names
            }
        }
        return names.indices.map { column in
            let entries = rows.map { PrintedSheet.displayWidth($0[column].text) }.max() ?? 0
            let header = (PrintedSheet.displayWidth(names[column]) / 2).rounded(.up)
            return min(max(entries, header, 8) + 2, 40)
        }
    }
}
