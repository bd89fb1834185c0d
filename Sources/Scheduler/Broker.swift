import BrokerModel

/// The ExecutionBroker: makes, holds, expires and accepts offers, and drives
/// accepted sessions through their lifecycle.
///
/// Time and timers come from a `BrokerClock`, and jobs run on a
/// `ComputeBackend`, so the same broker serves the simulator and a live
/// service. The broker never writes files or prints: it reports every offer
/// and phase change to its observers. It is not thread-safe; one driver
/// calls it at a time.
public final class Broker {
    public let settings: BrokerSettings
    public let sites: [SiteDescription]
    /// The committed resources of each site as a whole. At a node site it
    /// is the sum over the nodes in `nodeCalendars`.
    public internal(set) var calendars: [CapacityCalendar]
    /// The node and GPU calendars of each node site; nil for a pool site.
    public internal(set) var nodeCalendars: [NodeCalendars?]
    public internal(set) var caches: [ImageCache]

    let clock: any BrokerClock
    let backend: any ComputeBackend
    let random: (any KeyedRandomSource)?
    var observers: [any BrokerObserver] = []

    /// Sessions that have not reached a final phase, by identifier.
    var sessions = SessionTable()
    /// The offers of each offer set that still has an offer in OFFERED.
    var openOfferSets: [Int: [Int]] = [:]
    var nextSessionID = 0
    var nextOfferSetID = 0
    /// Calendar segments before the current time are dropped every this
    /// many requests.
    private var requestsSincePruning = 0

    /// Creates a broker over `sites`, in the order that breaks ranking ties.
    ///
    /// - Parameter random: the source for the `random` policy; required
    ///   when `settings.policy` is `.random`.
    public init(
        settings: BrokerSettings, sites: [SiteDescription], clock: any BrokerClock,
        backend: any ComputeBackend, random: (any KeyedRandomSource)? = nil
    ) {
        precondition(
            settings.policy != .random || random != nil,
            "the random offer policy needs a KeyedRandomSource")
        self.settings = settings
        self.sites = sites
        self.clock = clock
        self.backend = backend
        self.random = random
        calendars = sites.map { CapacityCalendar(capacity: $0.capacity) }
        nodeCalendars = sites.map { $0.hasNodes ? NodeCalendars(types: $0.nodes) : nil }
        caches = sites.map { ImageCache(capacity: $0.imageCacheCapacity, images: $0.cachedImages) }
    }

    /// Adds an observer that receives every later offer set and phase change.
    public func addObserver(_ observer: any BrokerObserver) {
        observers.append(observer)
    }

    /// Returns the session with `id`, unless it has reached a final phase.
    public func session(_ id: Int) -> Session? { sessions[id] }

    /// The number of sessions that have not reached a final phase.
    public var activeSessionCount: Int { sessions.count }

    // MARK: Offers

    /// Replies to a request with an offer set: YES with up to
    /// `offersPerRequest` offers in rank order, or NO with a reason per site.
    @discardableResult
    public func submit(_ request: JobRequest) -> OfferSetRecord {
        let now = clock.now
        pruneCalendarsPeriodically(now: now)

        var candidates: [Candidate] = []
        var best = BestCandidates(limit: settings.offersPerRequest)
        var reasons: [String] = []
        for index in sites.indices {
            let reason = findCandidates(
                for: request, at: index, now: now, best: &best, into: &candidates)
            if let reason { reasons.append("\(sites[index].name): \(reason)") }
        }

        let chosen: [Candidate]
        if settings.policy == .random {
            rank(&candidates, for: request)
            chosen = Array(candidates.prefix(settings.offersPerRequest))
        } else {
            chosen = best.candidates
        }
        if settings.hold {
            for candidate in chosen {
                reserve(
                    request.needs, at: candidate.site, placement: candidate.placement,
                    from: candidate.slot.start, to: candidate.slot.end)
            }
        }

        let setID = nextOfferSetID
        nextOfferSetID += 1
        let expires = now + settings.offerLifetime
        var offers: [Session] = []
        for (rank, candidate) in chosen.enumerated() {
            let session = Session(
                id: nextSessionID, offerSet: setID, job: request.job, attempt: request.attempt,
                site: candidate.site, rank: rank, slot: candidate.slot, amounts: request.needs,
                gpuModels: request.gpuModels,
                created: now, expires: expires, latestRunningStart: candidate.latestRunningStart,
                staging: candidate.staging, image: request.image, phase: .offered,
                holding: settings.hold, placement: candidate.placement)
            nextSessionID += 1
            sessions.append(session)
            offers.append(session)
        }

        let record = OfferSetRecord(
            id: setID, job: request.job, attempt: request.attempt, created: now,
            expires: expires, hasOffers: !offers.isEmpty, offers: offers.map(\.id),
            messages: offers.isEmpty ? reasons : [])
        for observer in observers { observer.offerSetCreated(record, sessions: offers) }
        guard !offers.isEmpty else { return record }

        for session in offers {
            for observer in observers {
                observer.phaseChanged(session, from: .initial, to: .offered, at: now)
            }
        }
        openOfferSets[setID] = record.offers
        clock.schedule(.expire(offerSet: setID), at: expires)
        return record
    }

    /// A slot that one site could offer, before ranking.
    struct Candidate {
        var site: Int
        /// 0 for the site's earliest slot, 1 for the next, and so on.
        var index: Int
        var slot: Slot
        /// The node and GPUs at a node site; nil at a pool site.
        var placement: NodePlacement?
        var staging: Milliseconds
        var latestRunningStart: Milliseconds
        var key: RankKey
    }

    /// Appends the site's candidates for the request and returns why the
    /// site has none, if it has none.
    ///
    /// When offers hold, each candidate is computed with the site's earlier
    /// candidates held. Those holds are released before returning, and
    /// `submit` holds the candidates it presents: a site's calendar is
    /// touched by no other site's candidates, so the outcome is the same as
    /// holding every candidate and releasing the ones not presented.
    /// - Parameter best: the candidates `submit` would present so far; each
    ///   new candidate joins it. Under `earliest-start` and `data-local` a
    ///   site's later candidates rank below its earlier ones, so the search
    ///   stops once no further candidate of the site could rank above the
    ///   last of `best`.
    private func findCandidates(
        for request: JobRequest, at siteIndex: Int, now: Milliseconds,
        best: inout BestCandidates, into candidates: inout [Candidate]
    ) -> String? {
        let site = sites[siteIndex]
        if let reason = ineligibility(of: site, for: request) { return reason }

        var staging: Milliseconds = 0
        var stagedBytes: Int64 = 0
        for dataset in request.datasets where !site.replicas.contains(dataset.index) {
            let (sum, overflow) = stagedBytes.addingReportingOverflow(dataset.bytes)
            stagedBytes = overflow ? Int64.max : sum
        }
        staging = site.stagingTime(bytes: stagedBytes)
        var preparation = staging + site.setup
        if let image = request.image, !caches[siteIndex].contains(image) {
            preparation += site.pullTime
        }

        let earliestRunningStart = max(now + preparation, request.window?.lowerBound ?? now)
        let latestRunningStart = request.window?.upperBound ?? now + settings.horizon
        guard earliestRunningStart <= latestRunningStart else {
            return "the requested window ends at \(latestRunningStart) ms, before preparation "
                + "(\(ISO8601.format(duration: preparation))) could finish"
        }

        let length = preparation + request.duration + site.teardown
        var earliestStart = earliestRunningStart - preparation
        let latestStart = latestRunningStart - preparation
        var found = 0
        // The site's candidates are appended from here on. The first
        // `heldCount` of them are held while the later ones are searched.
        let firstCandidate = candidates.count
        var heldCount = 0
        defer {
            if heldCount > 0 {
                for candidate in candidates[firstCandidate..<(firstCandidate + heldCount)] {
                    release(
                        request.needs, at: siteIndex, placement: candidate.placement,
                        from: candidate.slot.start, to: candidate.slot.end)
                }
            }
        }
        while found < settings.offersPerSite {
            guard
                let fit = earliestFit(
                    request.needs, models: request.gpuModels, at: siteIndex, length: length,
                    earliest: earliestStart, latest: latestStart)
            else { break }
            let slot = Slot(
                start: fit.start, preparation: preparation, duration: request.duration,
                teardown: site.teardown)
            let key = rankKey(
                for: slot, at: siteIndex, placement: fit.placement, needs: request.needs,
                staging: staging)
            let candidate = Candidate(
                site: siteIndex, index: found, slot: slot, placement: fit.placement,
                staging: staging, latestRunningStart: latestRunningStart, key: key)
            let prunes = Self.laterCandidatesRankLower(settings.policy)
            if prunes, let cutoff = best.cutoff, !Self.precedes(candidate, cutoff) {
                // Not presented, and neither is any later candidate of this site.
                return nil
            }
            candidates.append(candidate)
            best.insert(candidate)
            found += 1
            guard found < settings.offersPerSite else { break }

            // The next candidate runs no earlier than this one's running end.
            var next = candidate
            next.index = found
            next.slot.start = slot.runningEnd - preparation
            if prunes, let cutoff = best.cutoff, !Self.precedes(next, cutoff) { return nil }
            if settings.hold {
                reserve(
                    request.needs, at: siteIndex, placement: fit.placement, from: slot.start,
                    to: slot.end)
                heldCount += 1
            }
            earliestStart = slot.runningEnd - preparation
        }
        guard found == 0 else { return nil }
        if site.hasNodes, let demand = GPUDemand(milliGPUs: request.needs.milliGPUs) {
            return
                "no node has \(nodeNeed(request.needs, demand: demand, models: request.gpuModels)) "
                + "free for a running start from \(earliestRunningStart) ms to "
                + "\(latestRunningStart) ms"
        }
        return "no free slot for \(request.needs) with a running start from "
            + "\(earliestRunningStart) ms to \(latestRunningStart) ms"
    }

    /// Returns why the site can never run the request, or nil when it can.
    private func ineligibility(of site: SiteDescription, for request: JobRequest) -> String? {
        let needs = request.needs
        if !needs.fits(within: site.capacity) {
            return "needs \(needs), but the site has \(site.capacity)"
        }
        if site.hasNodes { return nodeIneligibility(of: site, for: request) }
        if needs.milliGPUs > 0, !request.gpuModels.isEmpty {
            guard let model = site.gpuModel, request.gpuModels.contains(model) else {
                return "needs a GPU model in [\(request.gpuModels.joined(separator: ", "))], "
                    + "but the site has \(site.gpuModel ?? "none")"
            }
        }
        return nil
    }

    private func pruneCalendarsPeriodically(now: Milliseconds) {
        requestsSincePruning += 1
        guard requestsSincePruning >= 64 else { return }
        requestsSincePruning = 0
        for index in calendars.indices { calendars[index].discardHistory(before: now) }
        for index in nodeCalendars.indices where nodeCalendars[index] != nil {
            nodeCalendars[index]!.discardHistory(before: now)
        }
    }
}
