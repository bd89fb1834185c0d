import BrokerModel

/// A slot at a site: `[start, end)` covers preparation, the running period
/// and teardown, and reserves the offered resources throughout.
public struct Slot: Sendable, Equatable {
    /// The start of preparation (image pull, staging, setup).
    public var start: Milliseconds
    public var preparation: Milliseconds
    public var duration: Milliseconds
    public var teardown: Milliseconds

    public init(
        start: Milliseconds, preparation: Milliseconds, duration: Milliseconds,
        teardown: Milliseconds
    ) {
        self.start = start
        self.preparation = preparation
        self.duration = duration
        self.teardown = teardown
    }

    public var runningStart: Milliseconds { start + preparation }
    public var runningEnd: Milliseconds { runningStart + duration }
    public var end: Milliseconds { runningEnd + teardown }
    public var length: Milliseconds { preparation + duration + teardown }

    /// Returns the same slot with preparation starting at `time`.
    public func starting(at time: Milliseconds) -> Slot {
        var slot = self
        slot.start = time
        return slot
    }
}

/// An execution session inside the broker: an offer while OFFERED, a job
/// after it is accepted.
///
/// A class, so the broker updates sessions in place rather than copying
/// them on every phase change. Observers receive the broker's own instance
/// and must read what they need during the call: the broker changes it
/// afterwards.
public final class Session {
    public let id: Int
    public let offerSet: Int
    public let job: Int
    public let attempt: Int
    /// The site's index in the broker's site list.
    public let site: Int
    /// The position of the offer in its offer set, from 0.
    public let rank: Int
    public internal(set) var slot: Slot
    /// The offered resources: the request's minimum.
    public let amounts: ResourceAmounts
    /// The request's acceptable GPU models; empty means any.
    public let gpuModels: [String]
    public let created: Milliseconds
    public let expires: Milliseconds
    /// The latest running start the request allows.
    public let latestRunningStart: Milliseconds
    /// The staging part of the preparation time.
    public let staging: Milliseconds
    /// The image pulled during STANDUP, if any.
    public let image: Int?
    public internal(set) var phase: Phase
    /// The node and GPUs that the hold or reservation uses at a node site;
    /// nil at a pool site. An acceptance that moves or re-checks the slot
    /// may place it again.
    public internal(set) var placement: NodePlacement?
    /// Whether the offer's hold is reserved in the site's calendar now.
    public internal(set) var holding: Bool = false
    /// When the job's run ended, once it has.
    public internal(set) var runEnded: Milliseconds?
    /// Set when the job outran its duration and was stopped.
    public internal(set) var exceededDuration: Bool = false
    /// The reason the session ended as it did, when that needs saying.
    public internal(set) var message: String?

    init(
        id: Int, offerSet: Int, job: Int, attempt: Int, site: Int, rank: Int, slot: Slot,
        amounts: ResourceAmounts, gpuModels: [String] = [], created: Milliseconds,
        expires: Milliseconds,
        latestRunningStart: Milliseconds, staging: Milliseconds, image: Int?, phase: Phase,
        holding: Bool, placement: NodePlacement? = nil
    ) {
        self.id = id
        self.offerSet = offerSet
        self.job = job
        self.attempt = attempt
        self.site = site
        self.rank = rank
        self.slot = slot
        self.amounts = amounts
        self.gpuModels = gpuModels
        self.created = created
        self.expires = expires
        self.latestRunningStart = latestRunningStart
        self.staging = staging
        self.image = image
        self.phase = phase
        self.holding = holding
        self.placement = placement
    }
}

/// An offer set as observers receive it.
public struct OfferSetRecord: Sendable, Equatable {
    public var id: Int
    public var job: Int
    public var attempt: Int
    public var created: Milliseconds
    public var expires: Milliseconds
    /// True for YES: the set has offers.
    public var hasOffers: Bool
    /// Session identifiers of the offers in rank order.
    public var offers: [Int]
    /// The reasons per site when the result is NO.
    public var messages: [String]
}

/// The outcome of an acceptance.
public enum AcceptOutcome: Sendable, Equatable {
    case accepted
    /// The slot no longer fits; the offer is now REJECTED and its siblings
    /// stay OFFERED.
    case refused(message: String)
}

/// A request to the broker that it cannot carry out.
public enum BrokerError: Error, Equatable, CustomStringConvertible, Sendable {
    case unknownSession(Int)
    case invalidTransition(InvalidTransition)
    /// The offer was accepted at or after its expiry time.
    case offerExpired(session: Int, expires: Milliseconds, at: Milliseconds)

    public var description: String {
        switch self {
        case .unknownSession(let id): "session \(id) not found"
        case .invalidTransition(let error): error.description
        case .offerExpired(let id, let expires, let time):
            "offer \(id) expired at \(expires) ms; it cannot be accepted at \(time) ms"
        }
    }
}
