import BrokerModel
import Scheduler

/// Everything a simulation run needs, already resolved from the scenario.
public struct SimulationSetup: Sendable {
    public var seed: UInt64
    public var sites: [SiteDescription]
    public var broker: BrokerSettings
    public var client: ClientSettings
    /// Jobs sorted by arrival, with `index` equal to their position.
    public var jobs: [Job]
    /// Size in bytes of each catalogue dataset, by index.
    public var datasetBytes: [Int64]
    /// Whether jobs carry an image; false when the catalogue has none.
    public var jobsHaveImages: Bool

    public init(
        seed: UInt64, sites: [SiteDescription], broker: BrokerSettings, client: ClientSettings,
        jobs: [Job], datasetBytes: [Int64] = [], jobsHaveImages: Bool = true
    ) {
        self.seed = seed
        self.sites = sites
        self.broker = broker
        self.client = client
        self.jobs = jobs
        self.datasetBytes = datasetBytes
        self.jobsHaveImages = jobsHaveImages
    }
}

/// Where a run stands, for progress reports.
public struct SimulationProgress: Sendable {
    public var now: Milliseconds
    public var events: Int
    public var jobsArrived: Int
    public var jobCount: Int
}

/// The totals of a finished run.
public struct SimulationOutcome: Sendable, Equatable {
    /// Events handled, of every kind.
    public var events: Int
    /// The time of the last event.
    public var end: Milliseconds
}

/// The discrete-event simulation: the real broker, simulated sites and
/// simulated clients, driven by one event queue in integer milliseconds.
///
/// Events run in (time, class, sequence) order. The clock is set before the
/// events due at that time run and never moves backwards.
public final class Simulation {
    enum Event {
        case broker(BrokerTimer)
        case request(job: Int, attempt: Int)
        case decision(job: Int, attempt: Int, offerSet: Int)
        case jobEnd(session: Int)
    }

    public let setup: SimulationSetup
    public private(set) var broker: Broker!
    let clock = SimulationClock()
    let random: KeyedRandom
    private var clientObservers: [any ClientObserver] = []
    /// The offers of each offer set awaiting the client's decision, in rank order.
    private var pendingOffers: [Int: [Int]] = [:]
    /// The request's dataset list for each catalogue dataset, built once.
    private let datasetLists: [[JobRequest.Dataset]]
    private var preferredSite: Int?
    private var nextArrival = 0
    private var events = 0

    public init(setup: SimulationSetup) {
        self.setup = setup
        random = KeyedRandom(seed: setup.seed)
        datasetLists = setup.datasetBytes.enumerated().map {
            [JobRequest.Dataset(index: $0.offset, bytes: $0.element)]
        }
        if case .preferredSite(let name) = setup.client.choice {
            preferredSite = setup.sites.firstIndex { $0.name == name }
        }
        let backend = SimulatedSites(clock: clock, runTimes: setup.jobs.map(\.runTime))
        broker = Broker(
            settings: setup.broker, sites: setup.sites, clock: clock, backend: backend,
            random: random)
        backend.broker = broker
    }

    /// Adds an observer of the broker and, when it is one, of the clients.
    public func addObserver(_ observer: any BrokerObserver) {
        broker.addObserver(observer)
        if let client = observer as? any ClientObserver { clientObservers.append(client) }
    }

    /// Runs the simulation until no event is left.
    ///
    /// - Parameter progress: called every `progressInterval` events and once at the end.
    public func run(
        progressInterval: Int = 50_000, progress: ((SimulationProgress) -> Void)? = nil
    ) -> SimulationOutcome {
        scheduleNextArrival()
        while let entry = clock.queue.pop() {
            clock.now = entry.time
            events += 1
            handle(entry.payload)
            if let progress, events % progressInterval == 0 {
                progress(currentProgress)
            }
        }
        progress?(currentProgress)
        return SimulationOutcome(events: events, end: clock.now)
    }

    private var currentProgress: SimulationProgress {
        SimulationProgress(
            now: clock.now, events: events, jobsArrived: nextArrival, jobCount: setup.jobs.count)
    }

    private func handle(_ event: Event) {
        switch event {
        case .broker(let timer):
            broker.fire(timer)
        case .jobEnd(let session):
            broker.jobEnded(session: session)
        case .request(let job, let attempt):
            if attempt == 0 { scheduleNextArrival() }
            sendRequest(job: job, attempt: attempt)
        case .decision(let job, let attempt, let offerSet):
            decide(job: job, attempt: attempt, offerSet: offerSet)
        }
    }

    /// Queues the next job's first request; arrivals enter the queue one at
    /// a time so that it stays small.
    private func scheduleNextArrival() {
        guard nextArrival < setup.jobs.count else { return }
        let job = setup.jobs[nextArrival]
        nextArrival += 1
        clock.queue.push(.request(job: job.index, attempt: 0), at: job.arrival, class: .request)
    }

    private func sendRequest(job: Int, attempt: Int) {
        let now = clock.now
        for observer in clientObservers {
            observer.requestSent(job: job, attempt: attempt, at: now)
        }
        let offerSet = broker.submit(request(for: setup.jobs[job], attempt: attempt))
        guard offerSet.hasOffers else {
            retryOrAbandon(job: job, attempt: attempt)
            return
        }
        pendingOffers[offerSet.id] = offerSet.offers
        let think = setup.client.thinkTime.sample(
            random, "think-time", entity: Int64(job), attempt: attempt)
        clock.queue.push(
            .decision(job: job, attempt: attempt, offerSet: offerSet.id),
            at: now + min(max(0, KeyedRandom.milliseconds(think)), WorkloadLimits.maxMilliseconds),
            class: .clientDecision)
    }

    private func request(for job: Job, attempt: Int) -> JobRequest {
        JobRequest(
            job: job.index, attempt: attempt,
            needs: ResourceAmounts(
                milliCores: job.milliCores, memoryMiB: job.memoryMiB, milliGPUs: job.milliGPUs),
            gpuModels: job.gpuModels, image: setup.jobsHaveImages ? job.image : nil,
            datasets: job.dataset.map { datasetLists[$0] } ?? [], duration: job.duration)
    }

    private func decide(job: Int, attempt: Int, offerSet: Int) {
        let offers = pendingOffers.removeValue(forKey: offerSet) ?? []
        for id in order(offers, job: job, attempt: attempt) {
            guard broker.session(id)?.phase == .offered else { continue }
            do {
                if try broker.accept(session: id) == .accepted { return }
            } catch {
                // The offer is still OFFERED and before its expiry here, so
                // the broker has no reason to throw.
                preconditionFailure("simulated client: \(error)")
            }
        }
        retryOrAbandon(job: job, attempt: attempt)
    }

    /// Orders offers by the client's choice rule.
    private func order(_ offers: [Int], job: Int, attempt: Int) -> [Int] {
        switch setup.client.choice {
        case .first:
            return offers
        case .earliestStart:
            let starts = offers.map { broker.session($0)?.slot.runningStart ?? Int64.max }
            return offers.indices.sorted { (starts[$0], $0) < (starts[$1], $1) }.map { offers[$0] }
        case .preferredSite:
            let preferred = offers.filter { broker.session($0)?.site == preferredSite }
            return preferred + offers.filter { broker.session($0)?.site != preferredSite }
        case .random:
            return random.shuffled(offers, "choice", entity: Int64(job), attempt: attempt)
        }
    }

    private func retryOrAbandon(job: Int, attempt: Int) {
        let now = clock.now
        guard attempt < setup.client.retries else {
            for observer in clientObservers { observer.requestAbandoned(job: job, at: now) }
            return
        }
        clock.queue.push(
            .request(job: job, attempt: attempt + 1), at: now + setup.client.backOff,
            class: .request)
    }
}

/// The broker's clock in a simulation: timers become queue events.
final class SimulationClock: BrokerClock {
    var now: Milliseconds = 0
    var queue = EventQueue<Simulation.Event>()

    func schedule(_ timer: BrokerTimer, at time: Milliseconds) {
        precondition(time >= now, "a timer was set in the past: \(time) < \(now)")
        queue.push(.broker(timer), at: time, class: timer.eventClass)
    }
}

/// Simulated sites: a job runs for its trace run time, and the broker stops
/// it if that is longer than its duration.
final class SimulatedSites: ComputeBackend {
    let clock: SimulationClock
    let runTimes: [Milliseconds]
    weak var broker: Broker?

    init(clock: SimulationClock, runTimes: [Milliseconds]) {
        self.clock = clock
        self.runTimes = runTimes
    }

    func start(_ job: RunningJob) {
        clock.queue.push(
            .jobEnd(session: job.session), at: clock.now + runTimes[job.job], class: .phaseChange)
    }

    func stop(_ job: RunningJob) {
        // The job's end event may still be queued; the broker ignores ends
        // of sessions that are no longer RUNNING.
    }
}

extension KeyedRandom: KeyedRandomSource {}
