import BrokerModel
import Testing

/// The allowed transitions, written out by hand from the design's table.
private let allowed: Set<String> = [
    "INITIAL>OFFERED", "INITIAL>FAILED",
    "OFFERED>ACCEPTED", "OFFERED>REJECTED", "OFFERED>EXPIRED",
    "ACCEPTED>WAITING", "ACCEPTED>CANCELLED", "ACCEPTED>FAILED",
    "WAITING>STANDUP", "WAITING>CANCELLED", "WAITING>FAILED",
    "STANDUP>READY", "STANDUP>CANCELLED", "STANDUP>FAILED",
    "READY>RUNNING", "READY>CANCELLED", "READY>FAILED",
    "RUNNING>TEARDOWN", "RUNNING>CANCELLED", "RUNNING>FAILED",
    "TEARDOWN>COMPLETED", "TEARDOWN>FAILED",
]

@Test func everyTransitionMatchesTable() {
    #expect(allowed.count == 22)
    for from in Phase.allCases {
        for to in Phase.allCases {
            let key = "\(from.rawValue)>\(to.rawValue)"
            #expect(
                PhaseTransition.isAllowed(from: from, to: to) == allowed.contains(key),
                "\(key)")
        }
    }
}

@Test func forbiddenTransitionThrowsWithNames() {
    for from in Phase.allCases {
        for to in Phase.allCases where !allowed.contains("\(from.rawValue)>\(to.rawValue)") {
            #expect(throws: InvalidTransition(session: "s-7", current: from, requested: to)) {
                try PhaseTransition.check(session: "s-7", from: from, to: to)
            }
        }
    }
    let error = InvalidTransition(session: "s-7", current: .completed, requested: .running)
    #expect(
        error.description == "session s-7 cannot move from COMPLETED to RUNNING; COMPLETED is final"
    )
    let waiting = InvalidTransition(session: "s-8", current: .waiting, requested: .running)
    #expect(
        waiting.description
            == "session s-8 cannot move from WAITING to RUNNING; allowed from WAITING: CANCELLED, FAILED, STANDUP"
    )
}

@Test func finalPhasesAllowNothing() {
    let finals: [Phase] = [.rejected, .expired, .completed, .failed, .cancelled]
    for phase in Phase.allCases {
        #expect(phase.isFinal == finals.contains(phase), "\(phase)")
        #expect(PhaseTransition.successors[phase]!.isEmpty == finals.contains(phase), "\(phase)")
    }
}

@Test func draftPhaseNamesDecode() {
    #expect(Phase(wireName: "PREPARING") == .standup)
    #expect(Phase(wireName: "AVAILABLE") == .ready)
    #expect(Phase(wireName: "RELEASING") == .teardown)
    #expect(Phase(wireName: "PROPOSED") == .initial)
    #expect(Phase(wireName: "RUNNING") == .running)
    #expect(Phase(wireName: "running") == nil)
}

@Test func clientOptionsPerPhase() {
    #expect(PhaseTransition.clientOptions(in: .offered) == [.accepted, .rejected])
    for phase: Phase in [.accepted, .waiting, .standup, .ready, .running] {
        #expect(PhaseTransition.clientOptions(in: phase) == [.cancelled])
    }
    for phase: Phase in [.initial, .teardown, .completed, .failed, .rejected, .expired, .cancelled]
    {
        #expect(PhaseTransition.clientOptions(in: phase).isEmpty)
    }
}

@Test func ordinalsFollowAllCases() {
    #expect(Phase.allCases.map(\.ordinal) == Array(0..<Phase.allCases.count))
}
