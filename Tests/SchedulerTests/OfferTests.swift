import BrokerModel
import Scheduler
import Testing

private func site(_ name: String, cores count: Int64) -> SiteDescription {
    SiteDescription(name: name, capacity: cores(count))
}

private func request(_ job: Int, cores count: Int64, duration: Milliseconds = hour) -> JobRequest {
    JobRequest(job: job, needs: cores(count), duration: duration)
}

@Test(arguments: [true, false])
func holdVersusNoHoldOnTwoSites(hold: Bool) throws {
    // Two 4-core sites, one offer per request. R1 and R2 both arrive at 0
    // and want 4 cores for an hour; R1 accepts at 1 s, R2 at 2 s.
    let (broker, driver, observer) = makeBroker(sites: [site("A", cores: 4), site("B", cores: 4)]) {
        $0.hold = hold
        $0.offersPerRequest = 1
        $0.offersPerSite = 1
    }
    let first = broker.submit(request(1, cores: 4))
    let second = broker.submit(request(2, cores: 4))
    let firstOffer = try #require(broker.session(first.offers[0]))
    let secondOffer = try #require(broker.session(second.offers[0]))
    #expect(firstOffer.site == 0)
    #expect(firstOffer.slot.runningStart == 0)
    // With holds, A is held by R1's offer, so R2 is offered B; without, A again.
    #expect(secondOffer.site == (hold ? 1 : 0))
    #expect(secondOffer.slot.runningStart == 0)

    driver.advance(to: 1000)
    #expect(try broker.accept(session: firstOffer.id) == .accepted)
    #expect(broker.session(firstOffer.id)?.slot.start == 1000)

    driver.advance(to: 2000)
    let outcome = try broker.accept(session: secondOffer.id)
    if hold {
        #expect(outcome == .accepted)
        #expect(broker.session(secondOffer.id)?.slot.start == 2000)
        #expect(observer.refusals.isEmpty)
    } else {
        let message =
            "the capacity at A for 4 cores, 0 GiB from 2000 ms to 3602000 ms is no longer free"
        #expect(outcome == .refused(message: message))
        #expect(observer.refusals == [message])
        #expect(
            observer.history(of: secondOffer.id) == [
                "0 INITIAL->OFFERED", "2000 OFFERED->REJECTED",
            ])
    }
    for calendar in broker.calendars { #expect(calendar.invariantViolations().isEmpty) }
}

@Test func offerExpiresAndReleasesHold() throws {
    let (broker, driver, observer) = makeBroker(sites: [site("A", cores: 4)])
    let offers = broker.submit(request(1, cores: 4))
    #expect(offers.expires == 5 * minute)
    #expect(offers.offers.count == 2)
    #expect(broker.calendars[0].used(at: 30 * minute) == cores(4))
    #expect(broker.calendars[0].used(at: 90 * minute) == cores(4))

    driver.advance(to: 5 * minute)
    #expect(
        observer.history(of: offers.offers[0]) == ["0 INITIAL->OFFERED", "300000 OFFERED->EXPIRED"])
    #expect(
        observer.history(of: offers.offers[1]) == ["0 INITIAL->OFFERED", "300000 OFFERED->EXPIRED"])
    #expect(broker.calendars[0].used(at: 30 * minute) == .zero)
    #expect(broker.calendars[0].used(at: 90 * minute) == .zero)
    #expect(observer.holdReleases.map(\.phase) == [.expired, .expired])
    #expect(observer.holdReleases.map(\.time) == [300_000, 300_000])
    #expect(throws: BrokerError.unknownSession(offers.offers[0])) {
        try broker.accept(session: offers.offers[0])
    }
}

@Test func acceptanceAtExpiryIsTooLate() throws {
    let (broker, driver, _) = makeBroker(sites: [site("A", cores: 4)])
    let offers = broker.submit(request(1, cores: 4))
    driver.jump(to: 5 * minute)
    #expect(
        throws: BrokerError.offerExpired(session: offers.offers[0], expires: 300_000, at: 300_000)
    ) {
        try broker.accept(session: offers.offers[0])
    }
    driver.jump(to: 5 * minute - 1)
    #expect(try broker.accept(session: offers.offers[0]) == .accepted)
}

@Test func acceptingRejectsSiblings() throws {
    let (broker, driver, observer) = makeBroker(sites: [site("A", cores: 4), site("B", cores: 4)]) {
        $0.offersPerSite = 1
    }
    let offers = broker.submit(request(1, cores: 4))
    #expect(offers.offers.count == 2)
    let (chosen, sibling) = (offers.offers[0], offers.offers[1])
    #expect(broker.session(sibling)?.site == 1)
    #expect(broker.calendars[1].used(at: minute) == cores(4))

    #expect(try broker.accept(session: chosen) == .accepted)
    #expect(observer.history(of: sibling) == ["0 INITIAL->OFFERED", "0 OFFERED->REJECTED"])
    #expect(broker.calendars[1].used(at: minute) == .zero)
    #expect(broker.calendars[0].used(at: minute) == cores(4))
    #expect(observer.holdReleases.map(\.session) == [sibling])
    #expect(throws: BrokerError.unknownSession(sibling)) { try broker.accept(session: sibling) }

    driver.advance(to: 2 * hour)
    #expect(
        observer.history(of: chosen) == [
            "0 INITIAL->OFFERED", "0 OFFERED->ACCEPTED", "0 ACCEPTED->WAITING",
            "0 WAITING->STANDUP", "0 STANDUP->READY", "0 READY->RUNNING",
            "3600000 RUNNING->TEARDOWN", "3600000 TEARDOWN->COMPLETED",
        ])
    #expect(broker.calendars[0].used(at: 2 * hour) == .zero)
}

@Test func refusedAcceptanceRestoresSiblingHolds() throws {
    // R1 gets A and B from 0 to 1 h; R2 then gets A and B from 1 h to 2 h.
    // R1 accepting at 10 min shifts its slot into R2's holds, so both of
    // R1's offers are refused one after the other.
    let (broker, driver, observer) = makeBroker(sites: [site("A", cores: 4), site("B", cores: 4)]) {
        $0.offersPerSite = 1
        $0.offerLifetime = hour
    }
    let first = broker.submit(request(1, cores: 4))
    let second = broker.submit(request(2, cores: 4))
    #expect(second.offers.compactMap { broker.session($0)?.slot.runningStart } == [hour, hour])

    driver.advance(to: 10 * minute)
    let outcome = try broker.accept(session: first.offers[0])
    #expect(
        outcome
            == .refused(
                message:
                    "the capacity at A for 4 cores, 0 GiB from 600000 ms to 4200000 ms is no longer free"
            ))
    #expect(broker.session(first.offers[1])?.phase == .offered)
    #expect(broker.session(first.offers[1])?.holding == true)
    #expect(broker.calendars[1].used(at: 30 * minute) == cores(4))
    #expect(broker.calendars[0].used(at: 30 * minute) == .zero)

    let again = try broker.accept(session: first.offers[1])
    #expect(again != .accepted)
    #expect(observer.refusals.count == 2)
    #expect(broker.calendars[1].used(at: 30 * minute) == .zero)
    #expect(broker.calendars[1].used(at: 90 * minute) == cores(4))
    for calendar in broker.calendars { #expect(calendar.invariantViolations().isEmpty) }
}

@Test func acceptanceOutsideWindowIsRefused() throws {
    // The window allows running starts from 0 to 2 min only; accepting at
    // 3 min would move the running start to 3 min.
    let (broker, driver, observer) = makeBroker(sites: [site("A", cores: 4)])
    var job = request(1, cores: 1)
    job.window = 0...(2 * minute)
    let offers = broker.submit(job)
    #expect(offers.offers.count == 1)
    driver.advance(to: 3 * minute)
    let outcome = try broker.accept(session: offers.offers[0])
    #expect(
        outcome
            == .refused(
                message:
                    "accepted too late: the running start would move to 180000 ms, after the requested window ends at 120000 ms"
            ))
    #expect(observer.history(of: offers.offers[0]).last == "180000 OFFERED->REJECTED")
}

@Test func noAnswerNamesEverySite() {
    let (broker, _, observer) = makeBroker(sites: [site("A", cores: 4), site("B", cores: 2)])
    let offers = broker.submit(request(1, cores: 8))
    #expect(!offers.hasOffers)
    #expect(offers.offers.isEmpty)
    #expect(
        offers.messages == [
            "A: needs 8 cores, 0 GiB, but the site has 4 cores, 0 GiB",
            "B: needs 8 cores, 0 GiB, but the site has 2 cores, 0 GiB",
        ])
    #expect(observer.offerSets.count == 1)
    #expect(observer.lines.isEmpty)
}

@Test(arguments: [true, false])
func secondCandidateFollowsFirstRunningPeriod(hold: Bool) throws {
    var description = site("A", cores: 4)
    description.teardown = 15_000
    let (broker, _, _) = makeBroker(sites: [description]) { $0.hold = hold }
    let offers = broker.submit(request(1, cores: 4))
    let starts = offers.offers.compactMap { broker.session($0)?.slot.runningStart }
    // The second candidate starts at or after the first running period's
    // end; with holds it must also wait for the first slot's teardown.
    #expect(starts == [0, hold ? hour + 15_000 : hour])
}

@Test func policiesRankCandidates() throws {
    func firstSite(_ policy: OfferPolicy, preload: Bool, replicaAtB: Bool = false) throws -> Int {
        var sites = [site("A", cores: 8), site("B", cores: 4)]
        sites[0].stagingBandwidth = 1_000_000_000
        sites[1].stagingBandwidth = 1_000_000_000
        if replicaAtB { sites[1].replicas = [0] }
        let (broker, _, _) = makeBroker(sites: sites) {
            $0.policy = policy
            $0.hold = false
            $0.offersPerSite = 1
        }
        if preload {
            let load = broker.submit(JobRequest(job: 0, needs: cores(2), duration: 3 * hour))
            let atA = try #require(load.offers.first { broker.session($0)?.site == 0 })
            #expect(try broker.accept(session: atA) == .accepted)
        }
        var job = request(1, cores: 2)
        if replicaAtB { job.datasets = [.init(index: 0, bytes: 1_000_000_000)] }
        let offers = broker.submit(job)
        return try #require(broker.session(offers.offers[0])).site
    }
    // Free fraction after placing 2 cores: A 6/8, B 2/4, so best-fit picks B.
    #expect(try firstSite(.earliestStart, preload: false) == 0)
    #expect(try firstSite(.bestFit, preload: false) == 1)
    #expect(try firstSite(.leastLoaded, preload: false) == 0)
    // With 2 cores already on A: best-fit ties at 4/8 = 2/4 and keeps site
    // order; least-loaded sees A at 2/8 and B at 0/4.
    #expect(try firstSite(.bestFit, preload: true) == 0)
    #expect(try firstSite(.leastLoaded, preload: true) == 1)
    // Staging 1 GB at 1 GB/s takes 1 s at A and nothing at B.
    #expect(try firstSite(.dataLocal, preload: false, replicaAtB: true) == 1)
    #expect(try firstSite(.earliestStart, preload: false, replicaAtB: true) == 1)
}

@Test func siteWithFewerCandidatesLeaksNoHold() throws {
    // The window admits only the first candidate, so the site returns one
    // of the two it may; the temporary hold of that candidate must go.
    let (broker, _, _) = makeBroker(sites: [site("A", cores: 4)])
    var job = request(1, cores: 4)
    job.window = 0...(30 * minute)
    let offers = broker.submit(job)
    #expect(offers.offers.count == 1)
    #expect(broker.calendars[0].used(at: 0) == cores(4))
    #expect(broker.calendars[0].invariantViolations().isEmpty)
    try broker.reject(session: offers.offers[0])
    #expect(broker.calendars[0].used(at: 0) == .zero)
    #expect(broker.calendars[0].times == [Int64.min])
}
