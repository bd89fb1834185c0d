import BrokerModel
import Scheduler
import Testing

/// Returns a node site of `nodes` identical nodes with 16 cores, 64 GiB and `gpus` GPUs of `model`.
private func nodeSite(
    _ name: String = "A", nodes: Int = 1, gpus: Int, model: String? = "T4"
) -> SiteDescription {
    SiteDescription(
        name: name,
        nodes: [
            NodeType(
                count: nodes, milliCores: 16_000, memoryMiB: 64 * 1024, gpus: gpus,
                gpuModel: model)
        ])
}

private func gpuRequest(
    _ job: Int, milliGPUs: Int64, models: [String] = [], duration: Milliseconds = hour,
    window: ClosedRange<Milliseconds>? = nil
) -> JobRequest {
    JobRequest(
        job: job, needs: ResourceAmounts(milliCores: 1000, memoryMiB: 1024, milliGPUs: milliGPUs),
        gpuModels: models, duration: duration, window: window)
}

/// Returns a broker that presents one offer per request.
private func singleOfferBroker(
    sites: [SiteDescription], hold: Bool = true
) -> (Broker, ManualDriver, RecordingObserver) {
    makeBroker(sites: sites) {
        $0.offersPerRequest = 1
        $0.offersPerSite = 1
        $0.hold = hold
    }
}

/// Submits a request and accepts its only offer at the current time.
private func place(_ request: JobRequest, on broker: Broker) throws -> Session {
    let offers = broker.submit(request)
    let id = try #require(offers.offers.first)
    #expect(try broker.accept(session: id) == .accepted)
    return try #require(broker.session(id))
}

private func gpuUse(_ broker: Broker, node: Int = 0, gpu: Int, at time: Milliseconds) -> Int64 {
    broker.nodeCalendars[0]?.milliGPUsUsed(node: node, gpu: gpu, at: time) ?? -1
}

@Suite("GPU placement on node sites")
struct GPUPlacementTests {
    @Test("two 600 shares take two GPUs")
    func twoLargeSharesTakeTwoGPUs() throws {
        let (broker, _, _) = singleOfferBroker(sites: [nodeSite(gpus: 2)])
        let first = try place(gpuRequest(1, milliGPUs: 600), on: broker)
        let second = try place(gpuRequest(2, milliGPUs: 600), on: broker)
        #expect(first.placement == NodePlacement(node: 0, gpus: [0], milliGPUsPerGPU: 600))
        #expect(second.placement == NodePlacement(node: 0, gpus: [1], milliGPUsPerGPU: 600))
        #expect(second.slot.runningStart == 0)
        #expect(gpuUse(broker, gpu: 0, at: 30 * minute) == 600)
        #expect(gpuUse(broker, gpu: 1, at: 30 * minute) == 600)
        #expect(broker.calendars[0].used(at: 30 * minute).milliGPUs == 1200)
        #expect(broker.nodeInvariantViolations().isEmpty)
    }

    @Test("two 600 shares on one GPU wait")
    func twoLargeSharesOnOneGPUWait() throws {
        let (broker, _, _) = singleOfferBroker(sites: [nodeSite(gpus: 1)])
        _ = try place(gpuRequest(1, milliGPUs: 600), on: broker)
        let second = try place(gpuRequest(2, milliGPUs: 600), on: broker)
        // The first slot is [0, 1 h), so the second starts when it ends.
        #expect(second.slot.runningStart == hour)
        #expect(second.placement == NodePlacement(node: 0, gpus: [0], milliGPUsPerGPU: 600))
        #expect(gpuUse(broker, gpu: 0, at: 30 * minute) == 600)
        #expect(gpuUse(broker, gpu: 0, at: 90 * minute) == 600)
        #expect(broker.nodeInvariantViolations().isEmpty)
    }

    @Test("400 share joins a GPU at 600")
    func smallShareJoinsUsedGPU() throws {
        let (broker, _, _) = singleOfferBroker(sites: [nodeSite(gpus: 2)])
        _ = try place(gpuRequest(1, milliGPUs: 600), on: broker)
        let small = try place(gpuRequest(2, milliGPUs: 400), on: broker)
        #expect(small.placement == NodePlacement(node: 0, gpus: [0], milliGPUsPerGPU: 400))
        #expect(small.slot.runningStart == 0)
        #expect(gpuUse(broker, gpu: 0, at: 30 * minute) == 1000)
        #expect(gpuUse(broker, gpu: 1, at: 30 * minute) == 0)
        #expect(broker.nodeInvariantViolations().isEmpty)
    }

    @Test("whole GPU waits for an empty GPU")
    func wholeGPUWaitsForEmptyGPU() throws {
        let (broker, _, _) = singleOfferBroker(sites: [nodeSite(gpus: 2)])
        // 700 goes to GPU 0, 400 to GPU 1 and 300 to GPU 0, all for 2 h.
        let large = try place(gpuRequest(1, milliGPUs: 700, duration: 2 * hour), on: broker)
        let middle = try place(gpuRequest(2, milliGPUs: 400, duration: 2 * hour), on: broker)
        let small = try place(gpuRequest(3, milliGPUs: 300, duration: 2 * hour), on: broker)
        #expect(large.placement?.gpus == [0])
        #expect(middle.placement?.gpus == [1])
        #expect(small.placement?.gpus == [0])
        // Cancelling the 700 leaves 300 + 400 = 700 milli-GPUs on the node,
        // so 1000 more fit in the node total but no GPU is empty.
        try broker.cancel(session: large.id)
        #expect(gpuUse(broker, gpu: 0, at: minute) == 300)
        #expect(gpuUse(broker, gpu: 1, at: minute) == 400)
        #expect(broker.calendars[0].used(at: minute).milliGPUs == 700)

        let whole = try place(gpuRequest(4, milliGPUs: 1000), on: broker)
        #expect(whole.slot.runningStart == 2 * hour)
        #expect(whole.placement == NodePlacement(node: 0, gpus: [0], milliGPUsPerGPU: 1000))
        #expect(broker.nodeInvariantViolations().isEmpty)
    }

    @Test("whole GPUs start when enough are empty")
    func wholeGPUsStartWhenEnoughAreEmpty() {
        var nodes = NodeCalendars(types: [
            NodeType(count: 1, milliCores: 8000, memoryMiB: 8192, gpus: 3, gpuModel: "G2")
        ])
        let share = ResourceAmounts(milliCores: 0, memoryMiB: 0, milliGPUs: 500)
        nodes.reserve(
            share, at: NodePlacement(node: 0, gpus: [0], milliGPUsPerGPU: 500), from: 0, to: 100)
        nodes.reserve(
            share, at: NodePlacement(node: 0, gpus: [1], milliGPUsPerGPU: 500), from: 0, to: 300)
        nodes.reserve(
            share, at: NodePlacement(node: 0, gpus: [2], milliGPUsPerGPU: 500), from: 0, to: 200)
        // GPU 0 is empty from 100, GPU 2 from 200 and GPU 1 from 300.
        let twoGPUs = ResourceAmounts(milliCores: 1000, memoryMiB: 1024, milliGPUs: 2000)
        let fit = nodes.earliestFit(twoGPUs, models: ["G2"], length: 50, earliest: 0, latest: 1000)
        #expect(fit?.start == 200)
        #expect(fit?.placement == NodePlacement(node: 0, gpus: [0, 2], milliGPUsPerGPU: 1000))
        #expect(
            nodes.earliestFit(twoGPUs, models: ["T4"], length: 50, earliest: 0, latest: 1000) == nil
        )
        #expect(nodes.earliestFit(twoGPUs, models: [], length: 50, earliest: 0, latest: 199) == nil)
        #expect(nodes.invariantViolations().isEmpty)
    }

    @Test("earliest node wins, ties to lowest")
    func earliestNodeWins() throws {
        let (broker, _, _) = singleOfferBroker(sites: [nodeSite(nodes: 3, gpus: 1)])
        let first = try place(gpuRequest(1, milliGPUs: 1000), on: broker)
        let second = try place(gpuRequest(2, milliGPUs: 1000, duration: 2 * hour), on: broker)
        #expect(first.placement?.node == 0)
        #expect(second.placement?.node == 1)
        // Node 0 is free from 1 h, node 1 from 2 h and node 2 now.
        let third = try place(gpuRequest(3, milliGPUs: 1000), on: broker)
        #expect(third.placement?.node == 2)
        #expect(third.slot.runningStart == 0)
        let fourth = try place(gpuRequest(4, milliGPUs: 1000), on: broker)
        #expect(fourth.placement?.node == 0)
        #expect(fourth.slot.runningStart == hour)
        #expect(broker.nodeInvariantViolations().isEmpty)
    }

    @Test("CPU-only request ignores GPU models")
    func cpuOnlyRequestIgnoresModels() throws {
        let (broker, _, _) = singleOfferBroker(sites: [nodeSite(gpus: 2, model: "G2")])
        let session = try place(gpuRequest(1, milliGPUs: 0, models: ["T4"]), on: broker)
        #expect(session.placement == NodePlacement(node: 0, gpus: [], milliGPUsPerGPU: 0))
        #expect(broker.calendars[0].used(at: 0).milliCores == 1000)
        #expect(broker.nodeInvariantViolations().isEmpty)
    }
}
