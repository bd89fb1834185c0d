import BrokerModel
import Dispatch
import Results
import Scheduler
import Synchronization

/// Writes every offer set, session and phase change of a run into a
/// results store.
///
/// The simulation thread only collects rows; a writer queue inserts them in
/// batches, so SQLite's work overlaps the simulation on a second core. The
/// first write error stops further writes and is rethrown by `finish`,
/// since observer calls cannot throw.
public final class ResultsRecorder: BrokerObserver {
    private let writer: StoreWriter
    /// Whether the run's offers hold capacity, recorded with each session.
    let hold: Bool
    private var batch = RowBatch()

    /// Rows per batch handed to the writer.
    static let batchSize = 8192

    public init(store: ResultsStore, seed: UInt64, hold: Bool) {
        writer = StoreWriter(store: store, random: KeyedRandom(seed: seed))
        self.hold = hold
    }

    private func add(_ body: (inout RowBatch) -> Void) {
        body(&batch)
        guard batch.count >= Self.batchSize else { return }
        writer.submit(batch)
        batch = RowBatch()
    }

    public func offerSetCreated(_ offerSet: OfferSetRecord, sessions: [Session]) {
        add {
            $0.offerSets.append(
                OfferSetRow(
                    id: Int64(offerSet.id), uuid: "", job: Int64(offerSet.job),
                    attempt: Int64(offerSet.attempt), createdMs: offerSet.created,
                    expiresMs: offerSet.expires, result: offerSet.hasOffers ? "YES" : "NO",
                    offers: Int64(offerSet.offers.count),
                    message: offerSet.messages.isEmpty
                        ? nil : offerSet.messages.joined(separator: "\n")))
        }
    }

    public func phaseChanged(_ session: Session, from: Phase, to: Phase, at time: Milliseconds) {
        add {
            $0.phaseChanges.append(
                PhaseChangeRow(
                    session: Int64(session.id), timeMs: time, fromPhase: from.rawValue,
                    toPhase: to.rawValue, message: to.isFinal ? session.message : nil))
            guard to.isFinal else { return }
            let slot = session.slot
            $0.sessions.append(
                SessionRow(
                    id: Int64(session.id), uuid: "", offerSet: Int64(session.offerSet),
                    job: Int64(session.job), attempt: Int64(session.attempt),
                    site: Int64(session.site), rank: Int64(session.rank),
                    preparationStartMs: slot.start, preparationMs: slot.preparation,
                    runningStartMs: slot.runningStart, durationMs: slot.duration,
                    teardownMs: slot.teardown, milliCores: session.amounts.milliCores,
                    memoryMiB: session.amounts.memoryMiB, milliGPUs: session.amounts.milliGPUs,
                    expiresMs: session.expires, held: hold, finalPhase: to.rawValue,
                    message: session.message))
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
        writer.submit(batch)
        batch = RowBatch()
        try writer.finish { store in
            try Self.writeFinalRows(
                store, scenario: scenario, jobs: jobs, collector: collector, summary: summary)
        }
    }

    private static func writeFinalRows(
        _ store: ResultsStore, scenario: Scenario, jobs: [Job], collector: MetricsCollector,
        summary: RunSummary
    ) throws {
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
    /// The way the job ended: the final phase of its session in lower case,
    /// `abandoned`, or `unfinished` when the run ended first.
    public var outcome: String {
        if let finalPhase { return finalPhase.rawValue.lowercased() }
        return abandoned ? "abandoned" : "unfinished"
    }
}

/// Rows collected between two hand-overs to the writer.
private struct RowBatch: Sendable {
    var offerSets: [OfferSetRow] = []
    var sessions: [SessionRow] = []
    var phaseChanges: [PhaseChangeRow] = []

    var count: Int { offerSets.count + sessions.count + phaseChanges.count }
}

/// Inserts batches of rows into a results store on a serial queue of its own.
///
/// The store is used only by blocks on `queue`, one at a time, which is what
/// makes the unchecked `Sendable` conformance sound. At most
/// `maximumPending` batches wait at once, so memory stays bounded when
/// SQLite is slower than the simulation.
private final class StoreWriter: @unchecked Sendable {
    private let store: ResultsStore
    private let random: KeyedRandom
    private let queue = DispatchQueue(label: "results-writer")
    private let pending: DispatchSemaphore
    private let failure = Mutex<(any Error)?>(nil)

    init(store: ResultsStore, random: KeyedRandom, maximumPending: Int = 4) {
        self.store = store
        self.random = random
        pending = DispatchSemaphore(value: maximumPending)
    }

    /// Queues a batch; blocks while `maximumPending` batches are waiting.
    func submit(_ batch: RowBatch) {
        guard batch.count > 0 else { return }
        pending.wait()
        queue.async { [self] in
            defer { pending.signal() }
            guard failure.withLock({ $0 == nil }) else { return }
            do {
                try write(batch)
            } catch {
                failure.withLock { $0 = error }
            }
        }
    }

    /// Waits for every queued batch, rethrows the first error, then runs
    /// `body` with the store on the writer's queue.
    func finish(_ body: (ResultsStore) throws -> Void) throws {
        try queue.sync {
            if let error = failure.withLock({ $0 }) { throw error }
            try body(store)
        }
    }

    /// Inserts the rows, giving offer sets and sessions their UUIDs here,
    /// off the simulation thread.
    private func write(_ batch: RowBatch) throws {
        for var row in batch.offerSets {
            row.uuid = random.uuid(kind: "offer-set", id: UInt64(row.id))
            try store.insert(row)
        }
        for var row in batch.sessions {
            row.uuid = random.uuid(kind: "session", id: UInt64(row.id))
            try store.insert(row)
        }
        for row in batch.phaseChanges { try store.insert(row) }
    }
}
