import Codecs
import Foundation
import Scheduler
import Testing

@testable import Sim

/// The path that a scenario in the test bundle's `Fixtures/scenarios`
/// folder would have, so that `../NAME` names a fixture.
private func scenarioFile() throws -> String {
    let folder = try #require(Bundle.module.resourceURL)
    return folder.appendingPathComponent("Fixtures/scenarios/nodes.yaml").path
}

private func parse(_ text: String, file: String = "scenario.yaml") throws -> Scenario {
    try ScenarioLoader.parse(Data(text.utf8), file: file)
}

@Suite("Node sites and Alibaba workloads in scenarios")
struct NodeScenarioTests {
    @Test("node list parsed")
    func nodeListParsed() throws {
        let scenario = try parse(
            """
            name: n
            sites:
              - name: cn-beijing
                nodes:
                  - {count: 20, cores: 96, memory: 384GiB, gpus: {count: 8, model: G2}}
                  - {count: 10, cores: 104, memory: 512GiB, gpus: {count: 2, model: T4}}
                  - {count: 2, cores: 32, memory: 128GiB}
                setup: PT30S
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """)
        let site = try #require(scenario.sites.first)
        #expect(
            site.nodes == [
                NodeType(
                    count: 20, milliCores: 96_000, memoryMiB: 393_216, gpus: 8, gpuModel: "G2"),
                NodeType(
                    count: 10, milliCores: 104_000, memoryMiB: 524_288, gpus: 2, gpuModel: "T4"),
                NodeType(count: 2, milliCores: 32_000, memoryMiB: 131_072),
            ])
        // 20 × 96 + 10 × 104 + 2 × 32 cores; 20 × 384 + 10 × 512 + 2 × 128 GiB; 180 GPUs.
        #expect(
            site.capacity
                == ResourceAmounts(milliCores: 3_024_000, memoryMiB: 13_369_344, milliGPUs: 180_000)
        )
        #expect(site.gpuModel == "G2|T4")
        #expect(site.setup == 30_000)
    }

    @Test("node site rejects pool keys")
    func nodeSiteRejectsPoolKeys() {
        let text = """
            name: n
            sites:
              - name: a
                cores: 4
                nodes: [{count: 1, cores: 4, memory: 8GiB}]
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        #expect(
            throws: YAMLError(
                file: "scenario.yaml", line: 4, column: 5,
                message: "sites[0].cores: a site with 'nodes' takes its cores from its nodes; "
                    + "remove 'cores'")
        ) {
            try parse(text)
        }
    }

    @Test("node type needs a count")
    func nodeTypeNeedsCount() {
        let text = """
            name: n
            sites:
              - name: a
                nodes: [{cores: 4, memory: 8GiB}]
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        #expect(
            throws: YAMLError(
                file: "scenario.yaml", line: 4, column: 13,
                message: "sites[0].nodes[0]: missing required key 'count'")
        ) {
            try parse(text)
        }
    }

    @Test("nodes from an Alibaba node list")
    func nodesFromAlibabaList() throws {
        let scenario = try parse(
            """
            name: n
            sites:
              - name: a
                nodes: {alibaba: ../alibaba-nodes.csv, models: [G2], limit: 2}
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """, file: try scenarioFile())
        #expect(
            scenario.sites[0].nodes == [
                NodeType(count: 2, milliCores: 96_000, memoryMiB: 393_216, gpus: 8, gpuModel: "G2")
            ])
    }

    @Test("Alibaba node list with no match")
    func alibabaListWithNoMatch() throws {
        let file = try scenarioFile()
        let text = """
            name: n
            sites:
              - name: a
                nodes: {alibaba: ../alibaba-nodes.csv, models: [A100]}
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        let folder = (file as NSString).deletingLastPathComponent
        #expect(
            throws: YAMLError(
                file: file, line: 4, column: 12,
                message: "sites[0].nodes: no node of \(folder)/../alibaba-nodes.csv matches; "
                    + "check 'models'")
        ) {
            try parse(text, file: file)
        }
    }

    @Test("Alibaba workload source")
    func alibabaWorkloadSource() throws {
        let file = try scenarioFile()
        let scenario = try parse(
            """
            name: n
            sites:
              - {name: a, cores: 64, memory: 256GiB, gpus: {count: 8}}
            workload:
              alibaba: ../alibaba-gpu-forms.csv
              missing-duration: {run-time-factor: 2, round-up-to: PT10S}
            """, file: file)
        let folder = (file as NSString).deletingLastPathComponent
        let options = AlibabaReadOptions(
            missingDuration: MissingDurationRule(factor: 2, stepMillis: 10_000))
        #expect(
            scenario.workload.source
                == .alibaba(path: folder + "/../alibaba-gpu-forms.csv", options: options))
        let workload = try scenario.prepareWorkload()
        #expect(workload.jobs.count == 8)
        #expect(workload.jobs.map(\.duration).allSatisfy { $0 == 200_000 })
        #expect(workload.report.first == "11 lines, 10 pod records, 8 used")
    }

    @Test("Alibaba workload rejects memory-per-core")
    func alibabaRejectsMemoryPerCore() {
        let text = """
            name: n
            sites:
              - {name: a, cores: 4, memory: 8GiB}
            workload:
              alibaba: pods.csv
              memory-per-core: 2GiB
            """
        #expect(
            throws: YAMLError(
                file: "scenario.yaml", line: 6, column: 3,
                message: "workload.memory-per-core: applies to 'swf' traces only; the Alibaba "
                    + "pod list gives each pod's memory")
        ) {
            try parse(text)
        }
    }

    @Test("two workload sources rejected")
    func twoSourcesRejected() {
        let text = """
            name: n
            sites:
              - {name: a, cores: 4, memory: 8GiB}
            workload:
              alibaba: pods.csv
              swf: jobs.swf
            """
        #expect(
            throws: YAMLError(
                file: "scenario.yaml", line: 5, column: 3,
                message: "workload: expected exactly one of 'swf', 'alibaba' and 'synthetic'")
        ) {
            try parse(text)
        }
    }

    @Test("node site run releases everything")
    func nodeSiteRunReleasesEverything() throws {
        // Shares, whole GPUs and CPU-only pods over two small node sites,
        // with short horizons so that NO answers and expiries happen.
        let pods = (0..<600).map { index in
            let gpus: Int64 = [0, 250, 600, 1000, 2000, 400][index % 6]
            return Job(
                index: index, number: Int64(index + 1), arrival: Int64(index) * 20_000,
                runTime: Int64(300_000 + (index % 7) * 200_000),
                duration: Int64(600_000 + (index % 5) * 300_000),
                milliCores: 4000, memoryMiB: 8192, milliGPUs: gpus)
        }
        let sites = [
            SiteDescription(
                name: "A",
                nodes: [
                    NodeType(
                        count: 2, milliCores: 16_000, memoryMiB: 65_536, gpus: 2, gpuModel: "T4")
                ]),
            SiteDescription(
                name: "B",
                nodes: [
                    NodeType(
                        count: 1, milliCores: 32_000, memoryMiB: 131_072, gpus: 4, gpuModel: "G2")
                ]),
        ]
        var broker = BrokerSettings()
        broker.horizon = 3_600_000
        var client = ClientSettings()
        client.thinkTime = .exponential(mean: 200_000)
        let simulation = Simulation(
            setup: SimulationSetup(
                seed: 7, sites: sites, broker: broker, client: client, jobs: pods,
                jobsHaveImages: false))
        let collector = MetricsCollector(jobCount: pods.count, siteCount: 2)
        simulation.addObserver(collector)
        let outcome = simulation.run()
        let summary = collector.summary(
            scenarioName: "t", seed: 7, policy: .earliestStart, sites: sites, epoch: 0,
            workloadReport: [])
        #expect(summary.offerSets.no > 0)
        #expect(summary.offers.expired > 0)
        #expect(simulation.broker.activeSessionCount == 0)
        #expect(simulation.broker.nodeInvariantViolations().isEmpty)
        for calendar in simulation.broker.calendars {
            #expect(calendar.used(at: outcome.end) == .zero)
        }
        for case let nodes? in simulation.broker.nodeCalendars {
            #expect(nodes.used(at: outcome.end) == .zero)
        }
    }
}
