import Foundation

/// What the integration tests share: where things are, and running real programs.
public enum TestSupport {
    /// The package's root folder.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the project (the benchmark kit and the OSM extracts), when present.
    public static var shared: URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("bench").path) ? url : nil
    }

    /// The Python with geopandas that `make test` installs (`.venv`), or `HABITAT_PYTHON`.
    public static var python: String {
        ProcessInfo.processInfo.environment["HABITAT_PYTHON"] ?? root.appendingPathComponent(".venv/bin/python").path
    }

    /// The `habitat` executable built beside the test bundle.
    public static var habitat: String {
        let candidates = [Bundle.main.bundleURL.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("habitat").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "habitat"
    }

    public struct Run {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs a program to its end and captures what it printed.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> Run {
        try start(executable, arguments, in: directory).finish()
    }

    /// A program started and still running, its output being collected.
    public final class Started: @unchecked Sendable {
        let process = Process()
        private var output = Data(), errors = Data()
        private let readers = DispatchGroup()

        init(_ executable: String, _ arguments: [String], in directory: URL?) throws {
            process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
            process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
            if let directory { process.currentDirectoryURL = directory }
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            // Both pipes are drained while the program runs, so a full pipe cannot stall it.
            DispatchQueue.global().async(group: readers) { self.output = out.fileHandleForReading.readDataToEndOfFile() }
            DispatchQueue.global().async(group: readers) { self.errors = err.fileHandleForReading.readDataToEndOfFile() }
        }

        public var processIdentifier: Int32 { process.processIdentifier }
        public var isRunning: Bool { process.isRunning }

        /// Waits for the program to end.
        public func finish() -> Run {
            process.waitUntilExit()
            readers.wait()
            return Run(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                       stderr: String(decoding: errors, as: UTF8.self))
        }
    }

    public static func start(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> Started {
        try Started(executable, arguments, in: directory)
    }

    /// A new empty folder, removed by the caller when done.
    public static func temporaryFolder(_ name: String = "habitat-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes text to `name` inside `folder` and returns its path.
    @discardableResult
    public static func write(_ text: String, to name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Whether `a` and `b` agree to a relative `tolerance`.
    public static func close(_ a: Double, _ b: Double, relative tolerance: Double) -> Bool {
        a == b || abs(a - b) <= tolerance * max(abs(a), abs(b))
    }

    /// What a Python `script` prints, line by line, run on geometries given as WKB: the script finds
    /// them read by shapely in `geometries`, and `arguments` from `sys.argv[2]` on. A script that
    /// fails throws, with its error output.
    public static func shapely(_ script: String, wkb geometries: [[UInt8]], arguments: [String] = []) throws -> [String] {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hex = geometries.map { $0.map { String(format: "%02x", $0) }.joined() }.joined(separator: "\n")
        let path = try write(hex, to: "geometries.hex", in: folder)
        let command = ["-c", """
            import sys, shapely
            geometries = [shapely.from_wkb(bytes.fromhex(line)) for line in open(sys.argv[1]).read().split()]
            \(script)
            """, path] + arguments
        let run = try run(python, command)
        guard run.status == 0 else { throw CommandFailed(arguments: command, stderr: run.stderr) }
        return run.stdout.split(separator: "\n").map(String.init)
    }

    /// The bytes a hexadecimal text spells, as shapely's `to_wkb(…, hex=True)` prints them.
    public static func bytes(hex: some StringProtocol) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0...($0 + 1)], as: UTF8.self), radix: 16)! }
    }

    /// A JSON file's or text's top-level object.
    public static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    /// A new project holding the sample city of `geodata/`: each (layer, file) imported by the built
    /// `habitat`, which must succeed.
    public static func sampleProject(in folder: URL, layers: [(layer: String, file: String)], store: TestStore = .geoPackage) throws -> String {
        let path = try store.newProject(in: folder, name: "sample")
        let geodata = root.appendingPathComponent("geodata").path
        for arguments in [["init", path]] + layers.map({ ["import", path, $0.layer, "\(geodata)/\($0.file).geojson"] }) {
            let step = try run(habitat, arguments)
            guard step.status == 0 else { throw CommandFailed(arguments: arguments, stderr: step.stderr) }
        }
        return path
    }

    public struct CommandFailed: Error { public let arguments: [String]; public let stderr: String }

    /// A point transformed by GDAL's gdaltransform (an independent PROJ pipeline): longitude and
    /// latitude to EPSG:4544 by default.
    public static func gdalTransform(_ x: Double, _ y: Double, from source: String = "EPSG:4326",
                                     to target: String = "EPSG:4544") throws -> (Double, Double) {
        let transform = try run("/bin/sh", ["-c", "echo '\(x) \(y)' | gdaltransform -s_srs \(source) -t_srs \(target) -output_xy"])
        let numbers = transform.stdout.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard numbers.count == 2 else { throw GDALTransformFailed(output: transform.stdout + transform.stderr) }
        return (numbers[0], numbers[1])
    }

    public struct GDALTransformFailed: Error { public let output: String }

    /// A Python script (openpyxl, an independent reader) printing what a workbook's first sheet
    /// holds as JSON: merged ranges, every cell's value, type and number format, the page setup and
    /// the rows printed on every page.
    public static let workbookReader = """
        import json, sys, openpyxl
        book = openpyxl.load_workbook(sys.argv[1])
        sheet = book.worksheets[0]
        setup = sheet.page_setup
        # OOXML's default for an absent fitToWidth or fitToHeight is 1.
        fit = lambda value: 1 if value is None else int(value)
        cells = {c.coordinate: [c.value, c.data_type, c.number_format] for row in sheet.iter_rows() for c in row if c.value is not None}
        print(json.dumps({"merged": sorted(str(r) for r in sheet.merged_cells.ranges), "cells": cells,
            "orientation": setup.orientation, "paper": setup.paperSize,
            "fitWidth": fit(setup.fitToWidth), "fitHeight": fit(setup.fitToHeight),
            "fit": sheet.sheet_properties.pageSetUpPr.fitToPage, "titles": sheet.print_title_rows}, ensure_ascii=False))
        """
}
