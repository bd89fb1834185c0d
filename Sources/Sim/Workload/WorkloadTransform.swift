/// Changes to a sorted workload, applied in this order:
///
/// 1. `limit`: keep the first N jobs.
/// 2. `timeScale`: multiply arrivals, run times and durations (durations stay
///    at least 1 ms).
/// 3. `loadScale`: divide the gaps between arrivals, so
///    `arrival'_i = arrival_0 + (arrival_i - arrival_0) / loadScale`.
/// 4. `shift`: move all arrivals so that the first one is at `shift` ms.
///
/// Every result is rounded to the nearest ms, halves away from zero. The
/// steps are monotonic, so the order and the job indices stay as they were.
public struct WorkloadTransform: Sendable, Equatable {
    public var timeScale: Double
    public var loadScale: Double
    public var limit: Int?
    public var shift: Int64?

    public init(
        timeScale: Double = 1, loadScale: Double = 1, limit: Int? = nil, shift: Int64? = nil
    ) {
        precondition(timeScale > 0, "timeScale must be positive, got \(timeScale)")
        precondition(loadScale > 0, "loadScale must be positive, got \(loadScale)")
        precondition((limit ?? 0) >= 0, "limit must not be negative")
        self.timeScale = timeScale
        self.loadScale = loadScale
        self.limit = limit
        self.shift = shift
    }

    /// Applies the transformation to jobs sorted by arrival.
    public func apply(to jobs: [Job]) -> [Job] {
        var result = jobs
        if let limit, limit < result.count {
            result.removeSubrange(limit...)
        }

        if timeScale != 1 {
            for position in result.indices {
                result[position].arrival = scaled(result[position].arrival, by: timeScale)
                result[position].runTime = scaled(result[position].runTime, by: timeScale)
                result[position].duration = max(
                    1, scaled(result[position].duration, by: timeScale))
            }
        }

        guard let first = result.first?.arrival else { return result }
        if loadScale != 1 {
            for position in result.indices {
                let gap = Double(result[position].arrival - first) / loadScale
                result[position].arrival = first.saturatingAdd(KeyedRandom.milliseconds(gap))
            }
        }

        if let shift {
            let delta = shift - first
            for position in result.indices {
                result[position].arrival = result[position].arrival.saturatingAdd(delta)
            }
        }
        return result
    }

    private func scaled(_ value: Int64, by factor: Double) -> Int64 {
        KeyedRandom.milliseconds(Double(value) * factor)
    }
}
