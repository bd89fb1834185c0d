import Foundation
import Testing

@testable import Results

@Suite struct ReportFormatTests {
    @Test(arguments: [
        (0.25, true, NiceStep(mantissa: 2, exponent: -1)),
        (1.4, true, NiceStep(mantissa: 1, exponent: 0)),
        (3.0, true, NiceStep(mantissa: 5, exponent: 0)),
        (6.9, true, NiceStep(mantissa: 5, exponent: 0)),
        (7.0, true, NiceStep(mantissa: 1, exponent: 1)),
        (7.3, false, NiceStep(mantissa: 1, exponent: 1)),
        (2.0, false, NiceStep(mantissa: 2, exponent: 0)),
        (0.0035, false, NiceStep(mantissa: 5, exponent: -3)),
        (1200.0, true, NiceStep(mantissa: 1, exponent: 3)),
    ])
    func niceNumberHandCases(value: Double, round: Bool, expected: NiceStep) {
        #expect(NiceTicks.niceNumber(value, round: round) == expected)
    }

    @Test func niceTicksZeroToOne() {
        let (ticks, step) = NiceTicks.linear(lower: 0, upper: 1)
        #expect(ticks == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(step.decimals == 1)
    }

    @Test func niceTicksZeroToHundred() {
        let (ticks, step) = NiceTicks.linear(lower: 0, upper: 100)
        #expect(ticks == [0, 20, 40, 60, 80, 100])
        #expect(step.decimals == 0)
    }

    @Test func niceTicksExtendToNiceBounds() {
        #expect(NiceTicks.linear(lower: 0, upper: 7.3).ticks == [0, 2, 4, 6, 8])
        #expect(NiceTicks.linear(lower: -3.7, upper: 12.1).ticks == [-5, 0, 5, 10, 15])
        #expect(NiceTicks.linear(lower: 0, upper: 680).ticks == [0, 200, 400, 600, 800])
    }

    @Test func niceTicksSmallNumbers() {
        let (ticks, step) = NiceTicks.linear(lower: 0.0012, upper: 0.0047)
        #expect(ticks == [0.001, 0.002, 0.003, 0.004, 0.005])
        #expect(step.decimals == 3)
    }

    @Test func niceTicksDegenerateRanges() {
        #expect(NiceTicks.linear(lower: 0, upper: 0).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(NiceTicks.linear(lower: 5, upper: 5).ticks == [5, 6, 7, 8, 9, 10])
        #expect(NiceTicks.linear(lower: 3, upper: 1).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(NiceTicks.linear(lower: 0, upper: .nan).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
    }

    @Test func decadesBetweenBounds() {
        #expect(NiceTicks.decades(lower: 1, upper: 1000) == [1, 10, 100, 1000])
        #expect(NiceTicks.decades(lower: 2, upper: 900) == [10, 100])
        #expect(NiceTicks.decades(lower: 2, upper: 9).isEmpty)
    }

    @Test func logAxisMapsDecadesEvenly() {
        let axis = PlotAxis.logarithmic(title: "t", lower: 1, upper: 100, ticks: [])
        #expect(axis.fraction(of: 1) == 0)
        #expect(axis.fraction(of: 10) == 0.5)
        #expect(axis.fraction(of: 100) == 1)
        #expect(abs(axis.fraction(of: 10.0.squareRoot()) - 0.25) < 1e-12)
    }

    @Test func logAxisClampsOutOfRangeValues() {
        let axis = PlotAxis.logarithmic(title: "t", lower: 1, upper: 3600, ticks: [])
        #expect(axis.fraction(of: 0) == 0)
        #expect(axis.fraction(of: -5) == 0)
        #expect(axis.fraction(of: 0.5) == 0)
        #expect(axis.fraction(of: 1e9) == 1)
    }

    @Test func linearAxisSnapsToNiceTicks() {
        let axis = PlotAxis.linear(title: "n", lower: 0, upper: 7.3)
        #expect(axis.lower == 0)
        #expect(axis.upper == 8)
        #expect(axis.fraction(of: 2) == 0.25)
        #expect(axis.ticks.map(\.label) == ["0", "2", "4", "6", "8"])
    }

    @Test func linearAxisKeepsExactRange() {
        let axis = PlotAxis.linear(title: "h", lower: 0, upper: 336, extendsToTicks: false)
        #expect(axis.lower == 0)
        #expect(axis.upper == 336)
        #expect(axis.ticks.map(\.value) == [0, 100, 200, 300])
        #expect(axis.fraction(of: 168) == 0.5)
    }

    @Test func categoricalAxisCentresBands() {
        let axis = PlotAxis.categories(title: "c", labels: ["a", "b"])
        #expect(axis.fraction(of: 0) == 0.25)
        #expect(axis.fraction(of: 1) == 0.75)
    }

    @Test func timeTicksCoverMaximum() {
        #expect(TimeTicks.upperBound(forMaximum: 0) == 10)
        #expect(TimeTicks.upperBound(forMaximum: 5000) == 21_600)
        #expect(TimeTicks.upperBound(forMaximum: 3600) == 3600)
        #expect(
            TimeTicks.ticks(upTo: 3600).map(\.label) == ["1 s", "10 s", "1 min", "10 min", "1 h"])
    }

    @Test func escapeMarkupCharacters() {
        #expect(
            ReportMarkup.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        #expect(ReportMarkup.escape("&amp;") == "&amp;amp;")
    }

    @Test func escapeKeepsTextAndReplacesControls() {
        #expect(ReportMarkup.escape("Zürich \u{2248} 5 %") == "Zürich \u{2248} 5 %")
        #expect(ReportMarkup.escape("a\u{0}b\u{1B}c") == "a\u{FFFD}b\u{FFFD}c")
        #expect(ReportMarkup.escape("tab\tline\n") == "tab\tline\n")
    }

    @Test func fixedFormatting() {
        #expect(ReportNumber.fixed(3.14159, decimals: 2) == "3.14")
        #expect(ReportNumber.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(ReportNumber.fixed(-1.5, decimals: 0) == "-2")
        #expect(ReportNumber.fixed(.nan, decimals: 1) == "n/a")
        #expect(ReportNumber.fixed(1_234_567, decimals: 1) == "1234567.0")
    }

    @Test func coordinateFormatting() {
        #expect(ReportNumber.coordinate(12) == "12")
        #expect(ReportNumber.coordinate(12.34) == "12.3")
        #expect(ReportNumber.coordinate(-0.04) == "0")
        #expect(ReportNumber.coordinate(99.96) == "100")
    }

    @Test func legendWrapsLongLabels() {
        #expect(PlotCanvas.wrap("best-fit") == ["best-fit"])
        #expect(
            PlotCanvas.wrap("round-robin with offer holds of 15 min")
                == ["round-robin with offer holds", "of 15 min"])
        #expect(PlotCanvas.wrap(String(repeating: "x", count: 30)).map(\.count) == [28, 2])
        #expect(PlotCanvas.wrap("") == [""])
    }

    @Test func seriesStylesDifferBeyondColour() {
        let styles = (0..<8).map { SeriesStyle.variant($0) }
        #expect(Set(styles.map(\.colour)).count == 8)
        #expect(Set(styles.map(\.marker)).count == 8)
        #expect(Set(styles.map(\.hatch)).count == 8)
        #expect(styles[0].dash == nil)
        #expect(styles[1].dash != nil)
    }
}
