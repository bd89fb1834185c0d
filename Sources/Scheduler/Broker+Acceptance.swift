import BrokerModel

extension Broker {
    /// Accepts an offer at the current time.
    ///
    /// When the current time is at or before the slot's preparation start,
    /// the session keeps the offered times. Otherwise the slot shifts so
    /// that preparation starts now, after the offer's and its siblings'
    /// holds are released. A slot that no longer fits, or whose shifted
    /// running start leaves the requested window, is refused: the offer
    /// becomes REJECTED, the siblings' holds are restored and they stay
    /// OFFERED. On success every sibling becomes REJECTED.
    ///
    /// - Throws: `BrokerError` when the session is unknown, not OFFERED, or
    ///   expired (an acceptance at `expires` or later is too late).
    @discardableResult
    public func accept(session id: Int) throws(BrokerError) -> AcceptOutcome {
        let now = clock.now
        let session = try offeredSession(id, requesting: .accepted)
        guard now < session.expires else {
            throw .offerExpired(session: id, expires: session.expires, at: now)
        }
        let siblings = (openOfferSets[session.offerSet] ?? []).filter {
            $0 != id && sessions[$0]?.phase == .offered
        }

        var slot = session.slot
        let shifted = now > slot.start
        var refusal: String?
        if shifted {
            releaseHold(of: id, now: now)
            for sibling in siblings { releaseHold(of: sibling, now: now) }
            slot = slot.starting(at: now)
            if slot.runningStart > session.latestRunningStart {
                refusal =
                    "accepted too late: the running start would move to \(slot.runningStart) ms, "
                    + "after the requested window ends at \(session.latestRunningStart) ms"
            }
        }
        var placement = session.placement
        if refusal == nil, shifted || !session.holding {
            if let fit = fit(slot, for: session) {
                placement = fit.placement
            } else {
                refusal =
                    "the capacity at \(sites[session.site].name) for \(session.amounts) from "
                    + "\(slot.start) ms to \(slot.end) ms is no longer free"
            }
        }

        if let refusal {
            if shifted {
                for sibling in siblings { restoreHold(of: sibling, now: now) }
            }
            for observer in observers {
                observer.acceptanceRefused(session, at: now, message: refusal)
            }
            finishOffer(id, as: .rejected, message: refusal, now: now)
            return .refused(message: refusal)
        }

        if session.holding, !shifted {
            // The hold simply becomes the session's reservation.
            session.holding = false
        } else {
            reserve(
                session.amounts, at: session.site, placement: placement, from: slot.start,
                to: slot.end)
            session.placement = placement
        }
        session.slot = slot
        for sibling in siblings {
            finishOffer(sibling, as: .rejected, message: "a sibling offer was accepted", now: now)
        }
        openOfferSets[session.offerSet] = nil

        change(id, to: .accepted, now: now)
        change(id, to: .waiting, now: now)
        clock.schedule(.advance(session: id, from: .waiting), at: slot.start)
        return .accepted
    }

    /// Rejects an offer at the client's request; its siblings stay OFFERED.
    public func reject(session id: Int) throws(BrokerError) {
        let now = clock.now
        _ = try offeredSession(id, requesting: .rejected)
        finishOffer(id, as: .rejected, message: nil, now: now)
    }

    /// Returns where the session's resources fit over the whole slot, or
    /// nil when they do not. A node site may choose another node or GPUs
    /// than the offer's.
    private func fit(_ slot: Slot, for session: Session) -> Fit? {
        earliestFit(
            session.amounts, models: session.gpuModels, at: session.site,
            length: slot.length, earliest: slot.start, latest: slot.start)
    }

    /// Returns the session if it is in OFFERED, or throws.
    func offeredSession(_ id: Int, requesting phase: Phase) throws(BrokerError) -> Session {
        guard let session = sessions[id] else { throw .unknownSession(id) }
        guard session.phase == .offered else {
            throw .invalidTransition(
                InvalidTransition(session: "\(id)", current: session.phase, requested: phase))
        }
        return session
    }

    /// Releases the hold of an offer, if it has one in force.
    func releaseHold(of id: Int, now: Milliseconds) {
        guard let session = sessions[id], session.holding else { return }
        releaseSlot(of: session, from: max(now, session.slot.start))
        session.holding = false
    }

    private func restoreHold(of id: Int, now: Milliseconds) {
        guard let session = sessions[id], settings.hold, !session.holding else { return }
        reserve(
            session.amounts, at: session.site, placement: session.placement,
            from: max(now, session.slot.start), to: session.slot.end)
        session.holding = true
    }

    /// Moves an offer to REJECTED or EXPIRED, releasing its hold.
    func finishOffer(_ id: Int, as phase: Phase, message: String?, now: Milliseconds) {
        guard let session = sessions[id] else { return }
        releaseHold(of: id, now: now)
        session.message = message
        change(id, to: phase, now: now)
        if settings.hold {
            for observer in observers { observer.holdReleased(session, at: now) }
        }
        closeOfferSetIfDone(session.offerSet)
    }

    private func closeOfferSetIfDone(_ setID: Int) {
        guard let offers = openOfferSets[setID] else { return }
        if !offers.contains(where: { sessions[$0]?.phase == .offered }) {
            openOfferSets[setID] = nil
        }
    }

    /// Expires the offers of a set that are still OFFERED.
    func expire(offerSet setID: Int, now: Milliseconds) {
        guard let offers = openOfferSets[setID] else { return }
        for id in offers where sessions[id]?.phase == .offered {
            finishOffer(id, as: .expired, message: nil, now: now)
        }
        openOfferSets[setID] = nil
    }
}
