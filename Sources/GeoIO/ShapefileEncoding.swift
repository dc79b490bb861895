import CGDAL
import Foundation

/// The encoding of a shapefile's text where the file does not name one: no .cpg beside it and no
/// code page in the DBF's language driver id. GDAL then hands over the bytes as they are, and
/// shapefiles from Chinese Windows are GBK more often than not.
enum ShapefileEncoding {
    /// GB18030 when a column name or a text value of the shapefile at `path` is not UTF-8, UTF-8
    /// when all are; nil when the file names its encoding or cannot be opened (the read that
    /// follows says why).
    static func detect(_ path: String) -> TextEncoding? {
        guard let dataset = GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil) else { return nil }
        defer { GDALClose(dataset) }
        guard GDALDatasetGetLayerCount(dataset) > 0, let layer = GDALDatasetGetLayer(dataset, 0),
              let stated = GDALGetMetadataItem(layer, "SOURCE_ENCODING", "SHAPEFILE"), String(cString: stated).isEmpty
        else { return nil }
        func isUTF8(_ text: UnsafePointer<CChar>) -> Bool { TextEncoding.detect(Data(bytes: text, count: strlen(text))) == .utf8 }
        let definition = OGR_L_GetLayerDefn(layer)
        let fields = (0..<OGR_FD_GetFieldCount(definition)).map { OGR_FD_GetFieldDefn(definition, $0) }
        guard fields.allSatisfy({ isUTF8(OGR_Fld_GetNameRef($0)) }) else { return .gb18030 }
        let textFields = fields.indices.filter { OGR_Fld_GetType(fields[$0]) == OFTString }.map(Int32.init)
        OGR_L_ResetReading(layer)
        while let feature = OGR_L_GetNextFeature(layer) {
            defer { OGR_F_Destroy(feature) }
            for field in textFields where OGR_F_IsFieldSetAndNotNull(feature, field) == 1 {
                if !isUTF8(OGR_F_GetFieldAsString(feature, field)) { return .gb18030 }
            }
        }
        return .utf8
    }
}
