@testable import Results

/// Returns a small run: 4 jobs on two sites, where "alpha, north" has GPUs and "beta" has none.
/// The rates and distributions are computed by hand from the counts and waits below.
func sampleSummary() -> RunSummary {
    let alpha = SiteSummary(
        name: "alpha, north",
        offers: OfferFigures(
            made: 4, accepted: 2, rejected: 1, expired: 1, stillOffered: 0,
            acceptanceRate: 0.5, rejectionRate: 0.25, expiryRate: 0.25),
        refusedAcceptances: 0,
        // Waits of 2 s and 12 s; negotiation 1 s and 5 s; queueing 1 s and 7 s.
        waits: WaitFigures(
            wait: Statistics(count: 2, mean: 7, p50: 2, p90: 12, p99: 12, max: 12),
            negotiation: Statistics(count: 2, mean: 3, p50: 1, p90: 5, p99: 5, max: 5),
            queueing: Statistics(count: 2, mean: 4, p50: 1, p90: 7, p99: 7, max: 7)),
        sessions: SessionFigures(jobsRun: 2, completed: 1, failed: 0, cancelled: 1),
        resources: ResourceUse(
            cores: ResourceFigures(
                utilisation: 0.25, reservedShare: 0.5, expiredIdleHeld: 0.5,
                rejectedIdleHeld: 0.25),
            memory: ResourceFigures(
                utilisation: 0.125, reservedShare: 0.375, expiredIdleHeld: 1,
                rejectedIdleHeld: 0.5),
            gpus: ResourceFigures(
                utilisation: 0.5, reservedShare: 0.75, expiredIdleHeld: 0.25,
                rejectedIdleHeld: 0)))
    let beta = SiteSummary(
        name: "beta",
        offers: OfferFigures(
            made: 2, accepted: 1, rejected: 1, expired: 0, stillOffered: 0,
            acceptanceRate: 0.5, rejectionRate: 0.5, expiryRate: 0),
        refusedAcceptances: 1,
        waits: WaitFigures(
            wait: Statistics(count: 1, mean: 4, p50: 4, p90: 4, p99: 4, max: 4),
            negotiation: Statistics(count: 1, mean: 2, p50: 2, p90: 2, p99: 2, max: 2),
            queueing: Statistics(count: 1, mean: 2, p50: 2, p90: 2, p99: 2, max: 2)),
        sessions: SessionFigures(jobsRun: 1, completed: 1, failed: 0, cancelled: 0),
        resources: ResourceUse(
            cores: ResourceFigures(
                utilisation: 0.1, reservedShare: 0.2, expiredIdleHeld: 0,
                rejectedIdleHeld: 0.125),
            memory: ResourceFigures(
                utilisation: 0.05, reservedShare: 0.1, expiredIdleHeld: 0,
                rejectedIdleHeld: 0.0625),
            gpus: ResourceFigures(
                utilisation: nil, reservedShare: nil, expiredIdleHeld: 0, rejectedIdleHeld: 0)))

    return RunSummary(
        scenarioName: "two-sites", seed: 42, policyName: "first-fit", workloadJobs: 4,
        windowStartMs: 0, windowEndMs: 3_600_000, windowStart: "2026-01-01T00:00:00Z",
        windowEnd: "2026-01-01T01:00:00Z",
        requests: RequestFigures(
            requests: 4, requestsWithSession: 3, acceptanceRate: 0.75, retries: 1,
            abandoned: 1, refusedAcceptances: 1),
        offerSets: OfferSetFigures(total: 5, yes: 4, no: 1, noRate: 0.2),
        offers: OfferFigures(
            made: 6, accepted: 3, rejected: 2, expired: 1, stillOffered: 0,
            acceptanceRate: 0.5, rejectionRate: 2.0 / 6, expiryRate: 1.0 / 6),
        // Waits of 2, 4 and 12 s; negotiation 1, 2 and 5 s; queueing 1, 2 and 7 s.
        waits: WaitFigures(
            wait: Statistics.of([Int64(2000), 4000, 12_000]),
            negotiation: Statistics.of([Int64(1000), 2000, 5000]),
            queueing: Statistics.of([Int64(1000), 2000, 7000])),
        boundedSlowdown: Statistics.of([1.0, 1.5, 4.0]),
        sessions: SessionFigures(jobsRun: 3, completed: 2, failed: 0, cancelled: 1),
        sites: [alpha, beta],
        resources: ResourceUse(
            cores: ResourceFigures(
                utilisation: 0.175, reservedShare: 0.35, expiredIdleHeld: 0.5,
                rejectedIdleHeld: 0.375),
            memory: ResourceFigures(
                utilisation: 0.0875, reservedShare: 0.2375, expiredIdleHeld: 1,
                rejectedIdleHeld: 0.5625),
            gpus: ResourceFigures(
                utilisation: 0.5, reservedShare: 0.75, expiredIdleHeld: 0.25,
                rejectedIdleHeld: 0)),
        workloadReport: ["read 5 jobs", "skipped 1 job without a run time"])
}

/// Returns a run in which no job requested offers: every rate and distribution figure is absent,
/// and the one site has no GPUs.
func emptyRunSummary() -> RunSummary {
    let noOffers = OfferFigures(
        made: 0, accepted: 0, rejected: 0, expired: 0, stillOffered: 0,
        acceptanceRate: RunSummary.rate(0, of: 0), rejectionRate: nil, expiryRate: nil)
    let noWaits = WaitFigures(
        wait: Statistics.of([Int64]()), negotiation: .empty, queueing: .empty)
    let noSessions = SessionFigures(jobsRun: 0, completed: 0, failed: 0, cancelled: 0)
    let idle = ResourceUse(
        cores: ResourceFigures(
            utilisation: 0, reservedShare: 0, expiredIdleHeld: 0, rejectedIdleHeld: 0),
        memory: ResourceFigures(
            utilisation: 0, reservedShare: 0, expiredIdleHeld: 0, rejectedIdleHeld: 0),
        gpus: ResourceFigures(
            utilisation: nil, reservedShare: nil, expiredIdleHeld: 0, rejectedIdleHeld: 0))
    let site = SiteSummary(
        name: "solo", offers: noOffers, refusedAcceptances: 0, waits: noWaits,
        sessions: noSessions, resources: idle)
    return RunSummary(
        scenarioName: "empty", seed: 7, policyName: "random", workloadJobs: 0,
        windowStartMs: 1000, windowEndMs: 61_000, windowStart: "2026-01-01T00:00:01Z",
        windowEnd: "2026-01-01T00:01:01Z",
        requests: RequestFigures(
            requests: 0, requestsWithSession: 0, acceptanceRate: nil, retries: 0, abandoned: 0,
            refusedAcceptances: 0),
        offerSets: OfferSetFigures(total: 0, yes: 0, no: 0, noRate: nil),
        offers: noOffers, waits: noWaits, boundedSlowdown: Statistics.of([Double]()),
        sessions: noSessions, sites: [site], resources: idle, workloadReport: [])
}
