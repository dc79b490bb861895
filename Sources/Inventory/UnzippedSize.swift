import Foundation
import GeoIO

/// How large a zip archive — an XLSX, ODS or KMZ — says its files are unzipped, read from its
/// central directory without unzipping anything: a few kilobytes of an uploaded workbook can
/// unzip to gigabytes (a zip bomb), which GDAL would then read.
public enum UnzippedSize {
    /// Far more than the largest workbook of a city's survey, far less than a machine's memory.
    public static let defaultLimit: Int64 = 512 << 20

    /// Refuses a zip file (any file beginning as one) whose files would take more than `limit`
    /// bytes unzipped, or whose central directory cannot be read, or that is a ZIP64 archive,
    /// whose sizes are not checked here (no survey needs 4 GB).
    public static func refuse(_ path: String, beyond limit: Int64) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        guard try handle.read(upToCount: 4) == Data("PK\u{3}\u{4}".utf8) else { return }
        let size = try handle.seekToEnd()
        let tailStart = size > 65_557 ? size - 65_557 : 0
        try handle.seek(toOffset: tailStart)
        let tail = [UInt8](try handle.readToEnd() ?? Data())
        func unreadable(_ why: String) -> Error { GeoIOError.unreadable(path, reason: "not a zip archive habitat reads: \(why)") }
        // The end-of-central-directory record, at the end behind a comment of at most 64 KB.
        guard tail.count >= 22, let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: {
            tail[$0] == 0x50 && tail[$0 + 1] == 0x4b && tail[$0 + 2] == 5 && tail[$0 + 3] == 6
        }) else { throw unreadable("no central directory") }
        func number(_ bytes: [UInt8], _ at: Int, _ width: Int) -> UInt64 {
            (0..<width).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) }
        }
        let entries = number(tail, end + 10, 2), directorySize = number(tail, end + 12, 4), directoryOffset = number(tail, end + 16, 4)
        guard entries != 0xFFFF, directorySize != 0xFFFF_FFFF, directoryOffset != 0xFFFF_FFFF else { throw unreadable("a ZIP64 archive") }
        guard directoryOffset + directorySize <= size else { throw unreadable("its central directory lies past its end") }
        try handle.seek(toOffset: directoryOffset)
        let directory = [UInt8](try handle.read(upToCount: Int(directorySize)) ?? Data())
        var total: Int64 = 0, at = 0
        for _ in 0..<entries {
            guard at + 46 <= directory.count, number(directory, at, 4) == 0x0201_4b50 else { throw unreadable("a broken central directory") }
            let unzipped = number(directory, at + 24, 4)
            guard unzipped != 0xFFFF_FFFF else { throw unreadable("a ZIP64 archive") }
            total += Int64(unzipped)
            if total > limit { throw InventoryError.unzipsTooLarge(path, size: total, limit: limit) }
            at += 46 + Int(number(directory, at + 28, 2) + number(directory, at + 30, 2) + number(directory, at + 32, 2))
        }
    }
}
