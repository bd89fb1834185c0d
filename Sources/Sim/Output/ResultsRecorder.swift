import BrokerModel
import Results
import Scheduler

/// Writes every offer set, session and phase change of a run into a
/// results store. The first write error stops further writes and is
/// rethrown by `finish`, since observer calls cannot throw.
public final class ResultsRecorder: BrokerObserver {
    let store: ResultsStore
    let random: KeyedRandom
    /// Whether the run's offers hold capacity, recorded with each session.
    let hold: Bool
    private(set) var failure: (any Error)?

    public init(store: ResultsStore, seed: UInt64, hold: Bool) {
        self.store = store
        self.hold = hold
        random = KeyedRandom(seed: seed)
    }

    private func write(_ body: () throws -> Void) {
        guard failure == nil else { return }
        do { try body() } catch { failure = error }
    }

    public func offerSetCreated(_ offerSet: OfferSetRecord, sessions: [Session]) {
        write {
            try store.insert(
                OfferSetRow(
                    id: Int64(offerSet.id),
                    uuid: random.uuid(kind: "offer-set", id: UInt64(offerSet.id)),
                    job: Int64(offerSet.job), attempt: Int64(offerSet.attempt),
                    createdMs: offerSet.created, expiresMs: offerSet.expires,
                    result: offerSet.hasOffers ? "YES" : "NO", offers: Int64(offerSet.offers.count),
                    message: offerSet.messages.isEmpty
                        ? nil : offerSet.messages.joined(separator: "\n")))
        }
    }

    public func phaseChanged(_ session: Session, from: Phase, to: Phase, at time: Milliseconds) {
        write {
            try store.insert(
                PhaseChangeRow(
                    session: Int64(session.id), timeMs: time, fromPhase: from.rawValue,
                    toPhase: to.rawValue, message: to.isFinal ? session.message : nil))
            guard to.isFinal else { return }
            let slot = session.slot
            try store.insert(
                SessionRow(
                    id: Int64(session.id),
                    uuid: random.uuid(kind: "session", id: UInt64(session.id)),
                    offerSet: Int64(session.offerSet), job: Int64(session.job),
                    attempt: Int64(session.attempt), site: Int64(session.site),
                    rank: Int64(session.rank), preparationStartMs: slot.start,
                    preparationMs: slot.preparation, runningStartMs: slot.runningStart,
                    durationMs: slot.duration, teardownMs: slot.teardown,
                    milliCores: session.amounts.milliCores, memoryMiB: session.amounts.memoryMiB,
                    milliGPUs: session.amounts.milliGPUs, expiresMs: session.expires,
                    held: hold,
                    finalPhase: to.rawValue, message: session.message))
        }
    }

    public func acceptanceRefused(_ session: Session, at time: Milliseconds, message: String) {}
    public func holdReleased(_ session: Session, at time: Milliseconds) {}
    public func reservationReleased(_ session: Session, at time: Milliseconds) {}

    /// Writes the scenario, sites, requests and metrics, then finishes the store.
    ///
    /// - Throws: the first error of any write during the run, or of these writes.
    public func finish(
        scenario: Scenario, jobs: [Job], collector: MetricsCollector, summary: RunSummary
    ) throws {
        if let failure { throw failure }
        try store.insertScenario([
            (key: "name", value: scenario.name), (key: "seed", value: String(scenario.seed)),
            (key: "epoch", value: ISO8601.format(instant: scenario.epoch)),
            (key: "policy", value: scenario.broker.policy.rawValue),
            (key: "file", value: scenario.file), (key: "text", value: scenario.text),
        ])
        for (index, site) in scenario.sites.enumerated() {
            try store.insert(
                SiteRow(
                    id: Int64(index), name: site.name, milliCores: site.capacity.milliCores,
                    memoryMiB: site.capacity.memoryMiB, milliGPUs: site.capacity.milliGPUs,
                    gpuModel: site.gpuModel, imageCacheCapacity: Int64(site.imageCacheCapacity),
                    pullTimeMs: site.pullTime,
                    stagingBandwidthBytesPerSecond: site.stagingBandwidth,
                    setupMs: site.setup, teardownMs: site.teardown))
        }
        for job in jobs {
            let record = collector.jobs[job.index]
            try store.insert(
                RequestRow(
                    job: Int64(job.index), number: job.number, arrivalMs: job.arrival,
                    runTimeMs: job.runTime, durationMs: job.duration, milliCores: job.milliCores,
                    memoryMiB: job.memoryMiB, milliGPUs: job.milliGPUs,
                    image: scenario.images.isEmpty ? nil : scenario.images[job.image].name,
                    dataset: job.dataset.map { scenario.datasets[$0].name },
                    attempts: Int64(record.attempts), outcome: record.outcome,
                    acceptedMs: record.accepted >= 0 ? record.accepted : nil,
                    runningMs: record.running >= 0 ? record.running : nil,
                    site: record.site >= 0 ? Int64(record.site) : nil))
        }
        try store.insertMetrics(of: summary)
        try store.finish()
        try store.close()
    }
}

extension MetricsCollector.JobRecord {
    /// How the job ended: the final phase of its session in lower case,
    /// `abandoned`, or `unfinished` when the run ended first.
    public var outcome: String {
        if let finalPhase { return finalPhase.rawValue.lowercased() }
        return abandoned ? "abandoned" : "unfinished"
    }
}
