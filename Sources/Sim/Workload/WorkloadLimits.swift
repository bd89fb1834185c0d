/// The largest values that workload readers accept, shared with the scenario
/// loader so that every input path applies the same bounds.
public enum WorkloadLimits {
    /// The latest time or longest duration, in ms: 100 Julian years of
    /// 365.25 days. Times above it are out of range, which leaves sums of a
    /// few such values far from `Int64.max`.
    public static let maxMilliseconds: Int64 = 3_155_760_000_000

    /// The largest workload file, in bytes, after gzip decompression: 2 GiB.
    /// A larger file is rejected before the reader allocates more than this.
    public static let maxInputBytes = 1 << 31

    /// Converts seconds to ms, rounding to the nearest ms. Returns nil for a
    /// value that is not finite or whose magnitude is above `maxMilliseconds`.
    static func milliseconds(fromSeconds seconds: Double) -> Int64? {
        let milliseconds = (seconds * 1000).rounded(.toNearestOrAwayFromZero)
        guard milliseconds.magnitude <= Double(maxMilliseconds) else { return nil }
        return Int64(milliseconds)
    }

    /// Converts a count to thousandths, as for milli-cores or milli-GPUs,
    /// rounding to the nearest thousandth. Returns nil for a value that is
    /// not finite or whose product does not fit in `Int64`.
    static func thousandths(of value: Double) -> Int64? {
        let product = (value * 1000).rounded(.toNearestOrAwayFromZero)
        guard product.magnitude < 0x1p63 else { return nil }
        return Int64(product)
    }
}

extension Int64 {
    /// The sum, or `Int64.max` (`Int64.min`) where it would overflow upwards
    /// (downwards): out-of-range values then fail the range checks instead
    /// of trapping.
    func saturatingAdd(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? Int64.max : Int64.min
    }
}

extension Job {
    /// Whether every time is within 100 years and every amount within the
    /// bounds the broker's arithmetic allows.
    var isWithinLimits: Bool {
        let time = 0...WorkloadLimits.maxMilliseconds
        return time.contains(arrival) && time.contains(runTime) && time.contains(duration)
            && duration > 0 && (0...1_000_000_000_000).contains(milliCores)
            && (0...(1 << 43)).contains(memoryMiB) && (0...1_000_000_000).contains(milliGPUs)
    }
}
