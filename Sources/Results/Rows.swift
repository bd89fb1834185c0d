/// One row of the `sites` table: a site's capacity and timing parameters.
public struct SiteRow: Equatable, Sendable {
    /// The site's index in scenario order.
    public var id: Int64
    public var name: String
    public var milliCores: Int64
    public var memoryMiB: Int64
    public var milliGPUs: Int64
    /// The GPU model name, or `nil` for a site without GPUs.
    public var gpuModel: String?
    /// The number of container images the site's cache holds.
    public var imageCacheCapacity: Int64
    /// The time to pull an image that is not cached.
    public var pullTimeMs: Int64
    public var stagingBandwidthBytesPerSecond: Int64
    public var setupMs: Int64
    public var teardownMs: Int64

    public init(
        id: Int64, name: String, milliCores: Int64, memoryMiB: Int64, milliGPUs: Int64,
        gpuModel: String?, imageCacheCapacity: Int64, pullTimeMs: Int64,
        stagingBandwidthBytesPerSecond: Int64, setupMs: Int64, teardownMs: Int64
    ) {
        self.id = id
        self.name = name
        self.milliCores = milliCores
        self.memoryMiB = memoryMiB
        self.milliGPUs = milliGPUs
        self.gpuModel = gpuModel
        self.imageCacheCapacity = imageCacheCapacity
        self.pullTimeMs = pullTimeMs
        self.stagingBandwidthBytesPerSecond = stagingBandwidthBytesPerSecond
        self.setupMs = setupMs
        self.teardownMs = teardownMs
    }
}

/// One row of the `requests` table: a job of the workload and how it ended.
public struct RequestRow: Equatable, Sendable {
    /// The job's id, unique in the run.
    public var job: Int64
    /// The job's number in the workload trace.
    public var number: Int64
    public var arrivalMs: Int64
    /// The run time the job needs once running.
    public var runTimeMs: Int64
    /// The session duration the job requests.
    public var durationMs: Int64
    public var milliCores: Int64
    public var memoryMiB: Int64
    public var milliGPUs: Int64
    public var image: String?
    public var dataset: String?
    /// The number of offer-set requests made for the job, including the first.
    public var attempts: Int64
    /// The job's outcome, for example `ran`, `abandoned` or `cancelled`.
    public var outcome: String
    /// When an offer for the job was accepted, or `nil` if none was.
    public var acceptedMs: Int64?
    /// When the job's session reached RUNNING, or `nil` if it never did.
    public var runningMs: Int64?
    /// The id of the site that ran the job, or `nil`.
    public var site: Int64?

    public init(
        job: Int64, number: Int64, arrivalMs: Int64, runTimeMs: Int64, durationMs: Int64,
        milliCores: Int64, memoryMiB: Int64, milliGPUs: Int64, image: String?,
        dataset: String?, attempts: Int64, outcome: String, acceptedMs: Int64?,
        runningMs: Int64?, site: Int64?
    ) {
        self.job = job
        self.number = number
        self.arrivalMs = arrivalMs
        self.runTimeMs = runTimeMs
        self.durationMs = durationMs
        self.milliCores = milliCores
        self.memoryMiB = memoryMiB
        self.milliGPUs = milliGPUs
        self.image = image
        self.dataset = dataset
        self.attempts = attempts
        self.outcome = outcome
        self.acceptedMs = acceptedMs
        self.runningMs = runningMs
        self.site = site
    }
}

/// One row of the `offer_sets` table: the broker's reply to one request for offers.
public struct OfferSetRow: Equatable, Sendable {
    public var id: Int64
    public var uuid: String
    public var job: Int64
    /// The attempt number: 0 for the first request of a job, then 1, 2, … for retries.
    public var attempt: Int64
    public var createdMs: Int64
    public var expiresMs: Int64
    /// `YES` when the set contains offers, `NO` when it does not.
    public var result: String
    /// The number of offers in the set.
    public var offers: Int64
    public var message: String?

    public init(
        id: Int64, uuid: String, job: Int64, attempt: Int64, createdMs: Int64,
        expiresMs: Int64, result: String, offers: Int64, message: String?
    ) {
        self.id = id
        self.uuid = uuid
        self.job = job
        self.attempt = attempt
        self.createdMs = createdMs
        self.expiresMs = expiresMs
        self.result = result
        self.offers = offers
        self.message = message
    }
}

/// One row of the `sessions` table. Every offer is a session that starts in phase
/// OFFERED, so offers that were never accepted have rows too.
public struct SessionRow: Equatable, Sendable {
    public var id: Int64
    public var uuid: String
    /// The id of the offer set that contained the offer.
    public var offerSet: Int64
    public var job: Int64
    public var attempt: Int64
    public var site: Int64
    /// The offer's position in its offer set, starting at 0.
    public var rank: Int64
    public var preparationStartMs: Int64?
    public var preparationMs: Int64?
    public var runningStartMs: Int64?
    public var durationMs: Int64?
    public var teardownMs: Int64?
    public var milliCores: Int64
    public var memoryMiB: Int64
    public var milliGPUs: Int64
    public var expiresMs: Int64?
    /// Whether the offer reserved the site's resources while it was open.
    public var held: Bool
    /// The phase the session ended in, for example `COMPLETED` or `EXPIRED`.
    public var finalPhase: String
    public var message: String?

    public init(
        id: Int64, uuid: String, offerSet: Int64, job: Int64, attempt: Int64, site: Int64,
        rank: Int64, preparationStartMs: Int64?, preparationMs: Int64?, runningStartMs: Int64?,
        durationMs: Int64?, teardownMs: Int64?, milliCores: Int64, memoryMiB: Int64,
        milliGPUs: Int64, expiresMs: Int64?, held: Bool, finalPhase: String, message: String?
    ) {
        self.id = id
        self.uuid = uuid
        self.offerSet = offerSet
        self.job = job
        self.attempt = attempt
        self.site = site
        self.rank = rank
        self.preparationStartMs = preparationStartMs
        self.preparationMs = preparationMs
        self.runningStartMs = runningStartMs
        self.durationMs = durationMs
        self.teardownMs = teardownMs
        self.milliCores = milliCores
        self.memoryMiB = memoryMiB
        self.milliGPUs = milliGPUs
        self.expiresMs = expiresMs
        self.held = held
        self.finalPhase = finalPhase
        self.message = message
    }
}

/// One row of the `phase_changes` table: a session moving from one phase to another.
public struct PhaseChangeRow: Equatable, Sendable {
    public var session: Int64
    public var timeMs: Int64
    /// The phase before the change; an offer's first row goes from `INITIAL` to `OFFERED`.
    public var fromPhase: String?
    public var toPhase: String
    public var message: String?

    public init(
        session: Int64, timeMs: Int64, fromPhase: String?, toPhase: String, message: String?
    ) {
        self.session = session
        self.timeMs = timeMs
        self.fromPhase = fromPhase
        self.toPhase = toPhase
        self.message = message
    }
}

/// One row of the `metrics` table: a figure of the run summary.
public struct MetricRow: Equatable, Sendable {
    /// `run` for a figure of the whole run, `site` for a figure of one site.
    public var scope: String
    /// The site name for scope `site`, `nil` for scope `run`.
    public var site: String?
    public var name: String
    public var value: Double

    public init(scope: String, site: String?, name: String, value: Double) {
        self.scope = scope
        self.site = site
        self.name = name
        self.value = value
    }
}
