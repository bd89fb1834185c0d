/// All figures of one simulation run.
///
/// Times are in seconds and rates are fractions in 0...1. A rate whose denominator is 0 is
/// `nil`, and so is a resource figure of a site without that resource. `nil` figures are
/// absent from the JSON and shown as "—" in text.
public struct RunSummary: Codable, Sendable, Equatable {
    public var scenarioName: String
    public var seed: UInt64
    public var policyName: String
    /// The number of jobs in the workload.
    public var workloadJobs: Int
    /// The start of the simulated window, in milliseconds since the scenario epoch.
    public var windowStartMs: Int64
    /// The end of the simulated window, in milliseconds since the scenario epoch.
    public var windowEndMs: Int64
    /// `windowStartMs` as ISO-8601 text, given by the caller.
    public var windowStart: String
    /// `windowEndMs` as ISO-8601 text, given by the caller.
    public var windowEnd: String
    public var requests: RequestFigures
    public var offerSets: OfferSetFigures
    public var offers: OfferFigures
    public var waits: WaitFigures
    /// The bounded slowdown of the jobs that ran (dimensionless).
    public var boundedSlowdown: Statistics
    public var sessions: SessionFigures
    /// The sites in scenario order.
    public var sites: [SiteSummary]
    /// The use of all sites' resources, weighted by capacity.
    public var resources: ResourceUse
    /// The workload reader's report lines, such as counts of jobs read and skipped.
    public var workloadReport: [String]

    public init(
        scenarioName: String, seed: UInt64, policyName: String, workloadJobs: Int,
        windowStartMs: Int64, windowEndMs: Int64, windowStart: String, windowEnd: String,
        requests: RequestFigures, offerSets: OfferSetFigures, offers: OfferFigures,
        waits: WaitFigures, boundedSlowdown: Statistics, sessions: SessionFigures,
        sites: [SiteSummary], resources: ResourceUse, workloadReport: [String]
    ) {
        self.scenarioName = scenarioName
        self.seed = seed
        self.policyName = policyName
        self.workloadJobs = workloadJobs
        self.windowStartMs = windowStartMs
        self.windowEndMs = windowEndMs
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.requests = requests
        self.offerSets = offerSets
        self.offers = offers
        self.waits = waits
        self.boundedSlowdown = boundedSlowdown
        self.sessions = sessions
        self.sites = sites
        self.resources = resources
        self.workloadReport = workloadReport
    }

    /// Returns `part / whole`, or `nil` when `whole` is 0.
    public static func rate(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }

    /// Returns `part / whole`, or `nil` when `whole` is 0.
    public static func rate(_ part: Double, of whole: Double) -> Double? {
        whole == 0 ? nil : part / whole
    }
}

/// Figures of the jobs' requests for offers.
public struct RequestFigures: Codable, Sendable, Equatable {
    /// The number of jobs that requested offers.
    public var requests: Int
    /// The number of jobs that got a session (accepted an offer).
    public var requestsWithSession: Int
    /// `requestsWithSession / requests`.
    public var acceptanceRate: Double?
    /// The number of attempts after each job's first.
    public var retries: Int
    /// The number of jobs that gave up without a session.
    public var abandoned: Int
    /// The number of acceptances the broker refused because the offered, or shifted, slot
    /// no longer fit.
    public var refusedAcceptances: Int

    public init(
        requests: Int, requestsWithSession: Int, acceptanceRate: Double?, retries: Int,
        abandoned: Int, refusedAcceptances: Int
    ) {
        self.requests = requests
        self.requestsWithSession = requestsWithSession
        self.acceptanceRate = acceptanceRate
        self.retries = retries
        self.abandoned = abandoned
        self.refusedAcceptances = refusedAcceptances
    }
}

/// Figures of the offer sets the broker returned.
public struct OfferSetFigures: Codable, Sendable, Equatable {
    public var total: Int
    /// The number of sets with result YES (at least one offer).
    public var yes: Int
    /// The number of sets with result NO (no offer).
    public var no: Int
    /// `no / total`.
    public var noRate: Double?

    public init(total: Int, yes: Int, no: Int, noRate: Double?) {
        self.total = total
        self.yes = yes
        self.no = no
        self.noRate = noRate
    }
}

/// Figures of individual offers (sessions created in phase OFFERED) and how they ended.
public struct OfferFigures: Codable, Sendable, Equatable {
    public var made: Int
    public var accepted: Int
    public var rejected: Int
    public var expired: Int
    /// The number of offers still in phase OFFERED at the end of the run, normally 0.
    public var stillOffered: Int
    /// `accepted / made`.
    public var acceptanceRate: Double?
    /// `rejected / made`.
    public var rejectionRate: Double?
    /// `expired / made`.
    public var expiryRate: Double?

    public init(
        made: Int, accepted: Int, rejected: Int, expired: Int, stillOffered: Int,
        acceptanceRate: Double?, rejectionRate: Double?, expiryRate: Double?
    ) {
        self.made = made
        self.accepted = accepted
        self.rejected = rejected
        self.expired = expired
        self.stillOffered = stillOffered
        self.acceptanceRate = acceptanceRate
        self.rejectionRate = rejectionRate
        self.expiryRate = expiryRate
    }
}

/// Distributions of the times jobs waited, in seconds.
public struct WaitFigures: Codable, Sendable, Equatable {
    /// From a job's first request to its session reaching RUNNING.
    public var wait: Statistics
    /// From a job's first request to its offer being ACCEPTED.
    public var negotiation: Statistics
    /// From ACCEPTED to RUNNING.
    public var queueing: Statistics

    public init(wait: Statistics, negotiation: Statistics, queueing: Statistics) {
        self.wait = wait
        self.negotiation = negotiation
        self.queueing = queueing
    }
}

/// Counts of the jobs whose sessions ran and how those sessions ended.
public struct SessionFigures: Codable, Sendable, Equatable {
    /// The number of jobs whose session reached RUNNING.
    public var jobsRun: Int
    public var completed: Int
    public var failed: Int
    public var cancelled: Int

    public init(jobsRun: Int, completed: Int, failed: Int, cancelled: Int) {
        self.jobsRun = jobsRun
        self.completed = completed
        self.failed = failed
        self.cancelled = cancelled
    }
}

/// The use of one kind of resource (cores, memory or GPUs) over the simulated window.
public struct ResourceFigures: Codable, Sendable, Equatable {
    /// The busy share: capacity-time used by running sessions ÷ capacity-time, or `nil`
    /// when there is no capacity of this resource.
    public var utilisation: Double?
    /// The reserved share: capacity-time reserved by sessions, preparation and teardown
    /// included, ÷ capacity-time, or `nil` when there is no capacity of this resource.
    public var reservedShare: Double?
    /// Capacity held idle by offers that expired, in resource-hours: core-hours for cores,
    /// GiB-hours for memory, GPU-hours for GPUs.
    public var expiredIdleHeld: Double
    /// Capacity held idle by offers that were rejected, in the same unit.
    public var rejectedIdleHeld: Double

    public init(
        utilisation: Double?, reservedShare: Double?, expiredIdleHeld: Double,
        rejectedIdleHeld: Double
    ) {
        self.utilisation = utilisation
        self.reservedShare = reservedShare
        self.expiredIdleHeld = expiredIdleHeld
        self.rejectedIdleHeld = rejectedIdleHeld
    }

    /// Converts milli-core milliseconds to core-hours.
    public static func coreHours(milliCoreMs: Double) -> Double {
        milliCoreMs / 1000 / 3_600_000
    }

    /// Converts MiB milliseconds to GiB-hours.
    public static func gibHours(mibMs: Double) -> Double {
        mibMs / 1024 / 3_600_000
    }

    /// Converts milli-GPU milliseconds to GPU-hours.
    public static func gpuHours(milliGPUMs: Double) -> Double {
        milliGPUMs / 1000 / 3_600_000
    }
}

/// The use of cores, memory and GPUs.
public struct ResourceUse: Codable, Sendable, Equatable {
    public var cores: ResourceFigures
    public var memory: ResourceFigures
    public var gpus: ResourceFigures

    public init(cores: ResourceFigures, memory: ResourceFigures, gpus: ResourceFigures) {
        self.cores = cores
        self.memory = memory
        self.gpus = gpus
    }
}

/// The figures of one site.
public struct SiteSummary: Codable, Sendable, Equatable {
    public var name: String
    /// The offers the site made and how they ended.
    public var offers: OfferFigures
    /// The number of acceptances of this site's offers that the broker refused.
    public var refusedAcceptances: Int
    /// The waits of the sessions at this site.
    public var waits: WaitFigures
    public var sessions: SessionFigures
    public var resources: ResourceUse

    public init(
        name: String, offers: OfferFigures, refusedAcceptances: Int, waits: WaitFigures,
        sessions: SessionFigures, resources: ResourceUse
    ) {
        self.name = name
        self.offers = offers
        self.refusedAcceptances = refusedAcceptances
        self.waits = waits
        self.sessions = sessions
        self.resources = resources
    }
}
