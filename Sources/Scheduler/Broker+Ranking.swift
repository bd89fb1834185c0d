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

    /// The calendar whose fractions rank a slot: the node's at a node site,
    /// the site's at a pool site.
    private func rankingCalendar(site: Int, placement: NodePlacement?) -> CapacityCalendar {
        guard let placement, let nodes = nodeCalendars[site] else { return calendars[site] }
        return nodes.nodes[placement.node].calendar
    }

    /// Moves the first `offersPerRequest` candidates in the policy's order to
    /// the front, in that order. Ties break by running start, then by the
    /// site's order, then by the candidate's order at its site, so the order
    /// is total and the same as a full sort's.
    func rank(_ candidates: inout [Candidate], for request: JobRequest) {
        guard settings.policy == .random else {
            // A selection of the few presented candidates costs less than a
            // full sort of every site's candidates.
            let presented = min(settings.offersPerRequest, candidates.count)
            for position in 0..<presented {
                var best = position
                for index in (position + 1)..<candidates.count
                where Self.precedes(candidates[index], candidates[best]) {
                    best = index
                }
                candidates.swapAt(position, best)
            }
            return
        }

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
