import BrokerModel
import Foundation
import Scheduler
import Sim
import Testing

/// The Erlang C probability that an arrival waits in an M/M/c queue with
/// offered load `a = λ/μ` erlangs.
private func erlangC(servers c: Int, load a: Double) -> Double {
    var term = 1.0
    var sum = 0.0
    for k in 0..<c {
        if k > 0 { term *= a / Double(k) }
        sum += term
    }
    let last = term * a / Double(c) * Double(c) / (Double(c) - a)
    return last / (sum + last)
}

/// The 0.975 quantile of Student's t with 49 degrees of freedom.
private let t49 = 2.009_575

@Test func erlangCFormulaByHand() {
    // c = 1 is M/M/1, whose waiting probability is the utilisation.
    #expect(abs(erlangC(servers: 1, load: 0.8) - 0.8) < 1e-12)
    // c = 2, a = 1: C = (1/2 · 2) / (1 + 1 + 1) = 1/3.
    #expect(abs(erlangC(servers: 2, load: 1) - 1.0 / 3) < 1e-12)
}

/// One site of 8 cores, 1-core jobs with Poisson arrivals at utilisation
/// 0.8 and exponential run times known exactly as durations, no
/// preparation, one offer per request accepted at once. Earliest-start is
/// then first-come first-served on c = 8 servers, so the mean queueing wait
/// must match Erlang C: W = C(c, a) / (cμ − λ).
@Test func earliestStartMatchesErlangC() throws {
    let servers = 8
    let meanRunTime: Double = 3_600_000  // 1 h in ms
    let utilisation = 0.8
    let arrivalsPerHour = utilisation * Double(servers)  // λ = ρ c μ with μ = 1 per hour
    let jobCount = 1_200_000
    let warmUp = 20_000

    let workload = SyntheticWorkload(
        seed: 11, jobCount: jobCount, arrivalRatePerHour: arrivalsPerHour, cores: .fixed(1),
        memory: .perJob(.fixed(1)), runTime: .exponential(mean: meanRunTime),
        duration: .runTimeFactor(MissingDurationRule(factor: 1, stepMillis: 1)))
    var jobs = workload.jobs()
    for index in jobs.indices {
        // A run time of 0 gets a 1 ms duration from the rule; keep it exact.
        jobs[index].duration = max(1, jobs[index].runTime)
        jobs[index].runTime = jobs[index].duration
    }
    var broker = BrokerSettings()
    broker.offersPerRequest = 1
    broker.offersPerSite = 1
    broker.horizon = 365 * 86_400_000
    var client = ClientSettings()
    client.thinkTime = .fixed(0)
    client.choice = .first
    client.retries = 0
    let site = SiteDescription(
        name: "single", capacity: ResourceAmounts(milliCores: 8000, memoryMiB: 1 << 20))
    let simulation = Simulation(
        setup: SimulationSetup(
            seed: 11, sites: [site], broker: broker, client: client, jobs: jobs,
            jobsHaveImages: false))
    let collector = MetricsCollector(jobCount: jobs.count, siteCount: 1)
    simulation.addObserver(collector)
    _ = simulation.run()

    // Every job ran, accepted the moment it arrived, with no preparation.
    let records = collector.jobs
    #expect(records.allSatisfy { $0.running >= 0 && $0.accepted == $0.firstRequest })
    let waits = records.dropFirst(warmUp).map { Double($0.running - $0.accepted) / 3_600_000 }

    // Batch means over 50 batches give the 95 % confidence interval.
    let batches = 50
    let size = waits.count / batches
    let means = (0..<batches).map { batch in
        waits[(batch * size)..<((batch + 1) * size)].reduce(0, +) / Double(size)
    }
    let mean = means.reduce(0, +) / Double(batches)
    let variance = means.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(batches - 1)
    let halfWidth = t49 * (variance / Double(batches)).squareRoot()

    let load = arrivalsPerHour  // a = λ/μ with μ = 1 per hour
    let expected = erlangC(servers: servers, load: load) / (Double(servers) - load)
    // C(8, 6.4) = 0.45764, so W = 0.28603 h (worked out separately).
    #expect(abs(expected - 0.28603) < 0.00001)
    print("M/M/8 at 0.8: mean queueing wait \(mean) h ± \(halfWidth) h, Erlang C \(expected) h")
    #expect(halfWidth / mean < 0.03, "half-width \(halfWidth) h against mean \(mean) h")
    // The tolerance: the estimate lies within 1.5 confidence half-widths of
    // the exact value.
    #expect(
        abs(mean - expected) < 1.5 * halfWidth,
        "mean \(mean) h, expected \(expected) h, ±\(halfWidth)")
}
