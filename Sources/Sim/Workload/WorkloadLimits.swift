/// Bounds on the values the simulator accepts, so that no sum of times or
/// product of amounts can overflow 64 bits.
public enum WorkloadLimits {
    /// The longest time the simulator handles: 100 years, in milliseconds.
    public static let maxMilliseconds: Int64 = 3_155_760_000_000
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
