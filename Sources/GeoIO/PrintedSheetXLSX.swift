import CXLSXWriter
import Foundation

extension PrintedSheet {
    /// Writes the sheet as an Excel workbook ready to print and stamp: merged headers, ruled
    /// table, wrapped text, figures as numbers with their decimals, A4 landscape fitted to one
    /// page wide with the header rows on every page. Text is always written as text: a cell that
    /// begins with "=" is never a formula.
    public func writeXLSX(to path: String) throws {
        try Self.writeXLSX([self], to: path)
    }

    /// Writes the sheets into one workbook, one worksheet each, in order.
    public static func writeXLSX(_ sheets: [PrintedSheet], to path: String) throws {
        guard let workbook = workbook_new(path) else { throw GeoIOError.writeFailed(path, reason: "cannot create the workbook") }
        var closed = false
        defer { if !closed { workbook_close(workbook) } }
        let formats = Formats(workbook)
        for printed in sheets {
            guard let sheet = workbook_add_worksheet(workbook, printed.name) else {
                throw GeoIOError.writeFailed(path, reason: "cannot add the sheet \(printed.name)")
            }
            try printed.write(into: sheet, formats: formats, path: path)
        }
        closed = true
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else {
            throw GeoIOError.writeFailed(path, reason: String(cString: lxw_strerror(result)))
        }
    }

    private func write(into sheet: UnsafeMutablePointer<lxw_worksheet>, formats: Formats, path: String) throws {
        for (column, width) in columnWidths.enumerated() {
            worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil)
        }
        for row in 0..<rowCount {
            // Rows are as tall as their wrapped text; a spreadsheet does not work that out itself.
            let tallest = cells.filter { $0.row <= row && row < $0.row + $0.rows }
                .map { (lines(of: $0) + $0.rows - 1) / $0.rows }.max() ?? 1
            let title = cells.contains { $0.row == row && $0.part == .title }
            worksheet_set_row(sheet, lxw_row_t(row), title ? 30 : Double(max(tallest, 1)) * 15 + 3, nil)
        }
        for cell in cells {
            let format = formats.for(cell.part)
            let (row, column) = (lxw_row_t(cell.row), lxw_col_t(cell.column))
            let result: lxw_error
            if cell.rows > 1 || cell.columns > 1 {
                result = worksheet_merge_range(sheet, row, column, lxw_row_t(cell.row + cell.rows - 1),
                                               lxw_col_t(cell.column + cell.columns - 1), "", format)
                try Self.check(result, path, cell)
            }
            switch cell.value {
            case let .text(text): try Self.check(worksheet_write_string(sheet, row, column, text, format), path, cell)
            case let .number(number): try Self.check(worksheet_write_number(sheet, row, column, number, format), path, cell)
            }
        }
        worksheet_set_landscape(sheet)
        worksheet_set_paper(sheet, 9)  // A4
        worksheet_set_margins(sheet, 0.4, 0.4, 0.5, 0.5)
        worksheet_center_horizontally(sheet)
        worksheet_fit_to_pages(sheet, 1, 0)
        worksheet_repeat_rows(sheet, lxw_row_t(headerRows.lowerBound), lxw_row_t(headerRows.upperBound))
    }

    private static func check(_ result: lxw_error, _ path: String, _ cell: Cell) throws {
        guard result == LXW_NO_ERROR else { throw failure(path, cell, result) }
    }

    private static func failure(_ path: String, _ cell: Cell, _ result: lxw_error) -> GeoIOError {
        .writeFailed(path, reason: "row \(cell.row + 1), column \(cell.column + 1): \(String(cString: lxw_strerror(result)))")
    }

    /// One cell format for each part of a form, and one for each number of decimals.
    private final class Formats {
        let workbook: UnsafeMutablePointer<lxw_workbook>
        var made: [String: UnsafeMutablePointer<lxw_format>] = [:]

        init(_ workbook: UnsafeMutablePointer<lxw_workbook>) { self.workbook = workbook }

        func `for`(_ part: Part) -> UnsafeMutablePointer<lxw_format> {
            let key = "\(part)"
            if let format = made[key] { return format }
            let format = workbook_add_format(workbook)!
            format_set_text_wrap(format)
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
            switch part {
            case .title:
                format_set_bold(format)
                format_set_font_size(format, 16)
                format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
            case .line:
                format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
            case .header:
                format_set_bold(format)
                format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
            case .entry:
                format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
            case let .figure(decimals):
                format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
                format_set_num_format(format, decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals))
            }
            if part.isRuled { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
            made[key] = format
            return format
        }
    }
}
