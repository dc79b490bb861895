import Foundation

/// An Excel workbook written by hand, cell by cell, for what GDAL's writer cannot make: a title
/// block above the headers, merged cells, several sheets. Zipped by Info-ZIP's `zip`.
public struct Workbook {
    public struct Sheet {
        public let name: String
        /// Rows of cells; numbers are written as numbers, other text as text, "" as no cell. A
        /// row without any cell is left out, as Excel leaves out blank rows.
        public let rows: [[String]]
        /// Cell ranges shown as one, such as "A1:F1" for a title across the form.
        public let merged: [String]

        public init(_ name: String, rows: [[String]], merged: [String] = []) {
            self.name = name
            self.rows = rows
            self.merged = merged
        }
    }

    public let sheets: [Sheet]

    public init(_ sheets: [Sheet]) { self.sheets = sheets }

    /// Writes the workbook to `name` inside `folder` and returns its path.
    @discardableResult
    public func write(to name: String, in folder: URL) throws -> String {
        let parts = folder.appendingPathComponent("\(name).parts")
        defer { try? FileManager.default.removeItem(at: parts) }
        let sheetFiles = sheets.indices.map { "xl/worksheets/sheet\($0 + 1).xml" }
        var files = [
            "[Content_Types].xml": """
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                \(sheetFiles.map { "<Override PartName=\"/\($0)\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())\
                </Types>
                """,
            "_rels/.rels": """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
                </Relationships>
                """,
            "xl/workbook.xml": """
                <?xml version="1.0" encoding="UTF-8"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
                \(sheets.enumerated().map { "<sheet name=\"\(escaped($1.name))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined())\
                </sheets></workbook>
                """,
            "xl/_rels/workbook.xml.rels": """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                \(sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined())\
                </Relationships>
                """,
        ]
        for (sheet, file) in zip(sheets, sheetFiles) { files[file] = xml(sheet) }
        for (file, text) in files {
            let url = parts.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let path = folder.appendingPathComponent(name).path
        let zipped = try TestSupport.run("/usr/bin/zip", ["-q", "-X", "-r", path] + files.keys.sorted(), in: parts)
        guard zipped.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSDebugDescriptionErrorKey: zipped.stderr]) }
        return path
    }

    private func xml(_ sheet: Sheet) -> String {
        let columns = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let rows = sheet.rows.enumerated().compactMap { number, cells -> String? in
            let written = cells.enumerated().filter { !$1.isEmpty }.map { column, text in
                let reference = "\(columns[column])\(number + 1)"
                return Double(text) != nil ? "<c r=\"\(reference)\"><v>\(text)</v></c>"
                    : "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(escaped(text))</t></is></c>"
            }
            return written.isEmpty ? nil : "<row r=\"\(number + 1)\">\(written.joined())</row>"
        }
        let merged = sheet.merged.isEmpty ? ""
            : "<mergeCells count=\"\(sheet.merged.count)\">\(sheet.merged.map { "<mergeCell ref=\"\($0)\"/>" }.joined())</mergeCells>"
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\(rows.joined())</sheetData>\(merged)</worksheet>
            """
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
