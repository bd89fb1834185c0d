/// A range from what the work needs (`min`) to what it can use (`max`).
public struct MinMax<Value: Sendable & Equatable & Codable>: Sendable, Equatable, Codable {
    public var min: Value
    public var max: Value

    public init(min: Value, max: Value) {
        self.min = min
        self.max = max
    }
}

/// Compute needs, `urn:simple-compute-resource-0.1`: cores, memory in GiB
/// and this project's extension, GPUs with acceptable models.
public struct ComputeResource: Sendable, Equatable, Codable {
    public static let typeIdentifier = "urn:simple-compute-resource-0.1"

    public var cores: MinMax<Double>
    /// Memory in GiB.
    public var memory: MinMax<Double>
    public var gpus: MinMax<Double>?
    /// Acceptable GPU models; absent or empty means any.
    public var models: [String]?

    public init(
        cores: MinMax<Double>, memory: MinMax<Double>, gpus: MinMax<Double>? = nil,
        models: [String]? = nil
    ) {
        self.cores = cores
        self.memory = memory
        self.gpus = gpus
        self.models = models
    }

    private enum CodingKeys: String, CodingKey {
        case cores, memory, gpus, models
    }

    public init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: TypeIdentifierKey.self)
            .typeIdentifier(known: [Self.typeIdentifier])
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        cores = try keys.decode(MinMax<Double>.self, forKey: .cores)
        memory = try keys.decode(MinMax<Double>.self, forKey: .memory)
        gpus = try keys.decodeIfPresent(MinMax<Double>.self, forKey: .gpus)
        models = try keys.decodeIfPresent([String].self, forKey: .models)
    }

    public func encode(to encoder: any Encoder) throws {
        var type = encoder.container(keyedBy: TypeIdentifierKey.self)
        try type.encode(Self.typeIdentifier, forKey: .type)
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(cores, forKey: .cores)
        try keys.encode(memory, forKey: .memory)
        try keys.encodeIfPresent(gpus, forKey: .gpus)
        try keys.encodeIfPresent(models, forKey: .models)
    }
}

/// Data that a session reads, selected by its type identifier. Data with no
/// replica at the chosen site is staged during STANDUP.
public enum DataResource: Sendable, Equatable, Codable {
    /// `urn:simple-data-resource-0.1`; size in GiB.
    case simple(location: String, size: Double?)
    /// `urn:rucio-data-resource-0.1`; size in GiB.
    case rucio(scope: String, name: String, size: Double?)
    /// `urn:skao-data-resource-0.1`; size in GiB; `replicas` names the sites
    /// that hold a copy.
    case skao(namespace: String, objectName: String, size: Double?, replicas: [String])

    public static let simpleType = "urn:simple-data-resource-0.1"
    public static let rucioType = "urn:rucio-data-resource-0.1"
    public static let skaoType = "urn:skao-data-resource-0.1"
    public static let knownTypes = [simpleType, rucioType, skaoType]

    private enum CodingKeys: String, CodingKey {
        case location, size, scope, name, namespace, objectname, replicas
    }

    public init(from decoder: any Decoder) throws {
        let type = try decoder.container(keyedBy: TypeIdentifierKey.self)
            .typeIdentifier(known: Self.knownTypes)
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        let size = try keys.decodeIfPresent(Double.self, forKey: .size)
        switch type {
        case Self.simpleType:
            self = .simple(location: try keys.decode(String.self, forKey: .location), size: size)
        case Self.rucioType:
            self = .rucio(
                scope: try keys.decode(String.self, forKey: .scope),
                name: try keys.decode(String.self, forKey: .name), size: size)
        default:
            self = .skao(
                namespace: try keys.decode(String.self, forKey: .namespace),
                objectName: try keys.decode(String.self, forKey: .objectname), size: size,
                replicas: try keys.decodeIfPresent([String].self, forKey: .replicas) ?? [])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var type = encoder.container(keyedBy: TypeIdentifierKey.self)
        var keys = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .simple(let location, let size):
            try type.encode(Self.simpleType, forKey: .type)
            try keys.encode(location, forKey: .location)
            try keys.encodeIfPresent(size, forKey: .size)
        case .rucio(let scope, let name, let size):
            try type.encode(Self.rucioType, forKey: .type)
            try keys.encode(scope, forKey: .scope)
            try keys.encode(name, forKey: .name)
            try keys.encodeIfPresent(size, forKey: .size)
        case .skao(let namespace, let objectName, let size, let replicas):
            try type.encode(Self.skaoType, forKey: .type)
            try keys.encode(namespace, forKey: .namespace)
            try keys.encode(objectName, forKey: .objectname)
            try keys.encodeIfPresent(size, forKey: .size)
            try keys.encode(replicas, forKey: .replicas)
        }
    }
}
