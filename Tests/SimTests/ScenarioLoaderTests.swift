import BrokerModel
import Foundation
import Scheduler
import Testing

@testable import Sim

/// Returns the path of a scenario in the test bundle's `Fixtures/scenarios` folder.
private func scenarioPath(_ name: String) throws -> String {
    let folder = try #require(Bundle.module.resourceURL)
    return folder.appendingPathComponent("Fixtures/scenarios").appendingPathComponent(name).path
}

private let minimal = """
    name: tiny
    sites:
      - name: alpha
        cores: 4
        memory: 16GiB
    workload:
      synthetic: {jobs: 10, arrivals-per-hour: 60}
    """

@Suite("Scenario loader on valid input")
struct ScenarioLoaderTests {
    @Test("minimal scenario defaults")
    func minimalDefaults() throws {
        let scenario = try ScenarioLoader.parse(Data(minimal.utf8), file: "tiny.yaml")
        #expect(scenario.name == "tiny")
        #expect(scenario.file == "tiny.yaml")
        #expect(scenario.text == minimal)
        #expect(scenario.seed == 1)
        #expect(scenario.epoch == 0)
        #expect(scenario.replications == 1)
        #expect(scenario.images.isEmpty)
        #expect(scenario.datasets.isEmpty)

        let broker = scenario.broker
        #expect(broker.policy == .earliestStart)
        #expect(broker.offersPerRequest == 4)
        #expect(broker.offersPerSite == 2)
        #expect(broker.offerLifetime == 300_000)
        #expect(broker.hold == true)
        #expect(broker.horizon == 7 * 86_400_000)

        let client = scenario.client
        #expect(client.thinkTime == .exponential(mean: 60_000))
        #expect(client.choice == .earliestStart)
        #expect(client.retries == 3)
        #expect(client.backOff == 300_000)
    }

    @Test("minimal scenario site and workload")
    func minimalSiteAndWorkload() throws {
        let scenario = try ScenarioLoader.parse(Data(minimal.utf8), file: "tiny.yaml")
        #expect(
            scenario.sites == [
                SiteDescription(
                    name: "alpha", capacity: ResourceAmounts(milliCores: 4000, memoryMiB: 16_384))
            ])
        #expect(scenario.sites[0].stagingBandwidth == 1_250_000_000)

        let workload = scenario.workload
        #expect(
            workload.source
                == .synthetic(SyntheticWorkload(seed: 1, jobCount: 10, arrivalRatePerHour: 60)))
        #expect(workload.transform == WorkloadTransform())
        #expect(workload.imageRule == .byUser)
        #expect(workload.datasetRule == .byUser)
    }

    @Test("seed keys synthetic workload")
    func seedKeysSynthetic() throws {
        let text = minimal + "\nseed: 99\n"
        let scenario = try ScenarioLoader.parse(Data(text.utf8), file: "tiny.yaml")
        #expect(scenario.seed == 99)
        #expect(
            scenario.workload.source
                == .synthetic(SyntheticWorkload(seed: 99, jobCount: 10, arrivalRatePerHour: 60)))

        let reseeded = scenario.withSeed(5)
        #expect(reseeded.seed == 5)
        #expect(
            reseeded.workload.source
                == .synthetic(SyntheticWorkload(seed: 5, jobCount: 10, arrivalRatePerHour: 60)))
    }

    @Test("fixture units convert exactly")
    func fixtureUnits() throws {
        let scenario = try ScenarioLoader.load(path: try scenarioPath("units.yaml"))
        #expect(scenario.name == "units")
        #expect(scenario.seed == 42)
        #expect(scenario.epoch == 843_480_031_000)
        #expect(
            scenario.images == [
                Scenario.Image(name: "images.example.org/tools:1.0", bytes: 2_147_483_648)
            ])
        #expect(
            scenario.datasets == [
                Scenario.Dataset(name: "survey", bytes: 2_500_000_000, replicas: ["big"])
            ])

        let big = SiteDescription(
            name: "big",
            capacity: ResourceAmounts(milliCores: 128_000, memoryMiB: 1_048_576, milliGPUs: 8000),
            gpuModel: "A100", imageCacheCapacity: 4, pullTime: 180_000,
            stagingBandwidth: 1_250_000_000, setup: 30_000, teardown: 250, replicas: [0],
            cachedImages: [0])
        // 1500MB is 1_500_000_000 bytes, 1430.5 MiB, rounded up to whole MiB.
        let half = SiteDescription(
            name: "half", capacity: ResourceAmounts(milliCores: 500, memoryMiB: 1431),
            stagingBandwidth: 500_000_000)
        #expect(scenario.sites == [big, half])
    }

    @Test("fixture settings")
    func fixtureSettings() throws {
        let scenario = try ScenarioLoader.load(path: try scenarioPath("units.yaml"))

        var broker = BrokerSettings()
        broker.policy = .dataLocal
        broker.offersPerRequest = 6
        broker.offersPerSite = 1
        broker.offerLifetime = 600_000
        broker.hold = false
        broker.horizon = 14 * 86_400_000
        #expect(scenario.broker == broker)

        var client = ClientSettings()
        client.thinkTime = .uniform(min: 1000, max: 60_000)
        client.choice = .preferredSite("half")
        client.retries = 0
        client.backOff = 5_400_000
        #expect(scenario.client == client)

        #expect(scenario.workload.transform.loadScale == 2)
        #expect(scenario.workload.imageRule == .byJob)
        #expect(scenario.workload.datasetRule == .byExecutable)
    }

    @Test("relative swf path")
    func relativeSWFPath() throws {
        let path = try scenarioPath("units.yaml")
        let scenario = try ScenarioLoader.load(path: path)
        let folder = (path as NSString).deletingLastPathComponent
        let options = SWFReadOptions(
            memoryPerCoreMiB: 2048,
            missingDuration: MissingDurationRule(factor: 1.5, stepMillis: 120_000),
            maxMilliCores: 128_000)
        #expect(
            scenario.workload.source
                == .swf(path: folder + "/../swf-run-times.swf", options: options)
        )
    }

    @Test("fixture workload reads trace")
    func fixtureWorkload() throws {
        let scenario = try ScenarioLoader.load(path: try scenarioPath("units.yaml"))
        let workload = try scenario.prepareWorkload()
        #expect(workload.jobs.map(\.number) == [1, 2, 6, 7])
        // Jobs 6 and 7 have no memory fields, so they get 2GiB per processor.
        #expect(workload.jobs.map(\.memoryMiB) == [2, 8, 2048, 2048])
    }

    @Test("swf path forms")
    func swfPathForms() throws {
        func source(file: String, swf: String) throws -> Scenario.WorkloadSource {
            let text = """
                name: tiny
                sites:
                  - name: alpha
                    cores: 4
                    memory: 16GiB
                workload:
                  swf: \(swf)
                """
            return try ScenarioLoader.parse(Data(text.utf8), file: file).workload.source
        }
        let options = SWFReadOptions(maxMilliCores: 4000)
        #expect(
            try source(file: "runs/a.yaml", swf: "trace.swf")
                == .swf(path: "runs/trace.swf", options: options))
        #expect(
            try source(file: "a.yaml", swf: "trace.swf")
                == .swf(path: "trace.swf", options: options))
        #expect(
            try source(file: "runs/a.yaml", swf: "/data/trace.swf")
                == .swf(path: "/data/trace.swf", options: options))
    }

    @Test("missing file")
    func missingFile() {
        #expect(throws: ScenarioFileError.notFound(path: "/nonexistent/scenario.yaml")) {
            try ScenarioLoader.load(path: "/nonexistent/scenario.yaml")
        }
        #expect(
            ScenarioFileError.notFound(path: "x.yaml").description
                == "cannot read scenario file 'x.yaml': no such file or not readable")
    }
}
