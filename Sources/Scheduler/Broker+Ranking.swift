import BrokerModel

/// The policy's figure for one candidate; smaller ranks first.
enum RankKey {
    case time(Milliseconds)
    case fraction(Fraction)
    case unranked

    static func < (lhs: RankKey, rhs: RankKey) -> Bool {
        switch (lhs, rhs) {
        case (.time(let left), .time(let right)): left < right
        case (.fraction(let left), .fraction(let right)): left < right
        default: false
        }
    }
}

extension Broker {
    /// Computes the policy's figure for a slot at a site, with the
    /// request's earlier candidates already held.
    ///
    /// At a node site the fractions are those of the placement's node: its
    /// cores, memory and total GPUs, not the site's.
    func rankKey(
        for slot: Slot, at site: Int, placement: NodePlacement?, needs: ResourceAmounts,
        staging: Milliseconds
    ) -> RankKey {
        switch settings.policy {
        case .earliestStart, .random:
            return .unranked
        case .dataLocal:
            return .time(staging)
        case .bestFit:
            // The smallest free fraction left once the slot is placed: per
            // resource the minimum over the slot, then the minimum across
            // resources.
            let calendar = rankingCalendar(site: site, placement: placement)
            let capacity = calendar.capacity
            let peak = calendar.maximumUsed(from: slot.start, to: slot.end) + needs
            let free = peak.pairs(with: capacity).map {
                Fraction($0.capacity - $0.value, $0.capacity)
            }
            return .fraction(free.min() ?? Fraction(0, 1))
        case .leastLoaded:
            // The largest committed fraction before the slot is placed: per
            // resource the maximum over the slot, then the maximum across
            // resources.
            let calendar = rankingCalendar(site: site, placement: placement)
            let capacity = calendar.capacity
            let peak = calendar.maximumUsed(from: slot.start, to: slot.end)
            let committed = peak.pairs(with: capacity).map { Fraction($0.value, $0.capacity) }
            return .fraction(committed.max() ?? Fraction(0, 1))
        }
    }

    /// Returns the calendar whose fractions rank a slot: the node's at a node site,
    /// the site's at a pool site.
    private func rankingCalendar(site: Int, placement: NodePlacement?) -> CapacityCalendar {
        guard let placement, let nodes = nodeCalendars[site] else { return calendars[site] }
        return nodes.nodes[placement.node].calendar
    }

    /// Orders candidates for the `random` policy: sorted by running start,
    /// site and candidate order, then shuffled with keyed random values.
    /// The other policies keep their best candidates as they are found.
    func rank(_ candidates: inout [Candidate], for request: JobRequest) {
        candidates.sort(by: Self.precedes)
        guard let random, candidates.count > 1 else { return }

        // Fisher–Yates, keyed by the job and attempt so that the order does
        // not depend on anything else that happened in the run.
        for position in stride(from: candidates.count - 1, to: 0, by: -1) {
            let draw = random.uniform(
                "offer-rank", entity: Int64(request.job), attempt: request.attempt,
                draw: position)
            let other = min(position, Int(draw * Double(position + 1)))
            candidates.swapAt(position, other)
        }
    }

    static func precedes(_ left: Candidate, _ right: Candidate) -> Bool {
        if left.key < right.key { return true }
        if right.key < left.key { return false }
        if left.slot.runningStart != right.slot.runningStart {
            return left.slot.runningStart < right.slot.runningStart
        }
        if left.site != right.site { return left.site < right.site }
        return left.index < right.index
    }
}

extension Broker {
    /// Returns whether a site's later candidates always rank below its earlier ones:
    /// true when the policy's figure is the same for every candidate of a
    /// site (or absent), since a later candidate's running start is later.
    static func laterCandidatesRankLower(_ policy: OfferPolicy) -> Bool {
        switch policy {
        case .earliestStart, .dataLocal: true
        case .bestFit, .leastLoaded, .random: false
        }
    }

    /// The best candidates seen so far, in rank order, up to a limit.
    struct BestCandidates {
        let limit: Int
        private(set) var candidates: [Candidate] = []

        init(limit: Int) {
            self.limit = limit
            candidates.reserveCapacity(limit + 1)
        }

        /// The candidate a new one must rank above to be kept, once the list is full.
        var cutoff: Candidate? { candidates.count == limit ? candidates.last : nil }

        mutating func insert(_ candidate: Candidate) {
            guard limit > 0 else { return }
            if let cutoff, !Broker.precedes(candidate, cutoff) { return }
            var index = candidates.count
            while index > 0, Broker.precedes(candidate, candidates[index - 1]) { index -= 1 }
            candidates.insert(candidate, at: index)
            if candidates.count > limit { candidates.removeLast() }
        }
    }
}
