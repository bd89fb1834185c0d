import BrokerModel

/// A request as the broker schedules it: the minimum resources, the image
/// and data that price the preparation, and the running-start window.
public struct JobRequest: Sendable, Equatable {
    /// A dataset the job reads, by catalogue index and size.
    public struct Dataset: Sendable, Equatable {
        public var index: Int
        public var bytes: Int64

        public init(index: Int, bytes: Int64) {
            self.index = index
            self.bytes = bytes
        }
    }

    /// The job this request belongs to; retries share it.
    public var job: Int
    /// 0 for the first request of a job, then 1, 2, … for its retries.
    public var attempt: Int
    /// The minimum resources; offers are for exactly these amounts.
    public var needs: ResourceAmounts
    /// Acceptable GPU models; empty means any.
    public var gpuModels: [String]
    /// The catalogue index of the image, or nil when the executable needs no pull.
    public var image: Int?
    public var datasets: [Dataset]
    /// The length of the running period.
    public var duration: Milliseconds
    /// Bounds of the running start, or nil for "as soon as possible".
    /// A bare instant is a range of one millisecond value.
    public var window: ClosedRange<Milliseconds>?

    public init(
        job: Int, attempt: Int = 0, needs: ResourceAmounts, gpuModels: [String] = [],
        image: Int? = nil, datasets: [Dataset] = [], duration: Milliseconds,
        window: ClosedRange<Milliseconds>? = nil
    ) {
        self.job = job
        self.attempt = attempt
        self.needs = needs
        self.gpuModels = gpuModels
        self.image = image
        self.datasets = datasets
        self.duration = duration
        self.window = window
    }
}

/// How the broker orders candidate slots before it presents the first few.
public enum OfferPolicy: String, Sendable, CaseIterable {
    /// The earliest running start first.
    case earliestStart = "earliest-start"
    /// The smallest free fraction left once the slot is placed first.
    case bestFit = "best-fit"
    /// The smallest committed fraction before the slot is placed first.
    case leastLoaded = "least-loaded"
    /// The shortest staging time first, then the earliest running start.
    case dataLocal = "data-local"
    /// A shuffle keyed by the job and attempt.
    case random
}

/// The broker's settings, with the defaults of the design.
public struct BrokerSettings: Sendable, Equatable {
    public var policy: OfferPolicy = .earliestStart
    public var offersPerRequest: Int = 4
    public var offersPerSite: Int = 2
    public var offerLifetime: Milliseconds = 5 * 60_000
    /// Whether each offer reserves its slot from its creation until it is
    /// accepted, rejected or expires.
    public var hold: Bool = true
    /// How far ahead of the request a running start may lie when the
    /// request names no window.
    public var horizon: Milliseconds = 7 * 86_400_000

    public init() {}
}
