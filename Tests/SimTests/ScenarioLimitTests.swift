import Codecs
import Foundation
import Sim
import Testing

/// A scenario of one 16-core site and 20 synthetic jobs, with `extra` lines
/// appended at the top level.
private func scenario(site: String = "{name: a, cores: 16, memory: 64GiB}", _ extra: String = "")
    -> String
{
    """
    name: mini
    sites:
      - \(site)
    workload:
      synthetic: {jobs: 20, arrivals-per-hour: 20}
    \(extra)
    """
}

private func parse(_ text: String) throws -> Scenario {
    try ScenarioLoader.parse(Data(text.utf8), file: "s.yaml")
}

@Test func extremeAmountsAreRejected() {
    let cases: [(String, String)] = [
        (
            "{name: a, cores: 1e17, memory: 64GiB}",
            "sites[0].cores: expected a number from 0.001 to 1000000, found '1e17'"
        ),
        (
            "{name: a, cores: 0.0001, memory: 64GiB}",
            "sites[0].cores: expected a number from 0.001 to 1000000, found '0.0001'"
        ),
        (
            "{name: a, cores: 4, memory: 0B}",
            "sites[0].memory: expected a size above zero, such as 16GiB, found '0B'"
        ),
        (
            "{name: a, cores: 4, memory: 8GiB, gpus: {count: 1e16}}",
            "sites[0].gpus.count: expected a number from 0 to 100000, found '1e16'"
        ),
        (
            "{name: a, cores: 4, memory: 8GiB, staging-bandwidth: 99999999999999999999TB/s}",
            "sites[0].staging-bandwidth: expected a bandwidth up to 1PB/s, such as 10Gbit/s or 500MB/s, found '99999999999999999999TB/s'"
        ),
        (
            "{name: a, cores: 4, memory: 8GiB, setup: P40000D}",
            "sites[0].setup: expected a duration of at most 100 years (P36525D), found 'P40000D'"
        ),
    ]
    for (site, message) in cases {
        do {
            _ = try parse(scenario(site: site))
            Issue.record("no error for \(site)")
        } catch let error as YAMLError {
            #expect(error.message == message, "\(site)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

@Test func runawayCountsAreRejected() throws {
    #expect(throws: YAMLError.self) {
        try parse(scenario("client: {retries: 9223372036854775807}"))
    }
    #expect(throws: YAMLError.self) { try parse(scenario("replications: 100000")) }
    let many = try parse(scenario("client: {retries: 1000}\nreplications: 1000"))
    #expect(many.client.retries == 1000)
    #expect(many.replications == 1000)
}

@Test func variantFoldersMustDiffer() {
    do {
        _ = try parse(scenario("variants: [{name: a b}, {name: a/b}]"))
        Issue.record("no error for variants that share a folder")
    } catch let error as YAMLError {
        #expect(
            error.message
                == "variants[1].name: 'a/b' would share the run folder 'a-b' with variant 'a b'; choose names that differ in letters, digits, '-' or '_'"
        )
    } catch {
        Issue.record("unexpected error \(error)")
    }
}

@Test func outOfRangeJobsAreSkippedAndCounted() throws {
    // A time scale of 1e300 pushes every time past 100 years: the jobs are
    // skipped and counted rather than overflowing the broker's arithmetic.
    let text = """
        name: mini
        sites:
          - {name: a, cores: 16, memory: 64GiB}
        workload:
          synthetic: {jobs: 20, arrivals-per-hour: 20}
          time-scale: 1e300
        """
    let workload = try parse(text).prepareWorkload()
    #expect(workload.jobs.isEmpty)
    #expect(
        workload.report.last
            == "skipped 20 jobs with a time beyond 100 years or an amount beyond the supported range"
    )
}

@Test func hugeThinkTimesDoNotTrap() throws {
    let text = scenario("client: {think-time: {log-normal: {median: PT1M, sigma: 50}}}")
    let output = try parse(text).run()
    #expect(output.summary.requests.requests == 20)
}

@Test func sizesTakeExponents() throws {
    let site = "{name: a, cores: 4, memory: 1e3MiB, staging-bandwidth: 1.25e9B/s}"
    let parsed = try parse(scenario(site: site))
    #expect(parsed.sites[0].capacity.memoryMiB == 1000)
    #expect(parsed.sites[0].stagingBandwidth == 1_250_000_000)
}

@Test func offerCountsAreBounded() {
    #expect(throws: YAMLError.self) {
        try parse(scenario("broker: {offers-per-request: 1000000000}"))
    }
    #expect(throws: YAMLError.self) { try parse(scenario("broker: {offers-per-site: 1001}")) }
}

@Test func hugeSampledCoresAreSkipped() throws {
    let text = """
        name: mini
        sites:
          - {name: a, cores: 16, memory: 64GiB}
        workload:
          synthetic: {jobs: 5, arrivals-per-hour: 20, cores: 1e16, memory-per-core: 1GiB}
        """
    let workload = try parse(text).prepareWorkload()
    #expect(workload.jobs.isEmpty)
    #expect(
        workload.report.last
            == "skipped 5 jobs with a time beyond 100 years or an amount beyond the supported range"
    )
}
