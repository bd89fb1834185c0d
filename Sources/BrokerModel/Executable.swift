/// What a session runs, selected by its type identifier.
public enum Executable: Sendable, Equatable, Codable {
    case dockerContainer(DockerContainer)
    case singularityContainer(SingularityContainer)
    case jupyterNotebook(JupyterNotebook)
    case binderNotebook(BinderNotebook)

    public static let dockerType = "urn:docker-container-0.1"
    public static let singularityType = "urn:singularity-container-0.1"
    public static let jupyterType = "urn:jupyter-notebook-0.1"
    public static let binderType = "urn:binder-notebook-0.1"
    public static let knownTypes = [dockerType, singularityType, jupyterType, binderType]

    public var typeIdentifier: String {
        switch self {
        case .dockerContainer: Self.dockerType
        case .singularityContainer: Self.singularityType
        case .jupyterNotebook: Self.jupyterType
        case .binderNotebook: Self.binderType
        }
    }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: TypeIdentifierKey.self)
        switch try keys.typeIdentifier(known: Self.knownTypes) {
        case Self.dockerType: self = .dockerContainer(try DockerContainer(from: decoder))
        case Self.singularityType:
            self = .singularityContainer(try SingularityContainer(from: decoder))
        case Self.jupyterType: self = .jupyterNotebook(try JupyterNotebook(from: decoder))
        default: self = .binderNotebook(try BinderNotebook(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var keys = encoder.container(keyedBy: TypeIdentifierKey.self)
        try keys.encode(typeIdentifier, forKey: .type)
        switch self {
        case .dockerContainer(let value): try value.encode(to: encoder)
        case .singularityContainer(let value): try value.encode(to: encoder)
        case .jupyterNotebook(let value): try value.encode(to: encoder)
        case .binderNotebook(let value): try value.encode(to: encoder)
        }
    }
}

/// A Docker (OCI) container image.
public struct DockerContainer: Sendable, Equatable, Codable {
    /// A port mapping of the container.
    public struct Port: Sendable, Equatable, Codable {
        public var `internal`: Int
        public var external: Int?
        public var `protocol`: String?

        public init(internal: Int, external: Int? = nil, protocol: String? = nil) {
            self.internal = `internal`
            self.external = external
            self.protocol = `protocol`
        }
    }

    public var image: String
    public var namespace: String?
    /// The registry host.
    public var repository: String?
    public var tag: String?
    /// `linux/amd64` or `linux/arm64`.
    public var platform: String?
    public var privileged: Bool?
    public var entrypoint: String?
    public var command: [String]?
    public var environment: [String: String]?
    public var ports: [Port]?

    public init(
        image: String, namespace: String? = nil, repository: String? = nil, tag: String? = nil,
        platform: String? = nil, privileged: Bool? = nil, entrypoint: String? = nil,
        command: [String]? = nil, environment: [String: String]? = nil, ports: [Port]? = nil
    ) {
        self.image = image
        self.namespace = namespace
        self.repository = repository
        self.tag = tag
        self.platform = platform
        self.privileged = privileged
        self.entrypoint = entrypoint
        self.command = command
        self.environment = environment
        self.ports = ports
    }

    /// The image reference `repository/namespace/image:tag`, leaving out absent parts.
    public var reference: String {
        let path = [repository, namespace, image].compactMap { $0 }.joined(separator: "/")
        return tag.map { "\(path):\($0)" } ?? path
    }
}

/// A Singularity (Apptainer) container image at a location.
public struct SingularityContainer: Sendable, Equatable, Codable {
    public var image: String
    public init(image: String) { self.image = image }
}

/// A Jupyter notebook at a location.
public struct JupyterNotebook: Sendable, Equatable, Codable {
    public var notebook: String
    public init(notebook: String) { self.notebook = notebook }
}

/// A notebook in a source repository, run through Binder.
public struct BinderNotebook: Sendable, Equatable, Codable {
    public var repository: String
    public var notebook: String?
    public var requirements: String?

    public init(repository: String, notebook: String? = nil, requirements: String? = nil) {
        self.repository = repository
        self.notebook = notebook
        self.requirements = requirements
    }
}
