/// The phase of an execution session.
///
/// An offer is a session in phase `offered`. The raw values are the wire
/// names that encoders write. Decoders also accept the spellings of the
/// current IVOA draft: `PREPARING`, `AVAILABLE`, `RELEASING` and `PROPOSED`.
public enum Phase: String, Sendable, CaseIterable, Codable, Hashable {
    case initial = "INITIAL"
    case offered = "OFFERED"
    case accepted = "ACCEPTED"
    case rejected = "REJECTED"
    case expired = "EXPIRED"
    case waiting = "WAITING"
    case standup = "STANDUP"
    case ready = "READY"
    case running = "RUNNING"
    case teardown = "TEARDOWN"
    case completed = "COMPLETED"
    case failed = "FAILED"
    case cancelled = "CANCELLED"

    /// Draft spellings that decode to one of the phases above.
    public static let aliases: [String: Phase] = [
        "PREPARING": .standup,
        "AVAILABLE": .ready,
        "RELEASING": .teardown,
        "PROPOSED": .initial,
    ]

    /// Creates a phase from its wire name or a draft alias, or returns nil.
    public init?(wireName: String) {
        if let phase = Phase(rawValue: wireName) {
            self = phase
        } else if let phase = Phase.aliases[wireName] {
            self = phase
        } else {
            return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let phase = Phase(wireName: name) else {
            let known = Phase.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "unknown phase '\(name)'; expected one of \(known)")
        }
        self = phase
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The phase's position in `allCases`, found without hashing its name.
    public var ordinal: Int {
        switch self {
        case .initial: 0
        case .offered: 1
        case .accepted: 2
        case .rejected: 3
        case .expired: 4
        case .waiting: 5
        case .standup: 6
        case .ready: 7
        case .running: 8
        case .teardown: 9
        case .completed: 10
        case .failed: 11
        case .cancelled: 12
        }
    }

    /// True for REJECTED, EXPIRED, COMPLETED, FAILED and CANCELLED, which
    /// allow no further transition.
    public var isFinal: Bool {
        switch self {
        case .rejected, .expired, .completed, .failed, .cancelled: true
        default: false
        }
    }
}
