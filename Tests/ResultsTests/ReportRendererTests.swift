import Foundation
import Testing

@testable import Results

@Suite struct ReportRendererTests {
    @Test func distributionKeepsFirstAndLastPoints() {
        var random = SampleRandom(seed: 1)
        let values = (0..<100_000).map { _ in (random.next() * 1000).rounded() }.sorted()
        let points = WaitDistribution.points(sortedValues: values, maxPoints: 200)
        let firstRun = values.filter { $0 == values[0] }.count

        #expect(points.count <= 200)
        #expect(points.first?.x == values.first)
        #expect(points.first?.y == Double(firstRun) / Double(values.count))
        #expect(points.last?.x == values.last)
        #expect(points.last?.y == 1)
    }

    @Test func distributionIsStrictlyMonotone() {
        var random = SampleRandom(seed: 2)
        let values = (0..<50_000).map { _ in floor(pow(10, random.next() * 5)) }.sorted()
        let points = WaitDistribution.points(sortedValues: values, maxPoints: 300)
        for (previous, next) in zip(points, points.dropFirst()) {
            #expect(previous.x < next.x)
            #expect(previous.y < next.y)
        }
    }

    @Test func distributionPointsLieOnCDF() {
        let values: [Double] = [0, 0, 0, 1, 2, 2, 5, 5, 5, 5, 9]
        for maxPoints in [2, 3, 5, 100] {
            for point in WaitDistribution.points(sortedValues: values, maxPoints: maxPoints) {
                let atOrBelow = values.filter { $0 <= point.x }.count
                #expect(point.y == Double(atOrBelow) / Double(values.count))
            }
        }
    }

    @Test func distributionOfFewValuesKeepsAll() {
        let values: [Double] = [0, 0, 3, 7, 7, 8]
        let points = WaitDistribution.points(sortedValues: values, maxPoints: 100)
        #expect(points.map(\.x) == [0, 3, 7, 8])
        let expected: [Double] = [2, 3, 5, 6].map { $0 / 6 }
        #expect(points.map(\.y) == expected)
    }

    @Test func distributionOfEdgeInputs() {
        #expect(WaitDistribution.points(sortedValues: [], maxPoints: 10).isEmpty)
        let single = WaitDistribution.points(sortedValues: [4], maxPoints: 10)
        #expect(single.count == 1)
        #expect(single.first?.x == 4)
        #expect(single.first?.y == 1)
        let equal = WaitDistribution.points(sortedValues: [2, 2, 2], maxPoints: 1)
        #expect(equal.count == 1)
        #expect(equal.first?.y == 1)
    }

    @Test func mergeBucketsAverages() {
        let values: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        let (merged, factor) = ReportPlots.mergeBuckets(values, maxCount: 4)
        #expect(factor == 3)
        #expect(merged == [2, 5, 8, 10])
        #expect(ReportPlots.mergeBuckets(values, maxCount: 10).factor == 1)
    }

    @Test func renderIsDeterministic() {
        let first = ReportRenderer().render(ReportSample.small())
        let second = ReportRenderer().render(ReportSample.small())
        #expect(first == second)
        #expect(ReportSample.small().renderHTML() == first)
    }

    @Test func renderMatchesGoldenFile() throws {
        let html = ReportRenderer().render(ReportSample.small())
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/report-small.html")
        // The test bundle contains the copy from the last build, so after rewriting the source
        // fixture there is nothing current to compare with.
        if ProcessInfo.processInfo.environment["REPORT_UPDATE_GOLDEN"] == "1" {
            try html.write(to: fixture, atomically: true, encoding: .utf8)
            return
        }
        let url = try #require(
            Bundle.module.url(
                forResource: "report-small", withExtension: "html", subdirectory: "Fixtures"),
            "Fixtures/report-small.html is missing from the test bundle")
        let golden = try String(contentsOf: url, encoding: .utf8)
        if html != golden {
            let lines = html.split(separator: "\n", omittingEmptySubsequences: false)
            let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference =
                zip(lines, goldenLines).enumerated().first { $0.element.0 != $0.element.1 }?
                .offset ?? min(lines.count, goldenLines.count)
            Issue.record(
                """
                The report differs from Fixtures/report-small.html at line \
                \(firstDifference + 1). Rerun with REPORT_UPDATE_GOLDEN=1 to rewrite \
                the file if the change is intended, and review its diff.
                """)
        }
    }

    @Test func reportLoadsNothingFromNetwork() {
        for data in [ReportSample.small(), ReportSample.small(replications: 1)] {
            let html = ReportRenderer().render(data)
            let namespace = "http://www.w3.org/2000/svg"
            let withoutNamespace = html.replacingOccurrences(of: namespace, with: "")
            #expect(html.contains(namespace))
            #expect(!withoutNamespace.contains("http://"))
            #expect(!withoutNamespace.contains("https://"))
            #expect(!withoutNamespace.contains("//"))
            #expect(!html.lowercased().contains("<script"))
            #expect(!html.lowercased().contains("<link"))
            #expect(!html.lowercased().contains("@import"))
            #expect(!html.contains("src="))
            #expect(!html.contains("href="))
            let urls = html.components(separatedBy: "url(").dropFirst()
            #expect(urls.allSatisfy { $0.hasPrefix("#") })
        }
    }

    @Test func namesAreEscaped() {
        let html = ReportRenderer().render(ReportSample.small())
        #expect(!html.contains("first-fit <hold"))
        #expect(!html.contains("<SRC>"))
        #expect(!html.contains("<test>"))
        #expect(html.contains("first-fit &lt;hold &amp; &#39;wait&#39;&gt;"))
        #expect(html.contains("UK &amp; &quot;Cambridge&quot; &lt;SRC&gt;"))
    }

    @Test func plotsOfSmallSample() {
        let html = ReportRenderer().render(ReportSample.small())
        // Two variant swatches, the CDF, the outcome bars, core-hours and GPU-hours, the
        // legend of the panels, and panels for cores of both sites and GPUs of the second.
        #expect(html.components(separatedBy: "<svg ").count - 1 == 10)
        #expect(html.contains("<title id=\"site1-gpus-title\">"))
        #expect(!html.contains("site0-gpus"))
        #expect(html.contains("Wait time distribution (empirical CDF)"))
        #expect(html.contains("GPU-hours held by expired offers"))
        #expect(html.components(separatedBy: "class=\"overlap\"").count - 1 == 1)
    }

    @Test func whiskersOnlyWithReplications() {
        let whisker = "stroke=\"#222222\""
        let threeReplications = ReportRenderer().render(ReportSample.small(replications: 3))
        // Four outcomes and two held-capacity bars per variant, two variants.
        #expect(threeReplications.components(separatedBy: whisker).count - 1 == 12)
        let oneReplication = ReportRenderer().render(ReportSample.small(replications: 1))
        #expect(!oneReplication.contains(whisker))
    }

    @Test func noGPUPlotWithoutGPUs() {
        var data = ReportSample.small()
        for index in data.variants.indices {
            data.variants[index].idleHeldExpiredGPU = nil
            for site in data.variants[index].utilisation.indices {
                data.variants[index].utilisation[site].gpus = nil
            }
        }
        let html = ReportRenderer().render(data)
        #expect(!html.contains("GPU-hours"))
        #expect(!html.contains("gpus-title"))
    }

    @Test func invalidBucketsAreLeftOut() {
        var data = ReportSample.small()
        data.variants[1].utilisation[0].bucketHours = 0
        data.variants[1].utilisation[1].startHours = .nan
        data.variants[0].utilisation[0].cores[3] = .nan
        let html = ReportRenderer().render(data)
        #expect(!html.contains("n/a"))
        #expect(!html.contains("nan"))
        #expect(html.contains("<title id=\"site0-cores-title\">"))
    }

    @Test func emptyDataRendersPage() {
        let data = ReportData(
            scenarioName: "empty", seed: 0, replications: 0, sites: [], variants: [],
            comparison: ReportTable(headers: [], rows: []), notes: [])
        let html = ReportRenderer().render(data)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(!html.contains("<svg"))
    }

    @Test func largeSampleStaysSmall() throws {
        let html = ReportRenderer().render(ReportSample.large())
        // A million waits per variant become at most 400 CDF points each.
        #expect(html.utf8.count < 1_500_000)
        if let path = ProcessInfo.processInfo.environment["REPORT_SAMPLE_OUTPUT"] {
            try html.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
