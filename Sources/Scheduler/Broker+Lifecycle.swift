import BrokerModel

extension Broker {
    /// Handles a timer that the broker set on its clock and that is now due.
    public func fire(_ timer: BrokerTimer) {
        let now = clock.now
        switch timer {
        case .expire(let offerSet):
            expire(offerSet: offerSet, now: now)
        case .advance(let id, let phase):
            guard sessions[id]?.phase == phase else { return }
            advance(id, from: phase, now: now)
        case .durationOver(let id):
            guard let session = sessions[id], session.phase == .running else { return }
            session.exceededDuration = true
            session.runEnded = now
            session.message = "the job outran its duration and was stopped"
            backend.stop(runningJob(session))
            enterTeardown(id, now: now)
        case .teardownEnd(let id):
            guard let session = sessions[id], session.phase == .teardown else { return }
            let release = min(now, session.slot.end)
            releaseSlot(of: session, from: release)
            change(id, to: session.exceededDuration ? .failed : .completed, now: now)
            notifyReservationReleased(session, at: release)
        }
    }

    /// Records that the job of a RUNNING session ended at the current time.
    /// Reports for sessions that are no longer RUNNING are ignored, since a
    /// backend may report a job that the broker already stopped.
    public func jobEnded(session id: Int) {
        let now = clock.now
        guard let session = sessions[id], session.phase == .running else { return }
        session.runEnded = now
        enterTeardown(id, now: now)
    }

    /// Cancels a session at the client's request, freeing the rest of its
    /// slot at once. Allowed from ACCEPTED to RUNNING.
    public func cancel(session id: Int) throws(BrokerError) {
        try end(id, as: .cancelled, message: "cancelled by the client")
    }

    /// Fails a session that a backend can no longer run, freeing the rest of
    /// its slot at once. Allowed from ACCEPTED to TEARDOWN.
    public func fail(session id: Int, message: String) throws(BrokerError) {
        try end(id, as: .failed, message: message)
    }

    private func end(_ id: Int, as phase: Phase, message: String) throws(BrokerError) {
        let now = clock.now
        guard let session = sessions[id] else { throw .unknownSession(id) }
        guard session.phase != .offered, PhaseTransition.isAllowed(from: session.phase, to: phase)
        else {
            throw .invalidTransition(
                InvalidTransition(session: "\(id)", current: session.phase, requested: phase))
        }
        if session.phase == .running { backend.stop(runningJob(session)) }
        let release = max(now, session.slot.start)
        if release < session.slot.end {
            releaseSlot(of: session, from: release)
        }
        session.message = message
        change(id, to: phase, now: now)
        notifyReservationReleased(session, at: min(release, session.slot.end))
    }

    /// Moves a session through the phases that begin now: STANDUP at the
    /// preparation start, READY and RUNNING at the running start.
    private func advance(_ id: Int, from phase: Phase, now: Milliseconds) {
        guard let session = sessions[id] else { return }
        switch phase {
        case .waiting:
            change(id, to: .standup, now: now)
            // The image enters the cache, or is marked as used, as STANDUP starts.
            if let image = session.image { caches[session.site].use(image) }
            if session.slot.runningStart > now {
                clock.schedule(.advance(session: id, from: .standup), at: session.slot.runningStart)
                return
            }
            fallthrough
        case .standup:
            change(id, to: .ready, now: now)
            if session.slot.runningStart > now {
                clock.schedule(.advance(session: id, from: .ready), at: session.slot.runningStart)
                return
            }
            fallthrough
        case .ready:
            change(id, to: .running, now: now)
            // The backend schedules the job's end before the broker sets the
            // duration timer, so a job that runs exactly its duration ends first
            // and completes.
            backend.start(runningJob(session))
            clock.schedule(.durationOver(session: id), at: session.slot.runningEnd)
        default:
            return
        }
    }

    private func enterTeardown(_ id: Int, now: Milliseconds) {
        guard let session = sessions[id] else { return }
        change(id, to: .teardown, now: now)
        clock.schedule(.teardownEnd(session: id), at: now + session.slot.teardown)
    }

    private func notifyReservationReleased(_ session: Session, at time: Milliseconds) {
        for observer in observers { observer.reservationReleased(session, at: time) }
    }

    func runningJob(_ session: Session) -> RunningJob {
        RunningJob(
            session: session.id, job: session.job, site: session.site,
            runningStart: session.slot.runningStart, duration: session.slot.duration)
    }

    /// Applies a phase change allowed by the transition table, tells the
    /// observers, and forgets the session once its phase is final.
    func change(_ id: Int, to phase: Phase, now: Milliseconds) {
        guard let session = sessions[id] else { return }
        let previous = session.phase
        precondition(
            PhaseTransition.isAllowed(from: previous, to: phase),
            "broker bug: session \(id) cannot move from \(previous) to \(phase)")
        session.phase = phase
        if phase.isFinal { sessions.remove(id) }
        for observer in observers {
            observer.phaseChanged(session, from: previous, to: phase, at: now)
        }
    }
}
