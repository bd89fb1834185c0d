/// A client's description of a job: `ExecutionRequest`.
public struct ExecutionRequest: Sendable, Equatable, Codable {
    public var name: String?
    public var executable: Executable
    public var compute: ComputeResource
    public var storage: [StorageResource]?
    public var data: [DataResource]?
    public var schedule: RequestedSchedule?

    public init(
        name: String? = nil, executable: Executable, compute: ComputeResource,
        storage: [StorageResource]? = nil, data: [DataResource]? = nil,
        schedule: RequestedSchedule? = nil
    ) {
        self.name = name
        self.executable = executable
        self.compute = compute
        self.storage = storage
        self.data = data
        self.schedule = schedule
    }
}

/// Storage needs, `urn:simple-storage-resource-0.1`, in GiB.
public struct StorageResource: Sendable, Equatable, Codable {
    public static let typeIdentifier = "urn:simple-storage-resource-0.1"
    public var size: MinMax<Double>

    public init(size: MinMax<Double>) { self.size = size }

    private enum CodingKeys: String, CodingKey { case size }

    public init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: TypeIdentifierKey.self)
            .typeIdentifier(known: [Self.typeIdentifier])
        size = try decoder.container(keyedBy: CodingKeys.self)
            .decode(MinMax<Double>.self, forKey: .size)
    }

    public func encode(to encoder: any Encoder) throws {
        var type = encoder.container(keyedBy: TypeIdentifierKey.self)
        try type.encode(Self.typeIdentifier, forKey: .type)
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(size, forKey: .size)
    }
}

/// `schedule` of a request: `requested.duration` (ISO-8601 duration, default
/// `PT2H`) and `requested.start` (an ISO-8601 interval or instant in which the
/// running start must fall; absent means as soon as possible).
public struct RequestedSchedule: Sendable, Equatable, Codable {
    public struct Requested: Sendable, Equatable, Codable {
        public var duration: String?
        public var start: String?

        public init(duration: String? = nil, start: String? = nil) {
            self.duration = duration
            self.start = start
        }
    }

    public static let defaultDuration = "PT2H"
    public var requested: Requested

    public init(requested: Requested) { self.requested = requested }
}

/// A message attached to an offer set or a session.
public struct Message: Sendable, Equatable, Codable {
    public var level: String
    public var text: String

    public init(level: String, text: String) {
        self.level = level
        self.text = text
    }
}

/// The broker's answer to a request: `OfferSet`.
public struct OfferSet: Sendable, Equatable, Codable {
    public enum Result: String, Sendable, Codable {
        case yes = "YES"
        case no = "NO"
    }

    public var uuid: String
    public var href: String?
    /// ISO-8601 instants.
    public var created: String
    public var expires: String
    public var result: Result
    public var messages: [Message]?
    /// Sessions in phase OFFERED.
    public var offers: [ExecutionSession]

    public init(
        uuid: String, href: String? = nil, created: String, expires: String, result: Result,
        messages: [Message]? = nil, offers: [ExecutionSession]
    ) {
        self.uuid = uuid
        self.href = href
        self.created = created
        self.expires = expires
        self.result = result
        self.messages = messages
        self.offers = offers
    }
}

/// A start instant and a length, as ISO-8601 texts.
public struct TimeSpan: Sendable, Equatable, Codable {
    public var start: String
    public var duration: String

    public init(start: String, duration: String) {
        self.start = start
        self.duration = duration
    }
}

/// The offered times of a session: preparation, running and teardown.
/// The current draft names these preparing, available and releasing.
public struct OfferedSchedule: Sendable, Equatable, Codable {
    public var preparing: TimeSpan
    public var running: TimeSpan
    public var teardown: TimeSpan

    public init(preparing: TimeSpan, running: TimeSpan, teardown: TimeSpan) {
        self.preparing = preparing
        self.running = running
        self.teardown = teardown
    }

    private enum CodingKeys: String, CodingKey {
        case preparing, running, teardown, available, releasing
    }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        preparing = try keys.decode(TimeSpan.self, forKey: .preparing)
        running =
            try keys.decodeIfPresent(TimeSpan.self, forKey: .running)
            ?? keys.decode(TimeSpan.self, forKey: .available)
        teardown =
            try keys.decodeIfPresent(TimeSpan.self, forKey: .teardown)
            ?? keys.decode(TimeSpan.self, forKey: .releasing)
    }

    public func encode(to encoder: any Encoder) throws {
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(preparing, forKey: .preparing)
        try keys.encode(running, forKey: .running)
        try keys.encode(teardown, forKey: .teardown)
    }
}

/// A reference to the offer set a session came from.
public struct OfferSetReference: Sendable, Equatable, Codable {
    public var uuid: String
    public var href: String?

    public init(uuid: String, href: String? = nil) {
        self.uuid = uuid
        self.href = href
    }
}

/// An offer or a running job: `ExecutionSession`.
public struct ExecutionSession: Sendable, Equatable, Codable {
    public struct Schedule: Sendable, Equatable, Codable {
        public var offered: OfferedSchedule?
        /// The instants at which the phases really changed, by wire name.
        public var observed: [String: String]?

        public init(offered: OfferedSchedule? = nil, observed: [String: String]? = nil) {
            self.offered = offered
            self.observed = observed
        }
    }

    public var uuid: String
    public var href: String?
    public var name: String?
    public var created: String
    public var modified: String?
    public var phase: Phase
    /// Meaningful while OFFERED.
    public var expires: String?
    public var offerset: OfferSetReference?
    /// The site where the session runs.
    public var site: String?
    public var executable: Executable
    /// The offered amounts, with min equal to max.
    public var compute: ComputeResource
    public var storage: [StorageResource]?
    public var data: [DataResource]?
    public var schedule: Schedule?
    /// The phases the client may request now.
    public var options: [Phase]?
    public var messages: [Message]?

    public init(
        uuid: String, href: String? = nil, name: String? = nil, created: String,
        modified: String? = nil, phase: Phase, expires: String? = nil,
        offerset: OfferSetReference? = nil, site: String? = nil, executable: Executable,
        compute: ComputeResource, storage: [StorageResource]? = nil, data: [DataResource]? = nil,
        schedule: Schedule? = nil, options: [Phase]? = nil, messages: [Message]? = nil
    ) {
        self.uuid = uuid
        self.href = href
        self.name = name
        self.created = created
        self.modified = modified
        self.phase = phase
        self.expires = expires
        self.offerset = offerset
        self.site = site
        self.executable = executable
        self.compute = compute
        self.storage = storage
        self.data = data
        self.schedule = schedule
        self.options = options
        self.messages = messages
    }
}

/// A client's change to a session: `{type: urn:enum-value-update, path:
/// phase, value: ACCEPTED}`. Only the path `phase` is writable.
public struct Update: Sendable, Equatable, Codable {
    public static let typeIdentifier = "urn:enum-value-update"
    public var path: String
    public var value: String

    public init(path: String = "phase", value: String) {
        self.path = path
        self.value = value
    }

    private enum CodingKeys: String, CodingKey { case path, value }

    public init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: TypeIdentifierKey.self)
            .typeIdentifier(known: [Self.typeIdentifier])
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        path = try keys.decode(String.self, forKey: .path)
        value = try keys.decode(String.self, forKey: .value)
    }

    public func encode(to encoder: any Encoder) throws {
        var type = encoder.container(keyedBy: TypeIdentifierKey.self)
        try type.encode(Self.typeIdentifier, forKey: .type)
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(path, forKey: .path)
        try keys.encode(value, forKey: .value)
    }
}
