/// Input of the HTML report: one scenario run as several variants (offer policies or other
/// settings), each with replications. The first variant is the baseline that the comparison
/// table measures the others against.
public struct ReportData: Sendable, Equatable {
    public var scenarioName: String
    public var seed: UInt64
    /// Replications per variant.
    public var replications: Int
    /// Site names in scenario order. The utilisation panels follow this order.
    public var sites: [String]
    /// Variants in display order. The first is the baseline.
    public var variants: [VariantReport]
    /// Comparison of the variants, already formatted by the caller.
    public var comparison: ReportTable
    /// Free text lines shown at the end, for example the workload report.
    public var notes: [String]

    public init(
        scenarioName: String, seed: UInt64, replications: Int, sites: [String],
        variants: [VariantReport], comparison: ReportTable, notes: [String]
    ) {
        self.scenarioName = scenarioName
        self.seed = seed
        self.replications = replications
        self.sites = sites
        self.variants = variants
        self.comparison = comparison
        self.notes = notes
    }
}

/// Results of one variant, pooled or averaged over its replications.
public struct VariantReport: Sendable, Equatable {
    public var name: String
    /// Settings that set this variant apart, one per line, for example `policy: best-fit`.
    public var settings: [String]
    /// Waits in seconds from a job's first request to RUNNING, pooled over all replications
    /// and sorted in ascending order. The report down-samples the list for the plot.
    public var waitSeconds: [Double]
    /// Offer outcomes as means per replication.
    public var outcomes: OfferOutcomes
    /// Core-hours held by offers that expired unaccepted.
    public var idleHeldExpired: Estimate
    /// GPU-hours held by offers that expired unaccepted, `nil` when no site has GPUs.
    public var idleHeldExpiredGPU: Estimate?
    /// Core-hours held by offers that were rejected, mostly siblings of an
    /// accepted offer, or `nil` when not given.
    public var idleHeldRejected: Estimate?
    /// Busy share per site over time, from the first replication.
    public var utilisation: [SiteSeries]

    public init(
        name: String, settings: [String], waitSeconds: [Double], outcomes: OfferOutcomes,
        idleHeldExpired: Estimate, idleHeldExpiredGPU: Estimate?,
        idleHeldRejected: Estimate? = nil, utilisation: [SiteSeries]
    ) {
        self.name = name
        self.settings = settings
        self.waitSeconds = waitSeconds
        self.outcomes = outcomes
        self.idleHeldExpired = idleHeldExpired
        self.idleHeldExpiredGPU = idleHeldExpiredGPU
        self.idleHeldRejected = idleHeldRejected
        self.utilisation = utilisation
    }
}

/// Offer counts per replication: each a mean with its 95 % confidence interval.
public struct OfferOutcomes: Sendable, Equatable {
    public var accepted: Estimate
    public var rejected: Estimate
    public var expired: Estimate
    /// Offer sets that the broker answered with NO (no offer at all).
    public var answeredNo: Estimate

    public init(accepted: Estimate, rejected: Estimate, expired: Estimate, answeredNo: Estimate) {
        self.accepted = accepted
        self.rejected = rejected
        self.expired = expired
        self.answeredNo = answeredNo
    }
}

/// Busy share of one site's resources per time bucket. Bucket `i` covers the hours
/// `startHours + i * bucketHours` to `startHours + (i + 1) * bucketHours`, counted from
/// the start of the simulation window.
public struct SiteSeries: Sendable, Equatable {
    public var site: String
    public var bucketHours: Double
    public var startHours: Double
    /// Busy share of the cores per bucket, from 0 to 1.
    public var cores: [Double]
    /// Busy share of the GPUs per bucket, from 0 to 1, `nil` when the site has no GPUs.
    public var gpus: [Double]?

    public init(
        site: String, bucketHours: Double, startHours: Double, cores: [Double],
        gpus: [Double]? = nil
    ) {
        self.site = site
        self.bucketHours = bucketHours
        self.startHours = startHours
        self.cores = cores
        self.gpus = gpus
    }
}

/// A mean with the bounds of its 95 % confidence interval. With one replication the bounds
/// equal the mean, and the plots draw no whisker.
public struct Estimate: Sendable, Equatable {
    public var mean: Double
    public var low: Double
    public var high: Double

    public init(mean: Double, low: Double, high: Double) {
        self.mean = mean
        self.low = low
        self.high = high
    }

    /// Creates the interval `mean ± halfWidth`.
    public init(mean: Double, halfWidth: Double) {
        self.init(mean: mean, low: mean - halfWidth, high: mean + halfWidth)
    }
}

/// A table of text cells. Each cell carries a flag that marks whether its confidence
/// interval overlaps the baseline's, which the report shows in a muted style with a symbol.
public struct ReportTable: Sendable, Equatable {
    public var headers: [String]
    public var rows: [[ReportCell]]

    public init(headers: [String], rows: [[ReportCell]]) {
        self.headers = headers
        self.rows = rows
    }
}

/// One cell of a `ReportTable`.
public struct ReportCell: Sendable, Equatable {
    public var text: String
    /// Whether this value's 95 % confidence interval overlaps the baseline variant's.
    public var overlapsBaseline: Bool

    public init(_ text: String, overlapsBaseline: Bool = false) {
        self.text = text
        self.overlapsBaseline = overlapsBaseline
    }
}
