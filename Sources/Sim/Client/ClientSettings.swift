import BrokerModel

/// The rule by which the simulated client picks among the offers still OFFERED.
public enum ChoiceRule: Sendable, Equatable {
    /// The first offer as listed, in the broker's rank order.
    case first
    /// The earliest running start; ties keep the listed order.
    case earliestStart
    /// Offers at the named site first, in listed order, then the others.
    case preferredSite(String)
    /// A shuffle keyed by the job and attempt.
    case random
}

/// The client model of the simulator, with the defaults of the design.
///
/// After an offer set with offers arrives, the client thinks, then takes the
/// first offer by its choice rule among those still OFFERED; if the
/// acceptance is refused it tries its next choice at once. When nothing is
/// left, it waits `backOff` from that moment and sends a new request, up to
/// `retries` times, then abandons the job. There is no think time after NO.
public struct ClientSettings: Sendable, Equatable {
    /// Think time in milliseconds.
    public var thinkTime: Distribution = .exponential(mean: 60_000)
    public var choice: ChoiceRule = .earliestStart
    public var retries: Int = 3
    public var backOff: Milliseconds = 5 * 60_000

    public init() {}
}

/// Receives what the simulated clients do, beside what the broker reports.
public protocol ClientObserver: AnyObject {
    /// Records that a client sent the request of `job`; attempt 0 is the first, later
    /// attempts are retries.
    func requestSent(job: Int, attempt: Int, at time: Milliseconds)
    /// Records that a client gave up on `job` after its last attempt got no session.
    func requestAbandoned(job: Int, at time: Milliseconds)
}
