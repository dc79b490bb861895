import Testing
@testable import Planning

@Suite struct RoundingTests {
    @Test func halvesGoAwayFromZeroAndNothingShowsAsMinusZero() {
        // 0.125 is exact in binary: printf's "%.2f" would give "0.12" (half to even); by hand it is 0.13.
        #expect(Rounding.rounded(0.125, 2) == 0.13 && Rounding.text(0.125, 2) == "0.13")
        #expect(Rounding.text(3028.5, 0) == "3029")
        #expect(Rounding.text(-0.001, 2) == "0.00")
    }
}
