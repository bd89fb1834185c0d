import BrokerModel
import Foundation
import Results
import Scheduler

/// The jobs of a scenario and the lines that report how they were read.
public struct PreparedWorkload: Sendable {
    public var jobs: [Job]
    public var report: [String]
}

/// What a finished run produced.
public struct RunOutput: Sendable {
    public var summary: RunSummary
    public var outcome: SimulationOutcome
}

extension Scenario {
    /// The same scenario with another seed, which also keys the synthetic
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

    /// Reads or generates the jobs, applies the transformations and assigns
    /// each job an image and a dataset from the catalogue.
    ///
    /// - Throws: `SWFReadError` or `AlibabaReadError` when the trace cannot be read.
    public func prepareWorkload() throws -> PreparedWorkload {
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

        let assignment = CatalogueAssignment(
            seed: seed, imageCount: max(1, images.count), datasetCount: datasets.count,
            imageRule: workload.imageRule, datasetRule: workload.datasetRule)
        let fallbacks = assignment.assign(to: &jobs)
        if !images.isEmpty, fallbacks.imageFallbacks > 0 {
            report.append(
                "catalogue: \(fallbacks.imageFallbacks) jobs had no key for the image rule and were keyed by job number"
            )
        }
        if !datasets.isEmpty, fallbacks.datasetFallbacks > 0 {
            report.append(
                "catalogue: \(fallbacks.datasetFallbacks) jobs had no key for the dataset rule and were keyed by job number"
            )
        }
        return PreparedWorkload(jobs: jobs, report: report)
    }

    /// The simulation setup of this scenario over `jobs`.
    public func simulationSetup(jobs: [Job]) -> SimulationSetup {
        SimulationSetup(
            seed: seed, sites: sites, broker: broker, client: client, jobs: jobs,
            datasetBytes: datasets.map(\.bytes), jobsHaveImages: !images.isEmpty)
    }

    /// Runs the scenario once: prepares the workload, simulates it and
    /// builds the summary, writing `results.sqlite` at `databasePath` when given.
    public func run(
        databasePath: String? = nil, progress: ((SimulationProgress) -> Void)? = nil
    ) throws -> RunOutput {
        let workload = try prepareWorkload()
        let simulation = Simulation(setup: simulationSetup(jobs: workload.jobs))
        let collector = MetricsCollector(jobCount: workload.jobs.count, siteCount: sites.count)
        simulation.addObserver(collector)
        var recorder: ResultsRecorder?
        if let databasePath {
            let store = try ResultsStore(path: databasePath)
            recorder = ResultsRecorder(store: store, seed: seed, hold: broker.hold)
            simulation.addObserver(recorder!)
        }

        let outcome = simulation.run(progress: progress)
        let summary = collector.summary(
            scenarioName: name, seed: seed, policy: broker.policy, sites: sites, epoch: epoch,
            workloadReport: workload.report)
        try recorder?.finish(
            scenario: self, jobs: workload.jobs, collector: collector, summary: summary)
        return RunOutput(summary: summary, outcome: outcome)
    }
}
