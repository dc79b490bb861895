import Testing
@testable import Planning

/// The CSV files habitat writes by hand (coverage.csv, indicators.csv) quote as RFC 4180 asks and
/// guard formulas as the files written through GDAL do.
@Suite struct CSVTests {
    @Test func fieldsAreQuotedAndFormulasGuarded() {
        #expect(CSV.field("麒麟中心城区") == "麒麟中心城区")
        #expect(CSV.field("a,\"b\"") == "\"a,\"\"b\"\"\"")
        #expect(CSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSV.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSV.field("-3") == "-3" && CSV.field("-0.5") == "-0.5")
    }
}
