import Foundation
import Testing
import TestSupport
@testable import GeoIO

/// A printed sheet written as XLSX, read back by openpyxl (an independent reader).
@Suite struct PrintedSheetTests {
    /// A title over three columns, a line, two header levels, a row of entries and figures.
    static let sheet = PrintedSheet(name: "表", cells: [
        .init(0, 0, columns: 3, .text("云南省旧厂区改造情况月报表"), .title),
        .init(1, 0, columns: 3, .text("填报单位（盖章）："), .line),
        .init(2, 0, rows: 2, .text("州（市）"), .header),
        .init(2, 1, columns: 2, .text("“旧厂区”普查"), .header),
        .init(3, 1, .text("累积完成量"), .header),
        .init(3, 2, .text("月调查增量"), .header),
        .init(4, 0, .text("=HYPERLINK(\"x\")"), .entry),
        .init(4, 1, .number(12), .figure(decimals: 0)),
        .init(4, 2, .number(2.345), .figure(decimals: 2)),
    ], columnWidths: [12, 10, 10], headerRows: 2...3)

    @Test func aSheetIsWrittenAsItWillBePrinted() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("form.xlsx").path
        try Self.sheet.writeXLSX(to: path)
        let script = try TestSupport.write(TestSupport.workbookReader, to: "read.py", in: folder)
        let run = try TestSupport.run(TestSupport.python, [script, path])
        try #require(run.status == 0, "\(run.stderr)")
        let read = try TestSupport.json(run.stdout)
        #expect(read["merged"] as? [String] == ["A1:C1", "A2:C2", "A3:A4", "B3:C3"])
        let cells = try #require(read["cells"] as? [String: [Any]])
        #expect(cells["A1"]?.first as? String == "云南省旧厂区改造情况月报表")
        #expect(cells["B3"]?.first as? String == "“旧厂区”普查" && cells["C4"]?.first as? String == "月调查增量")
        // Text is text, even when it looks like a formula; figures are numbers with the form's decimals.
        #expect(cells["A5"]?[0] as? String == "=HYPERLINK(\"x\")" && cells["A5"]?[1] as? String == "s")
        #expect(cells["B5"]?[0] as? Double == 12 && cells["B5"]?[1] as? String == "n" && cells["B5"]?[2] as? String == "0")
        #expect(cells["C5"]?[0] as? Double == 2.345 && cells["C5"]?[2] as? String == "0.00")
        #expect(!cells.values.contains { $0[1] as? String == "f" })
        #expect(read["orientation"] as? String == "landscape" && read["paper"] as? Int == 9)
        #expect(read["fitWidth"] as? Int == 1 && read["fitHeight"] as? Int == 0 && read["fit"] as? Bool == true)
        #expect(read["titles"] as? String == "$3:$4")
    }
}
