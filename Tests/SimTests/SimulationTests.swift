import BrokerModel
import Scheduler
import Sim
import Testing

/// A job for hand-made simulations: `cores` cores from `arrival` for `runTime` ms.
private func job(_ index: Int, arrival: Int64, cores: Int64, runTime: Int64) -> Job {
    Job(
        index: index, number: Int64(index + 1), arrival: arrival, runTime: runTime,
        duration: runTime, milliCores: cores * 1000, memoryMiB: 1024)
}

private func run(
    _ jobs: [Job], sites: [SiteDescription],
    configure: (inout BrokerSettings, inout ClientSettings) -> Void
) -> MetricsCollector {
    var broker = BrokerSettings()
    var client = ClientSettings()
    configure(&broker, &client)
    let simulation = Simulation(
        setup: SimulationSetup(
            seed: 3, sites: sites, broker: broker, client: client, jobs: jobs,
            jobsHaveImages: false))
    let collector = MetricsCollector(jobCount: jobs.count, siteCount: sites.count)
    simulation.addObserver(collector)
    _ = simulation.run()
    return collector
}

private let fourCores = SiteDescription(
    name: "A", capacity: ResourceAmounts(milliCores: 4000, memoryMiB: 8192))

@Test func thinkTimeEqualToLifetimeFindsOffersExpired() {
    // The client decides exactly at the expiry time: the expiry runs first,
    // so the job retries after the back-off, three times, then abandons.
    let collector = run([job(0, arrival: 0, cores: 1, runTime: 60_000)], sites: [fourCores]) {
        broker, client in
        client.thinkTime = .fixed(Double(broker.offerLifetime))
    }
    let summary = collector.summary(
        scenarioName: "t", seed: 3, policy: .earliestStart, sites: [fourCores], epoch: 0,
        workloadReport: [])
    #expect(collector.jobs[0].attempts == 4)
    #expect(collector.jobs[0].abandoned)
    #expect(summary.requests.retries == 3)
    #expect(summary.requests.abandoned == 1)
    #expect(summary.offers.made == 8)
    #expect(summary.offers.expired == 8)
    #expect(summary.offerSets.yes == 4)
    // Each hold of 1 core lasted the 5 min lifetime: 8 × 1 core × 5 min.
    #expect(abs(summary.resources.cores.expiredIdleHeld - 8.0 * 5 / 60) < 1e-12)
}

@Test func thinkTimeJustUnderLifetimeAccepts() {
    let collector = run([job(0, arrival: 0, cores: 1, runTime: 60_000)], sites: [fourCores]) {
        broker, client in
        client.thinkTime = .fixed(Double(broker.offerLifetime - 1))
    }
    #expect(collector.jobs[0].attempts == 1)
    #expect(collector.jobs[0].accepted == 299_999)
    // Accepting after the slot's start shifts it to the acceptance time.
    #expect(collector.jobs[0].running == 299_999)
    #expect(collector.jobs[0].finalPhase == .completed)
}

@Test func utilisationOfTwoJobsByHand() {
    // Two 2-core jobs of 1 h on a 4-core site, arriving at 0 and 30 min,
    // accepted at once: the window is 0 to 90 min and the cores are busy
    // 2 × 2 core-hours out of 4 cores × 1.5 h, so utilisation is 2/3.
    let jobs = [
        job(0, arrival: 0, cores: 2, runTime: 3_600_000),
        job(1, arrival: 1_800_000, cores: 2, runTime: 3_600_000),
    ]
    let collector = run(jobs, sites: [fourCores]) { _, client in client.thinkTime = .fixed(0) }
    let summary = collector.summary(
        scenarioName: "t", seed: 3, policy: .earliestStart, sites: [fourCores], epoch: 0,
        workloadReport: [])
    #expect(summary.windowStartMs == 0)
    #expect(summary.windowEndMs == 5_400_000)
    #expect(summary.resources.cores.utilisation == 2.0 / 3.0)
    #expect(summary.resources.cores.reservedShare == 2.0 / 3.0)
    #expect(summary.resources.gpus.utilisation == nil)
    #expect(summary.waits.wait.max == 0)
    #expect(summary.boundedSlowdown.max == 1)
    // The sibling offers (2 per site) were rejected the moment their job
    // accepted, so they held nothing idle for any time.
    #expect(summary.offers.rejected == 2)
    #expect(summary.resources.cores.rejectedIdleHeld == 0)
}

@Test func everyReservationIsReleasedAtEnd() throws {
    // Windows that admit one candidate, refusals and expiries all release
    // what they hold: once the run is over the calendars are empty.
    let workload = SyntheticWorkload(
        seed: 5, jobCount: 3000, arrivalRatePerHour: 40, cores: .empirical([1, 2, 4]),
        runTime: .exponential(mean: 1_800_000))
    let sites = [
        fourCores,
        SiteDescription(name: "B", capacity: ResourceAmounts(milliCores: 2000, memoryMiB: 8192)),
    ]
    var broker = BrokerSettings()
    broker.horizon = 3 * 3_600_000
    var client = ClientSettings()
    client.thinkTime = .exponential(mean: 200_000)
    let simulation = Simulation(
        setup: SimulationSetup(
            seed: 5, sites: sites, broker: broker, client: client, jobs: workload.jobs(),
            jobsHaveImages: false))
    let collector = MetricsCollector(jobCount: 3000, siteCount: 2)
    simulation.addObserver(collector)
    let outcome = simulation.run()
    let summary = collector.summary(
        scenarioName: "t", seed: 5, policy: .earliestStart, sites: sites, epoch: 0,
        workloadReport: [])
    // The run must exercise NO answers, expiries and refusals to mean anything.
    #expect(summary.offerSets.no > 0)
    #expect(summary.offers.expired > 0)
    #expect(simulation.broker.activeSessionCount == 0)
    for calendar in simulation.broker.calendars {
        #expect(calendar.used(at: outcome.end) == .zero)
        #expect(calendar.invariantViolations().isEmpty)
    }
}
