import BrokerModel
import Foundation
import Results
import Scheduler
import Synchronization

/// The jobs of a scenario and the lines that report how they were read.
public struct PreparedWorkload: Sendable {
    public var jobs: [Job]
    public var report: [String]
}

/// The outputs of a finished run.
public struct RunOutput: Sendable {
    public var summary: RunSummary
    public var outcome: SimulationOutcome
    /// Waits of the jobs that ran, sorted, in ms.
    public var waits: [Milliseconds]
    /// Busy shares over time per site, when the run recorded a timeline.
    public var utilisation: [UtilisationSeries]?
}

/// One run of an experiment: a variant with the seed of one replication.
public struct RunPlan: Sendable, Equatable {
    public var variant: Int
    public var replication: Int
    public var seed: UInt64
}

extension Scenario {
    /// Returns the same scenario with another seed, which also keys the synthetic
    /// workload and the catalogue assignment.
    public func withSeed(_ seed: UInt64) -> Scenario {
        var copy = self
        copy.seed = seed
        if case .synthetic(var synthetic) = workload.source {
            synthetic.seed = seed
            copy.workload.source = .synthetic(synthetic)
        }
        return copy
    }

    /// Returns the seed of replication `replication`: the scenario's own seed
    /// for replication 0, then keyed values derived from it. Every variant
    /// of one replication runs with that seed, so all get the same arrivals,
    /// sizes and draws.
    public func seed(ofReplication replication: Int) -> UInt64 {
        guard replication > 0 else { return seed }
        return KeyedRandom(seed: seed).raw("replication", entity: Int64(replication))
    }

    /// Every run of the experiment: each variant with each replication's seed.
    public var runPlans: [RunPlan] {
        variants.indices.flatMap { variant in
            (0..<replications).map { replication in
                RunPlan(
                    variant: variant, replication: replication,
                    seed: seed(ofReplication: replication))
            }
        }
    }

    /// Reads or generates the jobs, applies the transformations and assigns
    /// each job an image and a dataset from the catalogue.
    ///
    /// - Throws: `SWFReadError` or `AlibabaReadError` when the trace cannot be read.
    public func prepareWorkload() throws -> PreparedWorkload {
        var workload = try readJobs()
        assignCatalogue(to: &workload)
        return workload
    }

    /// Reads the trace, or generates the synthetic jobs with this
    /// scenario's seed, and applies the transformations.
    func readJobs() throws -> PreparedWorkload {
        var jobs: [Job]
        var report: [String]
        switch workload.source {
        case .swf(let path, let options):
            let result = try SWFReader.read(path: path, options: options)
            jobs = result.jobs
            report = result.report.renderedLines()
        case .alibaba(let path, let options):
            let result = try AlibabaPodReader.read(path: path, options: options)
            jobs = result.jobs
            report = result.report.renderedLines()
        case .synthetic(let synthetic):
            jobs = synthetic.jobs()
            report = [
                "synthetic workload: \(jobs.count) jobs, \(synthetic.arrivalRatePerHour) arrivals per hour"
            ]
        }

        let before = jobs.count
        jobs = workload.transform.apply(to: jobs)
        if jobs.count != before {
            report.append("limit: \(jobs.count) of \(before) jobs kept")
        }

        // Jobs whose times or amounts lie beyond what the broker's integer
        // arithmetic handles are skipped and counted, never run.
        let kept = jobs.filter(\.isWithinLimits)
        if kept.count != jobs.count {
            report.append(
                "skipped \(jobs.count - kept.count) jobs with a time beyond 100 years or an "
                    + "amount beyond the supported range")
            jobs = kept.enumerated().map { position, job in
                var job = job
                job.index = position
                return job
            }
        }
        return PreparedWorkload(jobs: jobs, report: report)
    }

    /// Gives each job an image and a dataset keyed by this scenario's seed.
    func assignCatalogue(to workload: inout PreparedWorkload) {
        let assignment = CatalogueAssignment(
            seed: seed, imageCount: max(1, images.count), datasetCount: datasets.count,
            imageRule: self.workload.imageRule, datasetRule: self.workload.datasetRule)
        let fallbacks = assignment.assign(to: &workload.jobs)
        if !images.isEmpty, fallbacks.imageFallbacks > 0 {
            workload.report.append(
                "catalogue: \(fallbacks.imageFallbacks) jobs had no key for the image rule and were keyed by job number"
            )
        }
        if !datasets.isEmpty, fallbacks.datasetFallbacks > 0 {
            workload.report.append(
                "catalogue: \(fallbacks.datasetFallbacks) jobs had no key for the dataset rule and were keyed by job number"
            )
        }
    }

    /// Returns the simulation setup of this scenario's first variant over `jobs`.
    public func simulationSetup(jobs: [Job]) -> SimulationSetup {
        simulationSetup(jobs: jobs, variant: variants[0])
    }

    func simulationSetup(jobs: [Job], variant: Variant) -> SimulationSetup {
        SimulationSetup(
            seed: seed, sites: sites, broker: variant.broker, client: variant.client, jobs: jobs,
            datasetBytes: datasets.map(\.bytes), jobsHaveImages: !images.isEmpty)
    }

    /// Runs the first variant once with this scenario's seed: prepares the
    /// workload, simulates it and builds the summary, writing
    /// `results.sqlite` at `databasePath` when given.
    public func run(
        databasePath: String? = nil, recordsTimeline: Bool = false,
        progress: ((SimulationProgress) -> Void)? = nil
    ) throws -> RunOutput {
        try run(
            variant: variants[0], workload: try prepareWorkload(), databasePath: databasePath,
            recordsTimeline: recordsTimeline, progress: progress)
    }

    /// Runs one variant over a prepared workload with this scenario's seed.
    public func run(
        variant: Variant, workload: PreparedWorkload, databasePath: String?,
        recordsTimeline: Bool, progress: ((SimulationProgress) -> Void)?
    ) throws -> RunOutput {
        let simulation = Simulation(setup: simulationSetup(jobs: workload.jobs, variant: variant))
        let collector = MetricsCollector(
            jobCount: workload.jobs.count, siteCount: sites.count,
            recordsTimeline: recordsTimeline)
        simulation.addObserver(collector)
        var recorder: ResultsRecorder?
        if let databasePath {
            let store = try ResultsStore(path: databasePath)
            recorder = ResultsRecorder(store: store, seed: seed, hold: variant.broker.hold)
            simulation.addObserver(recorder!)
        }

        let outcome = simulation.run(progress: progress)
        let summary = collector.summary(
            scenarioName: name, seed: seed, policy: variant.broker.policy, sites: sites,
            epoch: epoch, workloadReport: workload.report)
        var scenario = self
        scenario.broker = variant.broker
        scenario.client = variant.client
        try recorder?.finish(
            scenario: scenario, jobs: workload.jobs, collector: collector, summary: summary)
        return RunOutput(
            summary: summary, outcome: outcome, waits: collector.sortedWaits(),
            utilisation: recordsTimeline ? collector.utilisationSeries(sites: sites) : nil)
    }

    /// Runs every variant with every replication's seed, spread over the
    /// machine's cores. Variants of one replication share the workload.
    ///
    /// - Parameters:
    ///   - databasePath: where each run writes `results.sqlite`, or nil for none.
    ///   - finished: called after each run with the number of runs done.
    /// - Returns: the outputs by variant, then by replication.
    public func runExperiment(
        databasePath: @Sendable (RunPlan) -> String?,
        finished: (@Sendable (Int) -> Void)? = nil
    ) throws -> [[RunOutput]] {
        let plans = runPlans
        let base = try readJobs()
        let outputs = Mutex<[RunOutput?]>(Array(repeating: nil, count: plans.count))
        let failure = Mutex<(any Error)?>(nil)
        let done = Atomic<Int>(0)

        DispatchQueue.concurrentPerform(iterations: plans.count) { index in
            let plan = plans[index]
            do {
                let replica = withSeed(plan.seed)
                // A trace is read once; a synthetic workload depends on the seed.
                var jobs = base
                if case .synthetic = workload.source, plan.seed != seed {
                    jobs = try replica.readJobs()
                }
                replica.assignCatalogue(to: &jobs)
                let output = try replica.run(
                    variant: variants[plan.variant], workload: jobs,
                    databasePath: databasePath(plan), recordsTimeline: plan.replication == 0,
                    progress: nil)
                outputs.withLock { $0[index] = output }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
            let count = done.add(1, ordering: .relaxed).newValue
            finished?(count)
        }

        if let error = failure.withLock({ $0 }) { throw error }
        let flat = outputs.withLock { $0.map { $0! } }
        return variants.indices.map { variant in
            Array(flat[(variant * replications)..<((variant + 1) * replications)])
        }
    }
}
