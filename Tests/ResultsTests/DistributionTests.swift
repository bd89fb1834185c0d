import Testing

@testable import Results

@Suite struct DistributionTests {
    @Test func nearestRankOfOneToTenSeconds() {
        let valuesMs: [Int64] = (1...10).map { Int64($0) * 1000 }
        let distribution = Statistics.of(valuesMs)
        #expect(distribution.count == 10)
        #expect(distribution.mean == 5.5)
        #expect(distribution.p50 == 5)
        #expect(distribution.p90 == 9)
        #expect(distribution.p99 == 10)
        #expect(distribution.max == 10)
    }

    @Test func inputOrderDoesNotMatter() {
        let valuesMs: [Int64] = [7000, 1000, 10_000, 3000, 9000, 2000, 8000, 4000, 6000, 5000]
        #expect(Statistics.of(valuesMs) == Statistics.of(valuesMs.sorted()))
    }

    @Test func emptyListHasOnlyCount() {
        let distribution = Statistics.of([Int64]())
        #expect(distribution == Statistics.empty)
        #expect(distribution.count == 0)
        #expect(distribution.mean == nil)
        #expect(distribution.p50 == nil)
        #expect(distribution.p90 == nil)
        #expect(distribution.p99 == nil)
        #expect(distribution.max == nil)
        #expect(Statistics.of([Double]()) == Statistics.empty)
    }

    @Test func singleValueFillsEveryPercentile() {
        let distribution = Statistics.of([Int64(1500)])
        #expect(distribution.count == 1)
        #expect(distribution.mean == 1.5)
        #expect(distribution.p50 == 1.5)
        #expect(distribution.p90 == 1.5)
        #expect(distribution.p99 == 1.5)
        #expect(distribution.max == 1.5)
    }

    @Test func nearestRankOfFourValues() {
        // Ranks: p50 = ceil(2) = 2, p90 = ceil(3.6) = 4, p99 = ceil(3.96) = 4.
        let distribution = Statistics.of([Int64(400), 100, 300, 200])
        #expect(distribution.mean == 0.25)
        #expect(distribution.p50 == 0.2)
        #expect(distribution.p90 == 0.4)
        #expect(distribution.p99 == 0.4)
        #expect(distribution.max == 0.4)
    }

    @Test func nearestRankOfHundredValues() {
        // With 100 values, percentile p is exactly the value at rank p.
        let distribution = Statistics.of((1...100).map { Double($0) })
        #expect(distribution.p50 == 50)
        #expect(distribution.p90 == 90)
        #expect(distribution.p99 == 99)
        #expect(distribution.max == 100)
        #expect(distribution.mean == 50.5)
    }

    @Test func slowdownDoubles() {
        let distribution = Statistics.of([3.0, 1.0, 2.0])
        #expect(distribution.count == 3)
        #expect(distribution.mean == 2)
        #expect(distribution.p50 == 2)
        #expect(distribution.p90 == 3)
        #expect(distribution.p99 == 3)
        #expect(distribution.max == 3)
    }

    @Test(arguments: [
        (0, 10, 0), (1, 10, 0), (10, 10, 0), (11, 10, 1), (50, 10, 4), (90, 10, 8),
        (99, 10, 9), (100, 10, 9), (50, 1, 0), (99, 1000, 989),
    ])
    func nearestRankIndex(percent: Int, count: Int, expected: Int) {
        #expect(Statistics.nearestRankIndex(percent: percent, count: count) == expected)
    }
}
