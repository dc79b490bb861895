/// A sheet laid out for printing, as an office's form is: cells on a grid, some merged over
/// several rows or columns, each with its part in the form (the title, a line above or below the
/// table, a header, an entry, a figure with its decimals), the columns' widths, and the header
/// rows that repeat at the top of every printed page. Written as XLSX (`writeXLSX`) and HTML
/// (`html`).
public struct PrintedSheet: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case title
        /// A line outside the table: 填报单位（盖章）：, notes, 填表人：.
        case line
        case header
        case entry
        case figure(decimals: Int)

        /// Inside the table (ruled), as opposed to the title and the lines around it.
        public var isRuled: Bool { self != .title && self != .line }
    }

    public enum Value: Sendable, Equatable {
        case text(String)
        case number(Double)
    }

    public struct Cell: Sendable, Equatable {
        public var row: Int
        public var column: Int
        public var rows: Int
        public var columns: Int
        public var value: Value
        public var part: Part

        public init(_ row: Int, _ column: Int, rows: Int = 1, columns: Int = 1, _ value: Value, _ part: Part) {
            (self.row, self.column, self.rows, self.columns, self.value, self.part) = (row, column, rows, columns, value, part)
        }

        public var isRuled: Bool { part.isRuled }
    }

    public var name: String
    public var cells: [Cell]
    /// In characters of the default font; a CJK character is two.
    public var columnWidths: [Double]
    /// The rows repeated at the top of every printed page: the table's headers.
    public var headerRows: ClosedRange<Int>

    public init(name: String, cells: [Cell], columnWidths: [Double], headerRows: ClosedRange<Int>) {
        (self.name, self.cells, self.columnWidths, self.headerRows) = (name, cells, columnWidths, headerRows)
    }

    public var rowCount: Int { cells.map { $0.row + $0.rows }.max() ?? 0 }
    public var columnCount: Int { columnWidths.count }

    /// How wide a text is on paper, in characters of the default font: CJK characters and
    /// full-width punctuation take two.
    public static func displayWidth(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { width, scalar in width + (scalar.value >= 0x1100 ? 2 : 1) }
    }

    /// The lines a cell's text needs at its merged width, for the row heights of wrapped text.
    func lines(of cell: Cell) -> Int {
        guard case let .text(text) = cell.value, !text.isEmpty else { return 1 }
        let width = columnWidths[cell.column..<min(cell.column + cell.columns, columnWidths.count)].reduce(0, +)
        let explicit = text.split(separator: "\n", omittingEmptySubsequences: false)
        return explicit.map { Swift.max(1, Int((Self.displayWidth(String($0)) / Swift.max(width - 1, 1)).rounded(.up))) }.reduce(0, +)
    }
}
