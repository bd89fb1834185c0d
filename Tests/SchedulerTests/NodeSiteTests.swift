import BrokerModel
import Scheduler
import Testing

/// Two node types: 2 nodes with 4 G2 GPUs each and 1 CPU-only node.
private let mixedSite = SiteDescription(
    name: "A",
    nodes: [
        NodeType(count: 2, milliCores: 32_000, memoryMiB: 128 * 1024, gpus: 4, gpuModel: "G2"),
        NodeType(count: 1, milliCores: 64_000, memoryMiB: 256 * 1024),
    ])

private func request(
    _ job: Int, cores: Int64 = 1, milliGPUs: Int64, models: [String] = [],
    duration: Milliseconds = hour, window: ClosedRange<Milliseconds>? = nil
) -> JobRequest {
    JobRequest(
        job: job,
        needs: ResourceAmounts(milliCores: cores * 1000, memoryMiB: 1024, milliGPUs: milliGPUs),
        gpuModels: models, duration: duration, window: window)
}

private func gpuUse(_ broker: Broker, node: Int = 0, gpu: Int, at time: Milliseconds) -> Int64 {
    broker.nodeCalendars[0]?.milliGPUsUsed(node: node, gpu: gpu, at: time) ?? -1
}

private func singleOfferBroker(hold: Bool = true) -> (Broker, ManualDriver, RecordingObserver) {
    makeBroker(sites: [mixedSite]) {
        $0.offersPerRequest = 1
        $0.offersPerSite = 1
        $0.hold = hold
    }
}

@Suite("Node sites")
struct NodeSiteTests {
    @Test("site capacity is the sum of nodes")
    func capacityIsSumOfNodes() {
        #expect(
            mixedSite.capacity
                == ResourceAmounts(
                    milliCores: 128_000, memoryMiB: 512 * 1024, milliGPUs: 8000))
        #expect(mixedSite.gpuModel == "G2")
        #expect(mixedSite.hasNodes)
    }

    @Test("fits the site but no node: NO")
    func fitsSiteButNoNode() {
        let (broker, _, _) = singleOfferBroker()
        let answer = broker.submit(request(1, milliGPUs: 8000))
        #expect(!answer.hasOffers)
        #expect(
            answer.messages == [
                "A: no node can hold 1 cores, 1 GiB and 8 whole GPUs; the nodes are "
                    + "2 × (32 cores, 128 GiB, 4 GPUs G2), 1 × (64 cores, 256 GiB)"
            ])
    }

    @Test("wrong GPU model: NO")
    func wrongModel() {
        let (broker, _, _) = singleOfferBroker()
        let answer = broker.submit(request(1, milliGPUs: 500, models: ["V100M32"]))
        #expect(answer.messages == ["A: needs a GPU model in [V100M32], but the nodes have G2"])
    }

    @Test("GPUs that are neither share nor whole: NO")
    func neitherShareNorWhole() {
        let (broker, _, _) = singleOfferBroker()
        let answer = broker.submit(request(1, milliGPUs: 1500))
        #expect(
            answer.messages == [
                "A: needs 1 cores, 1 GiB, 1.5 GPUs, but a node site takes either a share of one "
                    + "GPU (up to 1000 milli-GPUs) or whole GPUs"
            ])
    }

    @Test("no node free in the window: NO")
    func noNodeFreeInWindow() throws {
        let (broker, _, _) = singleOfferBroker()
        for job in 1...2 {
            let offers = broker.submit(request(job, milliGPUs: 4000))
            _ = try broker.accept(session: try #require(offers.offers.first))
        }
        let answer = broker.submit(request(3, milliGPUs: 1000, models: ["G2"], window: 0...minute))
        #expect(
            answer.messages == [
                "A: no node has 1 cores, 1 GiB and 1 whole GPU of a model in [G2] free for a "
                    + "running start from 0 ms to 60000 ms"
            ])
        let share = broker.submit(request(4, milliGPUs: 250, window: 0...minute))
        #expect(
            share.messages == [
                "A: no node has 1 cores, 1 GiB and a share of 250 milli-GPUs on one GPU free "
                    + "for a running start from 0 ms to 60000 ms"
            ])
        #expect(broker.nodeInvariantViolations().isEmpty)
    }

    @Test("early end frees the placed GPUs")
    func earlyEndFreesPlacedGPUs() throws {
        let (broker, driver, _) = singleOfferBroker()
        driver.runTimes[1] = 10 * minute
        let short = broker.submit(request(1, milliGPUs: 2000))
        let long = broker.submit(request(2, milliGPUs: 1000))
        _ = try broker.accept(session: short.offers[0])
        _ = try broker.accept(session: long.offers[0])
        #expect(broker.session(short.offers[0])?.placement?.gpus == [0, 1])
        #expect(broker.session(long.offers[0])?.placement?.gpus == [2])

        driver.advance(to: 20 * minute)
        for gpu in 0..<2 { #expect(gpuUse(broker, gpu: gpu, at: 20 * minute) == 0) }
        #expect(gpuUse(broker, gpu: 2, at: 20 * minute) == 1000)
        #expect(gpuUse(broker, gpu: 3, at: 20 * minute) == 0)
        #expect(broker.calendars[0].used(at: 20 * minute).milliGPUs == 1000)
        #expect(broker.nodeInvariantViolations().isEmpty)
    }

    @Test("cancel frees the placed GPUs")
    func cancelFreesPlacedGPUs() throws {
        let (broker, driver, _) = singleOfferBroker()
        let first = broker.submit(request(1, milliGPUs: 300))
        let second = broker.submit(request(2, milliGPUs: 500))
        _ = try broker.accept(session: first.offers[0])
        _ = try broker.accept(session: second.offers[0])
        #expect(gpuUse(broker, gpu: 0, at: minute) == 800)

        driver.advance(to: 5 * minute)
        try broker.cancel(session: first.offers[0])
        #expect(gpuUse(broker, gpu: 0, at: minute) == 800)
        #expect(gpuUse(broker, gpu: 0, at: 5 * minute) == 500)
        #expect(gpuUse(broker, gpu: 0, at: 30 * minute) == 500)
        for gpu in 1..<4 { #expect(gpuUse(broker, gpu: gpu, at: 5 * minute) == 0) }
        #expect(broker.nodeInvariantViolations().isEmpty)
    }

    @Test("expiry frees the held GPUs")
    func expiryFreesHeldGPUs() throws {
        let (broker, driver, _) = singleOfferBroker()
        let kept = broker.submit(request(1, milliGPUs: 600))
        _ = try broker.accept(session: kept.offers[0])
        let held = broker.submit(request(2, milliGPUs: 3000))
        #expect(broker.session(held.offers[0])?.placement?.gpus == [1, 2, 3])
        for gpu in 1..<4 { #expect(gpuUse(broker, gpu: gpu, at: 30 * minute) == 1000) }

        driver.advance(to: 5 * minute)
        #expect(broker.session(held.offers[0]) == nil)
        #expect(gpuUse(broker, gpu: 0, at: 30 * minute) == 600)
        for gpu in 1..<4 { #expect(gpuUse(broker, gpu: gpu, at: 30 * minute) == 0) }
        #expect(broker.nodeInvariantViolations().isEmpty)
    }

    @Test("refusal frees the held GPUs")
    func refusalFreesHeldGPUs() throws {
        // One G2 node with 4 GPUs. The offer to R1 reserves a 600 share on
        // GPU 0 over [0, 1 h). R2 and R3 fill GPUs 1 to 3 over [0, 1 h), and
        // R4 takes GPU 0 over [1 h, 2 h). Accepted at 1 s, R1 would overlap
        // R4 on GPU 0, so the acceptance is refused.
        let site = SiteDescription(
            name: "A",
            nodes: [
                NodeType(
                    count: 1, milliCores: 32_000, memoryMiB: 128 * 1024, gpus: 4, gpuModel: "G2")
            ])
        let (broker, driver, observer) = makeBroker(sites: [site]) {
            $0.offersPerRequest = 1
            $0.offersPerSite = 1
        }
        let late = broker.submit(request(1, milliGPUs: 600))
        let others = [
            broker.submit(request(2, milliGPUs: 1000)),
            broker.submit(request(3, milliGPUs: 2000)),
            broker.submit(request(4, milliGPUs: 600, window: hour...hour)),
        ]
        for offers in others { _ = try broker.accept(session: offers.offers[0]) }
        #expect(broker.session(late.offers[0])?.placement?.gpus == [0])
        #expect(broker.session(others[2].offers[0])?.placement?.gpus == [0])
        #expect(gpuUse(broker, gpu: 0, at: 30 * minute) == 600)

        driver.advance(to: 1000)
        let outcome = try broker.accept(session: late.offers[0])
        #expect(outcome != .accepted)
        #expect(observer.refusals.count == 1)
        #expect(gpuUse(broker, gpu: 0, at: 30 * minute) == 0)
        #expect(gpuUse(broker, gpu: 0, at: 90 * minute) == 600)
        for gpu in 1..<4 { #expect(gpuUse(broker, gpu: gpu, at: 30 * minute) == 1000) }
        #expect(broker.calendars[0].used(at: 30 * minute).milliGPUs == 3000)
        #expect(broker.nodeInvariantViolations().isEmpty)
    }

    @Test("unheld acceptance places again")
    func unheldAcceptancePlacesAgain() throws {
        let (broker, _, _) = singleOfferBroker(hold: false)
        let first = broker.submit(request(1, milliGPUs: 4000))
        let second = broker.submit(request(2, milliGPUs: 4000))
        // Without holds both offers name node 0.
        #expect(broker.session(first.offers[0])?.placement?.node == 0)
        #expect(broker.session(second.offers[0])?.placement?.node == 0)
        _ = try broker.accept(session: first.offers[0])
        #expect(try broker.accept(session: second.offers[0]) == .accepted)
        #expect(broker.session(second.offers[0])?.placement?.node == 1)
        for node in 0..<2 {
            for gpu in 0..<4 { #expect(gpuUse(broker, node: node, gpu: gpu, at: minute) == 1000) }
        }
        #expect(broker.nodeInvariantViolations().isEmpty)
    }

    @Test("best-fit ranks by the chosen node")
    func bestFitRanksByNode() throws {
        // Site A has one 4-GPU node with 3 GPUs taken; site B one empty
        // 4-GPU node. Best-fit puts a 1-GPU request where the node is fuller.
        let type = NodeType(
            count: 1, milliCores: 32_000, memoryMiB: 128 * 1024, gpus: 4, gpuModel: "G2")
        let (broker, _, _) = makeBroker(
            sites: [
                SiteDescription(name: "A", nodes: [type]),
                SiteDescription(name: "B", nodes: [type]),
            ]
        ) {
            $0.policy = .bestFit
            $0.offersPerSite = 1
        }
        let filler = broker.submit(request(1, milliGPUs: 3000))
        let fillerID = try #require(filler.offers.first { broker.session($0)?.site == 0 })
        _ = try broker.accept(session: fillerID)
        let offers = broker.submit(request(2, milliGPUs: 1000))
        #expect(offers.offers.compactMap { broker.session($0)?.site } == [0, 1])
    }
}
