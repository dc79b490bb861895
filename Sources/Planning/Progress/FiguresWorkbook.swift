import Foundation
import GeoIO
import Inventory

/// The workbook counties fill their month's figures in: one sheet per form that takes entered
/// figures (greening, housing), laid out as the form prints, its figure cells blank. Read back by
/// `read`, which refuses anything but figures in the figure cells.
public enum FiguresWorkbook {
    /// The forms with figures to enter.
    public static let forms: [MonthlyForm] = [.greening, .housing]

    /// The blank form: every reporting unit's row (greening), every kind of housing; —— where the
    /// form asks nothing, blank where a county writes or habitat counts.
    public static func template(_ form: MonthlyForm, _ period: ReportingPeriod) -> FormTable {
        let blank = FormTable.Cell.text("")
        switch form {
        case .housing:
            let rows = HousingLayout.rows.map { row in
                [.text(row.label)] + HousingLayout.columns.indices.map { row.open.contains($0) ? blank : .text("——") }
            }
            return FormTable(title: form.title, period: period, headers: MonthlyForm.housingHeaders, rows: rows,
                             above: [FormTable.Line("县（市、区）："), FormTable.Line("盖章："), FormTable.Line("本表数据截至时间：", .periodEnd)],
                             foot: [FormTable.Line("负责人："), FormTable.Line("填报人："), FormTable.Line("联系电话：")])
        default:
            let rows = (Counties.reportingUnits.map(Counties.name(for:)) + ["合计"]).map { [FormTable.Cell.text($0)] + Array(repeating: blank, count: 9) }
            return FormTable(title: form.title, period: period, headers: MonthlyForm.greeningHeaders, rows: rows,
                             above: [FormTable.Line("县（市、区）（公章）：")])
        }
    }

    /// Writes the blank forms for `period`, one sheet each.
    public static func writeTemplate(to path: String, period: ReportingPeriod) throws {
        try PrintedSheet.writeXLSX(forms.map { template($0, period).printed(FormSignature()) }, to: path)
    }

    /// One figure read from a sheet.
    public struct Figure: Sendable, Equatable {
        public let district: String
        public let key: String
        public let value: FigureValue
    }

    /// The figures of a filled workbook and the month it is for: `month` if given, else the one its
    /// period line names (both given must agree). `district` limits it to one county: the housing
    /// sheet is that county's (it needs one), and the greening sheet may hold only its row. Every
    /// problem found is listed, naming sheet, row and column; any problem refuses the whole file.
    public static func read(_ path: String, district: String?, month: ReportingPeriod?) throws -> (period: ReportingPeriod, figures: [Figure]) {
        var problems: [String] = []
        var figures: [Figure] = []
        var period = month
        for form in forms {
            let expected = template(form, month ?? ReportingPeriod(year: 2000, month: 1)).printed(FormSignature())
            let grid: [[AttributeValue]]
            do { grid = try cells(path, sheet: expected.name) } catch {
                problems.append("no sheet \(expected.name) (write the form with habitat template figures)")
                continue
            }
            let sheet = Sheet(name: expected.name, grid: grid)
            // The headers where the template puts them, or this is not the form.
            let headers = expected.cells.compactMap { cell -> (row: Int, column: Int, text: String)? in
                guard cell.part == .header, case let .text(text) = cell.value else { return nil }
                return (cell.row, cell.column, text.filter { !$0.isWhitespace })
            }
            if let wrong = headers.first(where: { sheet.text($0.row, $0.column).filter { !$0.isWhitespace } != $0.text }) {
                problems.append("\(sheet.place(wrong.row, wrong.column)): '\(sheet.text(wrong.row, wrong.column))' where the form has '\(wrong.text)'; fill the form habitat template figures writes")
                continue
            }
            if let line = (0..<grid.count).lazy.compactMap({ sheet.text($0, 0).hasPrefix("统计期间") ? sheet.text($0, 0) : nil }).first,
               let named = periodNamed(in: line) {
                if let given = period, given != named {
                    problems.append("sheet \(sheet.name): the form is for \(named.name), not \(given.name) as --month says")
                }
                period = period ?? named
            }
            // A formula nothing has calculated reads as blank: refuse it rather than lose the figure.
            problems += UncachedFormulas.cells(path, sheet: expected.name).map { address in
                let letters = address.prefix { $0.isLetter }
                return "sheet \(sheet.name), row \(address.dropFirst(letters.count)), column \(letters): a formula with no value calculated; "
                    + "type the number, or open and save the workbook in Excel or WPS so that it calculates"
            }
            let firstRow = expected.headerRows.upperBound + 1
            let read = form == .housing ? housing(sheet, from: firstRow, district: district) : greening(sheet, from: firstRow, district: district)
            figures += read.figures
            problems += read.problems
        }
        guard let period else {
            throw FiguresImportError(file: path, problems: problems + ["the form names no month in its 统计期间 line: give one with --month YYYY-MM"])
        }
        guard problems.isEmpty else { throw FiguresImportError(file: path, problems: problems) }
        return (period, figures)
    }

    /// A sheet's cells, row by row as a person counts them from 1.
    struct Sheet {
        let name: String
        let grid: [[AttributeValue]]

        func value(_ row: Int, _ column: Int) -> AttributeValue {
            row < grid.count && column < grid[row].count ? grid[row][column] : .null
        }

        func text(_ row: Int, _ column: Int) -> String { value(row, column).description.trimmingCharacters(in: .whitespacesAndNewlines) }

        func place(_ row: Int, _ column: Int, header: String? = nil) -> String {
            "sheet \(name), row \(row + 1), column \(Self.letter(column))" + (header.map { " (\($0))" } ?? "")
        }

        static func letter(_ column: Int) -> String {
            column < 26 ? String(UnicodeScalar(65 + column)!) : letter(column / 26 - 1) + letter(column % 26)
        }

        /// A cell's figure: nil where blank or ——, else its number or words as `key` takes them.
        func figure(_ row: Int, _ column: Int, _ key: FigureKey, header: String) throws -> FigureValue? {
            do {
                switch (key.kind, value(row, column)) {
                case let (.count, .real(number)), let (.amount, .real(number)): try key.check(.number(number)); return .number(number)
                default: return try key.parse(text(row, column))
                }
            } catch { throw Problem(text: "\(place(row, column, header: header)): \(error)") }
        }

        /// A cell the form fills itself must stay blank.
        func mustBeBlank(_ row: Int, _ column: Int, header: String, why: String) -> String? {
            let text = text(row, column)
            return text.isEmpty || text == "——" ? nil : "\(place(row, column, header: header)): '\(text)' in a cell \(why); leave it blank"
        }
    }

    struct Problem: Error { let text: String }

    private static func greening(_ sheet: Sheet, from firstRow: Int, district: String?) -> (figures: [Figure], problems: [String]) {
        let columns = MonthlyForm.greeningHeaders.flatMap(\.columns)
        let entered: [(column: Int, key: FigureKey)] = [(1, FigureKey.greening[0]), (2, FigureKey.greening[1]), (3, FigureKey.greening[2])]
        var figures: [Figure] = [], problems: [String] = []
        var row = firstRow
        while row < sheet.grid.count, sheet.text(row, 0) != "合计" {
            defer { row += 1 }
            let name = sheet.text(row, 0)
            let values = entered.map { column, key in Result { try sheet.figure(row, column, key, header: columns[column]) } }
            let blanks = (4..<columns.count).compactMap { column in
                sheet.mustBeBlank(row, column, header: columns[column],
                                  why: column == 4 ? "habitat adds up from the months entered" : "habitat counts from the inventory")
            }
            let filled = values.contains { (try? $0.get()) != nil } || values.contains { if case .failure = $0 { true } else { false } }
            guard filled || !blanks.isEmpty else { continue }
            guard !name.isEmpty, let code = Counties.code(for: name) else {
                problems.append("\(sheet.place(row, 0, header: columns[0])): " + (name.isEmpty ? "figures without a county" : "unknown county '\(name)'")
                                + " (counties: \(Counties.reportingUnits.map(Counties.name(for:)).joined(separator: ", ")))")
                continue
            }
            if let district, district != code {
                problems.append("\(sheet.place(row, 0, header: columns[0])): figures of \(name), but --district names \(Counties.name(for: district))")
                continue
            }
            problems += blanks
            for (value, (_, key)) in zip(values, entered) {
                switch value {
                case let .success(figure?): figures.append(Figure(district: code, key: key.key, value: figure))
                case .success(nil): break
                case let .failure(error): problems.append((error as? Problem)?.text ?? "\(error)")
                }
            }
        }
        if row >= sheet.grid.count { problems.append("sheet \(sheet.name): no 合计 row closing the table") }
        return (figures, problems + (0..<columns.count).dropFirst().compactMap { column in
            row < sheet.grid.count ? sheet.mustBeBlank(row, column, header: columns[column], why: "habitat adds up") : nil
        })
    }

    private static func housing(_ sheet: Sheet, from firstRow: Int, district: String?) -> (figures: [Figure], problems: [String]) {
        let columns = MonthlyForm.housingHeaders.flatMap(\.columns)
        var figures: [Figure] = [], problems: [String] = []
        // The rows in the form's order, each under its own label.
        for (offset, layout) in HousingLayout.rows.enumerated() {
            let row = firstRow + offset
            let label = sheet.text(row, 0)
            guard label.filter({ !$0.isWhitespace }) == layout.label else {
                problems.append("\(sheet.place(row, 0, header: columns[0])): '\(label)' where the form has row '\(layout.label)'")
                continue
            }
            let cells = (1..<columns.count).filter { !sheet.text(row, $0).isEmpty }
            for column in cells {
                let index = column - 1, header = columns[column]
                if !layout.open.contains(index) {
                    if let problem = sheet.mustBeBlank(row, column, header: header, why: "the form does not ask for") { problems.append(problem) }
                } else if layout.summed(index) {
                    if let problem = sheet.mustBeBlank(row, column, header: header, why: "habitat adds up from the rows below") { problems.append(problem) }
                } else {
                    let key = FigureKey.named(HousingLayout.key(layout, HousingLayout.columns[index]))!
                    do {
                        guard let value = try sheet.figure(row, column, key, header: header) else { continue }
                        guard let district else {
                            problems.append("sheet \(sheet.name): the housing form is one county's: name it with --district")
                            return ([], problems)
                        }
                        figures.append(Figure(district: district, key: key.key, value: value))
                    } catch { problems.append((error as? Problem)?.text ?? "\(error)") }
                }
            }
        }
        return (figures, problems)
    }

    /// The month a period line names by its end: "…至2018年3月25日；…" is 2018-03.
    static func periodNamed(in line: String) -> ReportingPeriod? {
        guard let range = line.range(of: #"至(\d{4})年(\d{1,2})月25日"#, options: .regularExpression) else { return nil }
        let numbers = line[range].split { !$0.isNumber }.compactMap { Int($0) }
        return numbers.count == 3 ? ReportingPeriod(year: numbers[0], month: numbers[1]) : nil
    }

    /// The sheet's cells as OGR reads them with no header row: row by row, blank rows kept.
    static func cells(_ path: String, sheet: String) throws -> [[AttributeValue]] {
        let layer = try VectorReader.read(path, layer: sheet, headers: false)
        // OGR names the columns Field1, Field2, … after their letters, in the order it met them.
        let columns = layer.fields.map { Int($0.name.dropFirst("Field".count)).map { $0 - 1 } }
        let width = (columns.compactMap { $0 }.max() ?? -1) + 1
        return layer.features.map { feature in
            var row = Array(repeating: AttributeValue.null, count: width)
            for (column, value) in zip(columns, feature.values) { if let column { row[column] = value } }
            return row
        }
    }
}

/// A filled figures workbook refused, every problem listed.
public struct FiguresImportError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let problems: [String]

    public var description: String {
        "\(file): \(problems.count) problem(s), nothing imported:\n  " + problems.joined(separator: "\n  ")
    }
}
