import Foundation
import GeoIO

/// How large an uploaded zip archive — an XLSX, ODS, KMZ, zipped shapefile — is unzipped: a few
/// kilobytes of a workbook can unzip to gigabytes (a zip bomb), which GDAL would then read. The
/// archive is judged by its extension, as GDAL picks its reader by it, and measured by unzipping
/// it through GDAL's own zip reader (`ZipContents`), whatever its headers claim.
public enum UnzippedSize {
    /// Far more than the largest workbook of a city's survey, far less than a machine's memory.
    public static let defaultLimit: Int64 = 512 << 20
    /// The extensions GDAL opens as zip archives.
    static let zipExtensions: Set<String> = ["xlsx", "ods", "kmz", "zip", "shz"]

    /// Refuses a file GDAL would open as a zip whose files unzip to more than `limit` bytes.
    public static func refuse(_ path: String, beyond limit: Int64) throws {
        guard zipExtensions.contains((path as NSString).pathExtension.lowercased()) else { return }
        let size = ZipContents.unzippedBytes(path, stoppingPast: limit)
        if size > limit { throw InventoryError.unzipsTooLarge(path, size: size, limit: limit) }
    }
}
