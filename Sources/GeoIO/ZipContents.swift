import CGDAL
import Foundation

/// What a zip archive unzips to, counted by unzipping it through GDAL's own zip reader (the one
/// that will read the file after): not the sizes its headers claim, which a hostile file sets as
/// it likes, and wherever GDAL finds the archive (behind bytes prepended to it too).
public enum ZipContents {
    /// The bytes the archive's files unzip to, counted in 64 KB pieces and never held; the count
    /// stops as soon as it passes `limit` (the number returned is then past it, not the whole).
    /// Zero for a file GDAL does not read as a zip.
    public static func unzippedBytes(_ path: String, stoppingPast limit: Int64) -> Int64 {
        GDAL.ready
        let root = "/vsizip/" + path
        guard let list = VSIReadDirRecursive(root) else { return 0 }
        defer { CSLDestroy(list) }
        var total: Int64 = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var index = 0
        while let name = list[index] {
            index += 1
            let entry = root + "/" + String(cString: name)
            // A folder opens as no file.
            guard let file = VSIFOpenL(entry, "rb") else { continue }
            defer { VSIFCloseL(file) }
            while case let count = VSIFReadL(&chunk, 1, chunk.count, file), count > 0 {
                total += Int64(count)
                if total > limit { return total }
            }
        }
        return total
    }
}
