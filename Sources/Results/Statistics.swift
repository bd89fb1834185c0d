/// Summary statistics of a list of values: count, mean, nearest-rank percentiles and max.
///
/// Every figure except `count` is `nil` when the list is empty. Times are in seconds.
public struct Statistics: Codable, Sendable, Equatable {
    public var count: Int
    public var mean: Double?
    /// The median by nearest rank.
    public var p50: Double?
    public var p90: Double?
    public var p99: Double?
    public var max: Double?

    public init(
        count: Int, mean: Double?, p50: Double?, p90: Double?, p99: Double?, max: Double?
    ) {
        self.count = count
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.max = max
    }

    /// The distribution of no values: count 0 and every other figure `nil`.
    public static let empty = Statistics(
        count: 0, mean: nil, p50: nil, p90: nil, p99: nil, max: nil)

    /// Computes the figures of times given in milliseconds, reported in seconds.
    public static func of(_ valuesMs: [Int64]) -> Statistics {
        guard !valuesMs.isEmpty else { return .empty }
        let sorted = valuesMs.sorted()
        // The sum is exact in Int64 for any realistic run: a million waits of a year each
        // sum to about 3e16 ms, far below Int64.max (9.2e18).
        let sum = sorted.reduce(Int64(0), +)
        let count = sorted.count
        func seconds(_ milliseconds: Int64) -> Double { Double(milliseconds) / 1000 }
        return Statistics(
            count: count,
            mean: Double(sum) / Double(count) / 1000,
            p50: seconds(sorted[nearestRankIndex(percent: 50, count: count)]),
            p90: seconds(sorted[nearestRankIndex(percent: 90, count: count)]),
            p99: seconds(sorted[nearestRankIndex(percent: 99, count: count)]),
            max: seconds(sorted[count - 1]))
    }

    /// Computes the figures of dimensionless values, such as bounded slowdowns.
    /// The values must be finite.
    public static func of(_ values: [Double]) -> Statistics {
        guard !values.isEmpty else { return .empty }
        precondition(values.allSatisfy(\.isFinite), "distribution values must be finite")
        // Summing in sorted order makes the mean independent of the input order.
        let sorted = values.sorted()
        let count = sorted.count
        return Statistics(
            count: count,
            mean: sorted.reduce(0, +) / Double(count),
            p50: sorted[nearestRankIndex(percent: 50, count: count)],
            p90: sorted[nearestRankIndex(percent: 90, count: count)],
            p99: sorted[nearestRankIndex(percent: 99, count: count)],
            max: sorted[count - 1])
    }

    /// Returns the 0-based index of the `percent` percentile in `count` sorted values by
    /// nearest rank: rank ceil(percent / 100 × count), and rank 1 when that is 0.
    /// Integer arithmetic keeps the rank exact, for example rank 9 (not 10) for p90 of 10.
    public static func nearestRankIndex(percent: Int, count: Int) -> Int {
        precondition(count > 0, "nearest rank needs at least one value")
        precondition((0...100).contains(percent), "percent must be in 0...100, got \(percent)")
        let rank = (percent * count + 99) / 100
        return Swift.max(rank, 1) - 1
    }
}
