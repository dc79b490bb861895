import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// Column headers as Chinese planners write them, and what an import says about the ones it
/// cannot place.
@Suite struct FormHeaderTests {
    static let square = "[[[103.790, 25.500], [103.791, 25.500], [103.791, 25.501], [103.790, 25.501], [103.790, 25.500]]]"

    static func parks(_ properties: String) -> String {
        #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {\#(properties)}, "geometry": {"type": "Polygon", "coordinates": \#(square)}}]}"#
    }

    func project(in folder: URL) throws -> String { try emptyProject(in: folder) }

    /// 公园名称, 区县, 建成时间 and 用地代码 land in name, district, opened and class; the one column
    /// habitat has no field for is named in a note.
    @Test func commonHeadersAreMatchedAndTheRestNamed() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let source = try TestSupport.write(Self.parks(#""公园名称": "寥廓公园", "区县": "麒麟区", "建成时间": "2016年5月1日", "用地代码": "G11", "管理单位": "园林局""#),
                                           to: "parks.geojson", in: folder)
        let summary = try Importer(layer: "parks", source: source).run(into: path)
        #expect(summary.inserted == 1)
        #expect(summary.notes == ["\(source): columns not used: 管理单位 (map one with --field FIELD=COLUMN)"])
        let layer = try ProjectFile.open(path).current("parks")
        for (field, value) in [("name", "寥廓公园"), ("district", "530302"), ("opened", "2016-05-01"), ("class", "G11")] {
            #expect(layer.value(field, at: 0) == .string(value), "\(field)")
        }
    }

    /// Other layers' usual headers.
    @Test func otherLayersHeadersAreMatched() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let residential = try TestSupport.write("""
            编号,小区名称,所属区县,具体地址,建成年代,建设进度,竣工时间,经度,纬度
            R1,南关小区,罗平县,南关路,1992,已竣工,2018/10/20,104.31,24.88
            """, to: "old.csv", in: folder)
        let summary = try Importer(layer: "old_residential", source: residential).run(into: path)
        #expect(summary.inserted == 1 && summary.notes.isEmpty, "\(summary.notes)")
        let layer = try ProjectFile.open(path).current("old_residential")
        for (field, value) in [("name", "南关小区"), ("district", "530324"), ("address", "南关路"), ("built", "1992"),
                               ("progress", "已竣工"), ("completed", "2018-10-20")] {
            #expect(layer.value(field, at: 0) == .string(value), "\(field)")
        }
    }

    /// A required field without a column says so, and lists the columns that could be it.
    @Test func aMissingRequiredColumnIsNamedWithTheUnusedOnes() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let source = try TestSupport.write(Self.parks(#""园名": "寥廓公园", "区县": "麒麟区", "备注": "", "面积": 1000"#),
                                           to: "parks.geojson", in: folder)
        #expect { try Importer(layer: "parks", source: source).run(into: path) } throws: { error in
            guard case let InventoryError.rejected(_, problems) = error else { return false }
            return problems == ["feature 1: no 名称 column for name; found 园名, 备注 (map one with --field name=COLUMN)"]
        }
        var mapped = Importer(layer: "parks", source: source)
        mapped.fieldMap = ["name": "园名"]
        let summary = try mapped.run(into: path)
        #expect(summary.inserted == 1 && summary.notes == ["\(source): columns not used: 备注 (map one with --field FIELD=COLUMN)"])
    }

    /// A source none of whose columns matches a field of the layer is imported with a warning
    /// that says so.
    @Test func noMatchingColumnAtAllIsANote() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try project(in: folder)
        let source = try TestSupport.write(Self.parks(#""foo": 1, "bar": "乔木""#), to: "canopy.geojson", in: folder)
        let summary = try Importer(layer: "canopy", source: source).run(into: path)
        #expect(summary.inserted == 1)
        #expect(summary.notes == ["\(source): no column matches a field of canopy (code, name, district, source, kind); "
                                  + "columns not used: foo, bar (map one with --field FIELD=COLUMN)"])
    }
}
