import Foundation
import Testing

@testable import Results

/// A summary whose only varying figure is the retries count.
private func summary(retries: Int) -> RunSummary {
    var summary = try! RunSummary.decode(json: Data(minimalSummaryJSON.utf8))
    summary.requests.retries = retries
    return summary
}

private let minimalSummaryJSON = """
    {"scenarioName": "s", "seed": 1, "policyName": "earliest-start", "workloadJobs": 0,
     "windowStartMs": 0, "windowEndMs": 0, "windowStart": "a", "windowEnd": "b",
     "requests": {"requests": 0, "requestsWithSession": 0, "retries": 0, "abandoned": 0,
                  "refusedAcceptances": 0},
     "offerSets": {"total": 0, "yes": 0, "no": 0},
     "offers": {"made": 0, "accepted": 0, "rejected": 0, "expired": 0, "stillOffered": 0},
     "waits": {"wait": {"count": 0}, "negotiation": {"count": 0}, "queueing": {"count": 0}},
     "boundedSlowdown": {"count": 0},
     "sessions": {"jobsRun": 0, "completed": 0, "failed": 0, "cancelled": 0},
     "sites": [],
     "resources": {"cores": {"expiredIdleHeld": 0, "rejectedIdleHeld": 0},
                   "memory": {"expiredIdleHeld": 0, "rejectedIdleHeld": 0},
                   "gpus": {"expiredIdleHeld": 0, "rejectedIdleHeld": 0}},
     "workloadReport": []}
    """

@Test func studentQuantilesByTable() {
    #expect(ExperimentSummary.studentT975(degreesOfFreedom: 1) == 12.706205)
    #expect(ExperimentSummary.studentT975(degreesOfFreedom: 30) == 2.042272)
    // Exact values 2.009575 (df 49) and 1.983972 (df 100).
    #expect(abs(ExperimentSummary.studentT975(degreesOfFreedom: 49) - 2.009575) < 1e-4)
    #expect(abs(ExperimentSummary.studentT975(degreesOfFreedom: 100) - 1.983972) < 1e-4)
}

@Test func confidenceIntervalByHand() {
    // Values 1, 2, 3: mean 2, sample standard deviation 1, so the
    // half-width is t(2) × 1 / √3 = 4.302653 / 1.7320508 = 2.4841377.
    let halfWidth = ExperimentSummary.confidenceHalfWidth([1, 2, 3], mean: 2)!
    #expect(abs(halfWidth - 2.4841377) < 1e-6)
    #expect(ExperimentSummary.confidenceHalfWidth([5], mean: 5) == nil)
}

@Test func comparisonMarksOverlaps() throws {
    let comparison = ExperimentSummary(
        scenarioName: "s", seed: 1,
        variants: [
            .init(name: "a", changes: [], runs: [summary(retries: 1), summary(retries: 3)]),
            .init(
                name: "b", changes: ["broker.hold: false"],
                runs: [summary(retries: 2), summary(retries: 4)]),
            .init(name: "c", changes: [], runs: [summary(retries: 40), summary(retries: 42)]),
        ])
    let baseline = try #require(comparison.variants[0].figure("requests.retries"))
    #expect(baseline.mean == 2)
    #expect(baseline.difference == nil)
    #expect(baseline.overlapsBaseline == nil)
    // Two values 1 and 3: standard deviation √2, half-width 12.706205 × √2 / √2.
    #expect(abs(baseline.high! - 2 - 12.706205) < 1e-9)

    let close = try #require(comparison.variants[1].figure("requests.retries"))
    #expect(close.difference == 1)
    #expect(close.overlapsBaseline == true)
    let far = try #require(comparison.variants[2].figure("requests.retries"))
    #expect(far.difference == 39)
    #expect(far.overlapsBaseline == false)
    #expect(comparison.variants[1].seeds == [1, 1])
}

@Test func comparisonCSVRows() {
    let comparison = ExperimentSummary(
        scenarioName: "s", seed: 1,
        variants: [.init(name: "a,b", changes: [], runs: [summary(retries: 1)])])
    let lines = comparison.csvText().split(separator: "\n").map(String.init)
    #expect(
        lines[0] == "variant,scope,site,figure,count,mean,low,high,difference,overlaps_baseline")
    #expect(lines.contains("\"a,b\",run,,requests.retries,1,1,,,,"))
}
