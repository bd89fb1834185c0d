/// The one table of allowed phase transitions.
///
/// ```
/// INITIAL  -> OFFERED | FAILED
/// OFFERED  -> ACCEPTED | REJECTED | EXPIRED
/// ACCEPTED -> WAITING -> STANDUP -> READY -> RUNNING -> TEARDOWN -> COMPLETED
/// ACCEPTED, WAITING, STANDUP, READY, RUNNING -> CANCELLED
/// ACCEPTED, WAITING, STANDUP, READY, RUNNING, TEARDOWN -> FAILED
/// ```
public enum PhaseTransition {
    /// The phases each phase may move to.
    public static let successors: [Phase: Set<Phase>] = [
        .initial: [.offered, .failed],
        .offered: [.accepted, .rejected, .expired],
        .accepted: [.waiting, .cancelled, .failed],
        .waiting: [.standup, .cancelled, .failed],
        .standup: [.ready, .cancelled, .failed],
        .ready: [.running, .cancelled, .failed],
        .running: [.teardown, .cancelled, .failed],
        .teardown: [.completed, .failed],
        .rejected: [],
        .expired: [],
        .completed: [],
        .failed: [],
        .cancelled: [],
    ]

    /// Returns whether a session may move from `current` to `next`.
    ///
    /// - Complexity: O(1): a bit test in a table built once from `successors`.
    public static func isAllowed(from current: Phase, to next: Phase) -> Bool {
        allowedBits[current.ordinal] & (1 << next.ordinal) != 0
    }

    /// Bit `j` of entry `i` is set when the phase of ordinal `i` may move to
    /// the phase of ordinal `j`.
    private static let allowedBits: [UInt32] = Phase.allCases.map { phase in
        successors[phase, default: []].reduce(UInt32(0)) { $0 | (1 << $1.ordinal) }
    }

    /// Checks a transition and throws when the table does not allow it.
    ///
    /// - Parameter session: the session's identifier, used in the error.
    public static func check(session: String, from current: Phase, to next: Phase)
        throws(InvalidTransition)
    {
        guard isAllowed(from: current, to: next) else {
            throw InvalidTransition(session: session, current: current, requested: next)
        }
    }

    /// The phases a client may request while the session is in `phase`:
    /// ACCEPTED or REJECTED while OFFERED, CANCELLED from ACCEPTED to
    /// RUNNING, and nothing later.
    public static func clientOptions(in phase: Phase) -> [Phase] {
        switch phase {
        case .offered: [.accepted, .rejected]
        case .accepted, .waiting, .standup, .ready, .running: [.cancelled]
        default: []
        }
    }
}

/// A phase change that the transition table does not allow.
public struct InvalidTransition: Error, Equatable, CustomStringConvertible, Sendable {
    public var session: String
    public var current: Phase
    public var requested: Phase

    public init(session: String, current: Phase, requested: Phase) {
        self.session = session
        self.current = current
        self.requested = requested
    }

    public var description: String {
        let allowed = PhaseTransition.successors[current, default: []]
            .map(\.rawValue).sorted().joined(separator: ", ")
        return "session \(session) cannot move from \(current.rawValue) to \(requested.rawValue); "
            + (allowed.isEmpty
                ? "\(current.rawValue) is final"
                : "allowed from \(current.rawValue): \(allowed)")
    }
}
