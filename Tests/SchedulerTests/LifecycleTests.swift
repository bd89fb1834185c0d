import BrokerModel
import Scheduler
import Testing

/// One 8-core site that pulls images in 3 min, stages at 1 GB/s and takes
/// 30 s to set up and 15 s to tear down.
private func preparedSite() -> SiteDescription {
    SiteDescription(
        name: "A", capacity: cores(8), imageCacheCapacity: 2, pullTime: 3 * minute,
        stagingBandwidth: 1_000_000_000, setup: 30_000, teardown: 15_000)
}

/// 2 cores for an hour with image 5 and 60 GB of data that A must stage.
private func preparedRequest(_ job: Int) -> JobRequest {
    JobRequest(
        job: job, needs: cores(2), image: 5, datasets: [.init(index: 0, bytes: 60_000_000_000)],
        duration: hour)
}

@Test func lifecycleWithPreparationAndEarlyEnd() throws {
    let (broker, driver, observer) = makeBroker(sites: [preparedSite()])
    driver.runTimes[1] = 30 * minute
    let offers = broker.submit(preparedRequest(1))
    let offer = try #require(broker.session(offers.offers[0]))
    // Preparation: pull 180 s + staging 60 s + setup 30 s = 270 s.
    #expect(offer.slot == Slot(start: 0, preparation: 270_000, duration: hour, teardown: 15_000))
    #expect(offer.slot.end == 3_885_000)
    #expect(broker.calendars[0].used(at: 3_884_999) == cores(4))

    #expect(try broker.accept(session: offer.id) == .accepted)
    driver.advance(to: 2 * hour)
    #expect(
        observer.history(of: offer.id) == [
            "0 INITIAL->OFFERED", "0 OFFERED->ACCEPTED", "0 ACCEPTED->WAITING",
            "0 WAITING->STANDUP", "270000 STANDUP->READY", "270000 READY->RUNNING",
            "2070000 RUNNING->TEARDOWN", "2085000 TEARDOWN->COMPLETED",
        ])
    // The early end frees the rest of the slot when teardown ends.
    #expect(observer.reservationReleases.map(\.time) == [2_085_000])
    #expect(broker.calendars[0].used(at: 2_085_000) == .zero)
    #expect(broker.caches[0].images == [5])

    // The image is cached now: preparation is staging and setup only.
    let next = broker.submit(preparedRequest(2))
    #expect(broker.session(next.offers[0])?.slot.preparation == 90_000)
    for calendar in broker.calendars { #expect(calendar.invariantViolations().isEmpty) }
}

@Test(arguments: [(hour, Phase.completed), (hour + 1, Phase.failed)])
func jobOutrunningDurationFails(runTime: Milliseconds, final: Phase) throws {
    let (broker, driver, observer) = makeBroker(sites: [preparedSite()])
    driver.runTimes[1] = runTime
    let offers = broker.submit(preparedRequest(1))
    #expect(try broker.accept(session: offers.offers[0]) == .accepted)
    driver.advance(to: 3 * hour)
    #expect(
        observer.history(of: offers.offers[0]).suffix(2) == [
            "3870000 RUNNING->TEARDOWN", "3885000 TEARDOWN->\(final.rawValue)",
        ])
    #expect(driver.stopped == (final == .failed ? [offers.offers[0]] : []))
    #expect(observer.reservationReleases.map(\.time) == [3_885_000])
}

@Test func cancelFreesRestOfSlot() throws {
    let (broker, driver, observer) = makeBroker(sites: [preparedSite()])
    let offers = broker.submit(preparedRequest(1))
    let id = offers.offers[0]
    #expect(try broker.accept(session: id) == .accepted)
    driver.advance(to: 10 * minute)
    #expect(broker.session(id)?.phase == .running)
    try broker.cancel(session: id)
    #expect(observer.history(of: id).last == "600000 RUNNING->CANCELLED")
    #expect(driver.stopped == [id])
    #expect(broker.calendars[0].used(at: 600_000) == .zero)
    #expect(observer.reservationReleases.map(\.time) == [600_000])
    #expect(throws: BrokerError.unknownSession(id)) { try broker.cancel(session: id) }
}

@Test func cancelBeforeSlotStartReleasesWholeSlot() throws {
    let (broker, driver, observer) = makeBroker(sites: [preparedSite()])
    var request = preparedRequest(1)
    request.window = hour...(2 * hour)
    let offers = broker.submit(request)
    let id = offers.offers[0]
    #expect(broker.session(id)?.slot.start == hour - 270_000)
    #expect(try broker.accept(session: id) == .accepted)
    driver.advance(to: minute)
    try broker.cancel(session: id)
    #expect(observer.history(of: id).last == "60000 WAITING->CANCELLED")
    // Nothing of the slot was in force, so the reservation ends where it starts.
    #expect(observer.reservationReleases.map(\.time) == [hour - 270_000])
    #expect(broker.calendars[0].used(at: hour) == .zero)
}

@Test func clientChangesOutsideOptionsThrow() throws {
    let (broker, driver, _) = makeBroker(sites: [preparedSite()])
    let offers = broker.submit(preparedRequest(1))
    let id = offers.offers[0]
    #expect(
        throws: BrokerError.invalidTransition(
            .init(session: "\(id)", current: .offered, requested: .cancelled))
    ) {
        try broker.cancel(session: id)
    }
    #expect(try broker.accept(session: id) == .accepted)
    #expect(
        throws: BrokerError.invalidTransition(
            .init(session: "\(id)", current: .waiting, requested: .accepted))
    ) {
        try broker.accept(session: id)
    }
    #expect(
        throws: BrokerError.invalidTransition(
            .init(session: "\(id)", current: .waiting, requested: .rejected))
    ) {
        try broker.reject(session: id)
    }
    driver.runTimes[1] = 30 * minute
    driver.advance(to: 2_070_000)
    #expect(broker.session(id)?.phase == .teardown)
    #expect(
        throws: BrokerError.invalidTransition(
            .init(session: "\(id)", current: .teardown, requested: .cancelled))
    ) {
        try broker.cancel(session: id)
    }
}

@Test func rejectKeepsSiblingsOffered() throws {
    let (broker, _, observer) = makeBroker(sites: [preparedSite()])
    let offers = broker.submit(preparedRequest(1))
    try broker.reject(session: offers.offers[0])
    #expect(broker.session(offers.offers[1])?.phase == .offered)
    #expect(observer.holdReleases.map(\.phase) == [.rejected])
    #expect(try broker.accept(session: offers.offers[1]) == .accepted)
}
