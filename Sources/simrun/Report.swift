import BrokerModel
import Foundation
import Results
import Sim

extension Command {
    /// Builds the data of `report.html` for the runs of every variant.
    static func reportData(
        scenario: Scenario, comparison: ExperimentSummary, outputs: [[RunOutput]]
    ) -> ReportData {
        // GPU plots appear only when some run used GPUs, so that a CPU-only
        // workload on sites with GPUs does not fill the report with zeros.
        let usesGPUs = outputs.joined().contains {
            ($0.summary.resources.gpus.reservedShare ?? 0) > 0
        }
        let zero = Estimate(mean: 0, low: 0, high: 0)
        let variants = scenario.variants.enumerated().map { index, variant in
            let runs = outputs[index]
            var waits = runs.flatMap(\.waits).map { Double($0) / 1000 }
            waits.sort()
            let windowStart = runs[0].summary.windowStartMs
            let series = (runs[0].utilisation ?? []).map { series in
                SiteSeries(
                    site: series.site, bucketHours: Double(series.bucket) / 3_600_000,
                    startHours: Double(series.start - windowStart) / 3_600_000,
                    cores: series.cores, gpus: usesGPUs ? series.gpus : nil)
            }
            return VariantReport(
                name: variant.name,
                settings: variant.changes.isEmpty ? ["the scenario's settings"] : variant.changes,
                waitSeconds: waits,
                outcomes: OfferOutcomes(
                    accepted: comparison.estimate("offers.accepted", variant: index) ?? zero,
                    rejected: comparison.estimate("offers.rejected", variant: index) ?? zero,
                    expired: comparison.estimate("offers.expired", variant: index) ?? zero,
                    answeredNo: comparison.estimate("offerSets.no", variant: index) ?? zero),
                idleHeldExpired: comparison.estimate(
                    "resources.cores.expiredIdleHeld", variant: index) ?? zero,
                idleHeldExpiredGPU: usesGPUs
                    ? comparison.estimate("resources.gpus.expiredIdleHeld", variant: index)
                    : nil,
                idleHeldRejected: comparison.estimate(
                    "resources.cores.rejectedIdleHeld", variant: index) ?? zero,
                utilisation: series)
        }
        return ReportData(
            scenarioName: scenario.name, seed: scenario.seed, replications: scenario.replications,
            sites: scenario.sites.map(\.name), variants: variants,
            comparison: comparison.reportTable(),
            notes: outputs.first?.first?.summary.workloadReport ?? [])
    }

    /// Compares the runs of every variant.
    static func comparison(scenario: Scenario, outputs: [[RunOutput]]) -> ExperimentSummary {
        ExperimentSummary(
            scenarioName: scenario.name, seed: scenario.seed,
            variants: scenario.variants.enumerated().map { index, variant in
                ExperimentSummary.VariantRuns(
                    name: variant.name, changes: variant.changes,
                    runs: outputs[index].map(\.summary))
            })
    }
}
