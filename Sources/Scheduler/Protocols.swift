import BrokerModel

/// The priority class of an event; at equal times lower classes run first.
public enum EventClass: Int, Sendable, Comparable {
    /// Ends of teardown, which release capacity.
    case teardownEnd = 0
    case expiry = 1
    /// Accept, reject and cancel; a cancel releases capacity as it is handled.
    case clientDecision = 2
    /// New requests and retries.
    case request = 3
    /// Phase changes that need no capacity.
    case phaseChange = 4

    public static func < (lhs: EventClass, rhs: EventClass) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// A timer the broker sets on its clock; the driver hands it back to
/// `Broker.fire(_:)` when it is due.
public enum BrokerTimer: Sendable, Equatable {
    /// The offers of an offer set that are still OFFERED expire.
    case expire(offerSet: Int)
    /// The session moves on from `phase` if it is still in it.
    case advance(session: Int, from: Phase)
    /// The running period of the session is over.
    case durationOver(session: Int)
    /// The teardown of the session ends.
    case teardownEnd(session: Int)

    public var eventClass: EventClass {
        switch self {
        case .expire: .expiry
        case .advance, .durationOver: .phaseChange
        case .teardownEnd: .teardownEnd
        }
    }
}

/// Time and timers, from the event queue in a simulation or from the wall
/// clock in a live broker.
public protocol BrokerClock: AnyObject {
    /// The current time in milliseconds since the epoch.
    var now: Milliseconds { get }
    /// Arranges for `timer` to be handed back to the broker at `time`.
    func schedule(_ timer: BrokerTimer, at time: Milliseconds)
}

/// The facts about a running session that the broker passes to a compute backend.
public struct RunningJob: Sendable, Equatable {
    public var session: Int
    public var job: Int
    public var site: Int
    public var runningStart: Milliseconds
    public var duration: Milliseconds
}

/// A site's execution side: a simulated site or a live platform.
///
/// The backend reports the end of a job through `Broker.jobEnded(session:)`.
public protocol ComputeBackend: AnyObject {
    /// Starts the job of a session that has entered RUNNING.
    func start(_ job: RunningJob)
    /// Stops the job of a session that was cancelled or outran its duration.
    func stop(_ job: RunningJob)
}

/// Receives every offer set, offer and phase change with its time. Metrics
/// and the results store subscribe through it.
public protocol BrokerObserver: AnyObject {
    /// Receives an offer set that the broker created. Its offers are
    /// `sessions`, in rank order and already OFFERED. A NO set has none.
    func offerSetCreated(_ offerSet: OfferSetRecord, sessions: [Session])
    /// Receives a session's move from one phase to another at `time`.
    func phaseChanged(_ session: Session, from: Phase, to: Phase, at time: Milliseconds)
    /// Receives an acceptance that the broker rejected because the slot no
    /// longer fits. The offer moves to REJECTED right after this call.
    func acceptanceRefused(_ session: Session, at time: Milliseconds, message: String)
    /// Receives the release of the hold of an offer that did not become a
    /// session. The hold was in force over `[session.created, time)`, and
    /// `session.phase` is the offer's final phase, REJECTED or EXPIRED.
    func holdReleased(_ session: Session, at time: Milliseconds)
    /// Receives the release, at `time`, of what remained of a session's
    /// reservation. The reservation covered `[session.slot.start, time)`,
    /// and `time` is never before the slot's start.
    func reservationReleased(_ session: Session, at time: Milliseconds)
}

/// Uniform random values keyed by what they are for, so that one draw never
/// shifts another.
public protocol KeyedRandomSource: Sendable {
    /// Returns a uniform value in [0, 1) for the key.
    func uniform(_ stream: String, entity: Int64, attempt: Int, draw: Int) -> Double
}
