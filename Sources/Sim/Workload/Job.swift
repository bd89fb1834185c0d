/// Conditions a reader kept a job under, for reports and later analysis.
public struct JobFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The run time is longer than the duration (the requested time).
    public static let runTimeExceedsRequest = JobFlags(rawValue: 1 << 0)
    /// The trace gives both allocated and requested processors, and they differ.
    public static let allocatedDiffersFromRequested = JobFlags(rawValue: 1 << 1)
    /// The job ran for 0 ms.
    public static let zeroRunTime = JobFlags(rawValue: 1 << 2)
}

/// One job of a workload. Times are milliseconds since the scenario epoch,
/// cores are milli-cores, memory is MiB and GPUs are milli-GPUs.
public struct Job: Sendable, Equatable {
    /// The 0-based position in the final workload, used as the job id.
    public var index: Int
    /// The trace's job number (SWF field 1) or the synthetic sequence number.
    public var number: Int64
    public var arrival: Int64
    /// The time the job really runs, at least 0.
    public var runTime: Int64
    /// The requested time, which is the schedule duration; always positive.
    public var duration: Int64
    public var milliCores: Int64
    public var memoryMiB: Int64
    /// Milli-GPUs; 0 for SWF jobs.
    public var milliGPUs: Int64
    /// Acceptable GPU models; empty means any.
    public var gpuModels: [String]
    /// The user id, or -1 when unknown.
    public var user: Int64
    /// The executable number, or -1 when unknown.
    public var executable: Int64
    /// An index into the scenario catalogue's images.
    public var image: Int
    /// An index into the catalogue's datasets, nil when the catalogue has none.
    public var dataset: Int?
    public var flags: JobFlags

    public init(
        index: Int, number: Int64, arrival: Int64, runTime: Int64, duration: Int64,
        milliCores: Int64, memoryMiB: Int64, milliGPUs: Int64 = 0, gpuModels: [String] = [],
        user: Int64 = -1, executable: Int64 = -1, image: Int = 0, dataset: Int? = nil,
        flags: JobFlags = []
    ) {
        self.index = index
        self.number = number
        self.arrival = arrival
        self.runTime = runTime
        self.duration = duration
        self.milliCores = milliCores
        self.memoryMiB = memoryMiB
        self.milliGPUs = milliGPUs
        self.gpuModels = gpuModels
        self.user = user
        self.executable = executable
        self.image = image
        self.dataset = dataset
        self.flags = flags
    }
}

/// The rule that gives a job a duration when its source has no requested
/// time: the run time times `factor`, rounded up to a multiple of `stepMillis`.
/// A zero result (a run time of 0) becomes `stepMillis`, so the duration is
/// always positive.
public struct MissingDurationRule: Sendable, Equatable {
    public var factor: Double
    public var stepMillis: Int64

    public init(factor: Double = 1, stepMillis: Int64 = 60_000) {
        precondition(factor > 0, "MissingDurationRule.factor must be positive, got \(factor)")
        precondition(stepMillis > 0, "MissingDurationRule.stepMillis must be positive")
        self.factor = factor
        self.stepMillis = stepMillis
    }

    /// Returns the duration in ms for a run time in ms.
    public func duration(forRunTime runTime: Int64) -> Int64 {
        let scaled = (Double(max(runTime, 0)) * factor).rounded(.up)
        let steps = (scaled / Double(stepMillis)).rounded(.up)
        let duration = KeyedRandom.milliseconds(steps * Double(stepMillis))
        return duration > 0 ? duration : stepMillis
    }
}
