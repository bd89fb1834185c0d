/// A generated workload: Poisson arrivals and keyed job sizes.
///
/// Job `i` uses only draws with entity `i` on the streams `"arrival"`,
/// `"cores"`, `"memory"`, `"gpus"`, `"runTime"`, `"duration"` and `"user"`,
/// so adding jobs never changes the earlier ones.
///
/// - Arrivals: the gap before job `i` is exponential with mean
///   `3_600_000 / arrivalRatePerHour` ms, and job `i` arrives at
///   `start + round(gap_0 + ... + gap_i)`, summed as `Double`.
/// - Cores are sampled in cores and GPUs in GPUs, then turned into
///   milli-units. Memory is sampled in MiB, per job or per core.
/// - Integer quantities round to nearest, halves away from zero, and clamp
///   to a minimum: 1000 milli-cores, 1 MiB, 0 milli-GPUs, a run time of 0 ms
///   and a duration of 1 ms.
public struct SyntheticWorkload: Sendable, Equatable {
    /// The memory sampling rule.
    public enum Memory: Sendable, Equatable {
        /// MiB for the whole job.
        case perJob(Distribution)
        /// MiB per core (whole cores, rounded up), multiplied by the cores.
        case perCore(Distribution)
    }

    /// The rule for the duration (the requested time).
    public enum Duration: Sendable, Equatable {
        /// The run time times a factor, rounded up to a step.
        case runTimeFactor(MissingDurationRule)
        /// An independent sample in ms, raised to the run time when shorter.
        case independent(Distribution)
    }

    public var seed: UInt64
    public var jobCount: Int
    public var arrivalRatePerHour: Double
    /// The time of the origin the first gap is measured from, in ms.
    public var start: Int64
    public var cores: Distribution
    public var memory: Memory
    public var gpus: Distribution
    /// Acceptable GPU models, given to jobs that request GPUs.
    public var gpuModels: [String]
    /// The run time in ms.
    public var runTime: Distribution
    public var duration: Duration
    /// Users are drawn uniformly from `0..<userCount`; 0 leaves them unknown (-1).
    public var userCount: Int

    public init(
        seed: UInt64, jobCount: Int, arrivalRatePerHour: Double, start: Int64 = 0,
        cores: Distribution = .fixed(1), memory: Memory = .perCore(.fixed(1024)),
        gpus: Distribution = .fixed(0), gpuModels: [String] = [],
        runTime: Distribution = .exponential(mean: 3_600_000),
        duration: Duration = .runTimeFactor(MissingDurationRule()), userCount: Int = 0
    ) {
        precondition(jobCount >= 0, "jobCount must not be negative, got \(jobCount)")
        precondition(
            arrivalRatePerHour > 0, "arrivalRatePerHour must be positive, got \(arrivalRatePerHour)"
        )
        precondition(userCount >= 0, "userCount must not be negative, got \(userCount)")
        self.seed = seed
        self.jobCount = jobCount
        self.arrivalRatePerHour = arrivalRatePerHour
        self.start = start
        self.cores = cores
        self.memory = memory
        self.gpus = gpus
        self.gpuModels = gpuModels
        self.runTime = runTime
        self.duration = duration
        self.userCount = userCount
    }

    /// Generates the jobs, sorted by arrival, with `index` and `number` both
    /// equal to the position.
    /// Sampled amounts are capped here, far above what a site can hold, so
    /// that later arithmetic on them cannot overflow; such jobs are then
    /// skipped as out of range.
    static let saturatedAmount: Int64 = 1 << 60

    public func jobs() -> [Job] {
        let random = KeyedRandom(seed: seed)
        let meanGap = 3_600_000 / arrivalRatePerHour
        var elapsed = 0.0
        var result: [Job] = []
        result.reserveCapacity(jobCount)

        for index in 0..<jobCount {
            let entity = Int64(index)
            elapsed += random.exponential(mean: meanGap, "arrival", entity: entity)
            let arrival = start.saturatingAdd(KeyedRandom.milliseconds(elapsed))

            let milliCores = max(
                1000,
                min(
                    KeyedRandom.milliseconds(cores.sample(random, "cores", entity: entity) * 1000),
                    Self.saturatedAmount))
            let memorySample: Double
            switch memory {
            case .perJob(let distribution):
                memorySample = distribution.sample(random, "memory", entity: entity)
            case .perCore(let distribution):
                let wholeCores = Double((milliCores + 999) / 1000)
                memorySample = distribution.sample(random, "memory", entity: entity) * wholeCores
            }
            let memoryMiB = max(1, KeyedRandom.milliseconds(memorySample))
            let milliGPUs = max(
                0, KeyedRandom.milliseconds(gpus.sample(random, "gpus", entity: entity) * 1000))

            let runTimeMillis = max(
                0, KeyedRandom.milliseconds(runTime.sample(random, "runTime", entity: entity)))
            let durationMillis: Int64
            switch duration {
            case .runTimeFactor(let rule):
                durationMillis = rule.duration(forRunTime: runTimeMillis)
            case .independent(let distribution):
                let sampled = KeyedRandom.milliseconds(
                    distribution.sample(random, "duration", entity: entity))
                durationMillis = max(1, runTimeMillis, sampled)
            }

            let user =
                userCount > 0 ? Int64(random.index(below: userCount, "user", entity: entity)) : -1
            var flags: JobFlags = []
            if runTimeMillis == 0 { flags.insert(.zeroRunTime) }

            result.append(
                Job(
                    index: index, number: entity, arrival: arrival, runTime: runTimeMillis,
                    duration: durationMillis, milliCores: milliCores, memoryMiB: memoryMiB,
                    milliGPUs: milliGPUs, gpuModels: milliGPUs > 0 ? gpuModels : [], user: user,
                    flags: flags))
        }
        return result
    }
}
