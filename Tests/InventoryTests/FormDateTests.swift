import Foundation
import Testing
import GeoCore
import TestSupport
@testable import Inventory

/// Dates as forms are filled in, checked against the calendar.
@Suite struct FormDateTests {
    @Test(arguments: [
        ("2017-05-01", "2017-05-01"), ("2017/5/1", "2017-05-01"), ("2018年11月30日", "2018-11-30"),
        ("2018-02-28", "2018-02-28"), ("2018-12-31 08:30", "2018-12-31"),
        ("2016-02-29", "2016-02-29"),  // 2016 is divisible by 4: a leap year
        ("2000-02-29", "2000-02-29"),  // divisible by 400: a leap year
    ])
    func realDatesAreKept(text: String, iso: String) {
        #expect(ImportValidation.isoDate(text) == iso)
    }

    @Test(arguments: [
        "2018-02-30", "2018年11月31日", "2018-04-31", "2018-06-31", "2018-09-31",
        "2018-02-29",  // 2018 is not divisible by 4
        "1900-02-29",  // divisible by 100 but not by 400: not a leap year
        "2018-00-10", "2018-13-01", "2018-01-00", "2018-01-32",
    ])
    func impossibleDatesAreNot(text: String) {
        #expect(ImportValidation.isoDate(text) == nil)
    }

    /// A hotline's moments as its exports write them, in Beijing time.
    @Test(arguments: [
        ("2018-03-25 17:40", "2018-03-25 17:40:00"), ("2018/3/25 9:05:07", "2018-03-25 09:05:07"),
        ("2018-03-25T17:40:00+08:00", "2018-03-25 17:40:00"),  // Beijing time stated: as it is
        ("2018/03/25 17:40:00.250", "2018-03-25 17:40:00"),  // a spreadsheet's milliseconds
        ("2018/3/25 下午5:40", "2018-03-25 17:40:00"), ("2018/3/25 上午12:10", "2018-03-25 00:10:00"),
        ("2018-03-25 5:40 PM", "2018-03-25 17:40:00"), ("2018-03-25 12:30 PM", "2018-03-25 12:30:00"),
        ("2018年3月25日 17时40分", "2018-03-25 17:40:00"), ("2018-03-25", "2018-03-25"),
    ])
    func momentsAreKeptInBeijingTime(text: String, iso: String) {
        #expect(ImportValidation.isoMoment(text) == iso)
    }

    /// A moment in another zone is refused, not shifted by a guess, and half a day's marker on a
    /// 24-hour time is a contradiction.
    @Test(arguments: ["2018-03-25T01:40:00Z", "2018-03-25T01:40:00+00:00", "2018-03-25 09:40 -05:00",
                      "2018/3/25 下午17:40", "2018-03-25 25:00", "2018-03-25 soon"])
    func momentsInAnotherZoneOrContradictoryAreNot(text: String) {
        #expect(ImportValidation.isoMoment(text) == nil)
    }

    /// An impossible date in a form is a problem of its row, named by row and column.
    @Test func anImpossibleDateIsRefusedByRowAndColumn() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("p.gpkg").path
        _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
        let source = try TestSupport.write("""
            编号,厂区名称,调查日期,改造完成日期,经度,纬度
            F1,好厂,2018-02-28,2018年11月30日,103.80,25.50
            F2,怪厂,2018-02-30,2018年11月31日,103.81,25.51
            """, to: "dates.csv", in: folder)
        #expect { try Importer(layer: "old_factories", source: source).run(into: path) } throws: { error in
            guard case let InventoryError.rejected(_, problems) = error else { return false }
            return problems == [
                "row 3 (\"怪厂\"): column 调查日期: '2018-02-30' is not a date (write 2017-05-01)",
                "row 3 (\"怪厂\"): column 改造完成日期: '2018年11月31日' is not a date (write 2017-05-01)",
            ]
        }
    }
}
