import BrokerModel

/// A SplitMix64 generator, so that a seed always gives the same samples.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Builds random broker messages that cover every executable and data kind, optional
/// fields present and absent, and strings that YAML or XML could misread.
struct WireSampleGenerator {
    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    /// Strings that look like other YAML types, contain markup characters or white space
    /// at the ends, or are not ASCII. All of them can be written in XML 1.0.
    static let awkwardStrings = [
        "no", "on", "yes", "off", "y", "N", "true", "False", "null", "~", "", " ", "3.10",
        "0755", "1e999", ".inf", "-", "a: b", "- item", "#comment", "<&>", "\"quoted\"",
        "it's", " leading", "trailing ", "line\nbreak", "tab\there", "cr\r\nlf", "[1, 2]",
        "{a: b}", "*alias", "&anchor", "!tag", "%directive", "@at", "`tick`", "2026-12-05",
        "12:30", "ünïcödé", "日本語", "🚀 launch", "key=value", "<<", "=", "?", "|", ">",
        "]]>", "&amp;", "urn:docker-container-0.1",
    ]

    mutating func bool() -> Bool { Bool.random(using: &random) }

    mutating func maybe<T>(_ make: (inout WireSampleGenerator) -> T) -> T? {
        bool() ? make(&self) : nil
    }

    mutating func string() -> String {
        if Int.random(in: 0..<3, using: &random) == 0 {
            return Self.awkwardStrings.randomElement(using: &random)!
        }
        let alphabet = Array("abcXYZ019 -_:/.#'\"<>&é日🚀\t")
        let length = Int.random(in: 0..<12, using: &random)
        return String((0..<length).map { _ in alphabet.randomElement(using: &random)! })
    }

    mutating func strings() -> [String] {
        (0..<Int.random(in: 0..<4, using: &random)).map { _ in string() }
    }

    mutating func number() -> Double {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: Double(Int.random(in: 0..<1000, using: &random))
        case 1: Double(Int.random(in: 0..<100_000, using: &random)) / 1000
        case 2: [0.1, 1e-7, 2.5e300, 123_456_789.123, 1e15, 0].randomElement(using: &random)!
        default: Double.random(in: 0..<1e6, using: &random)
        }
    }

    mutating func range() -> MinMax<Double> {
        MinMax(min: number(), max: number())
    }

    mutating func dictionary() -> [String: String] {
        var values: [String: String] = [:]
        for _ in 0..<Int.random(in: 0..<4, using: &random) {
            values[string()] = string()
        }
        return values
    }

    mutating func executable() -> Executable {
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            return .dockerContainer(
                DockerContainer(
                    image: string(), namespace: maybe { $0.string() },
                    repository: maybe { $0.string() }, tag: maybe { $0.string() },
                    platform: maybe { $0.string() }, privileged: maybe { $0.bool() },
                    entrypoint: maybe { $0.string() }, command: maybe { $0.strings() },
                    environment: maybe { $0.dictionary() },
                    ports: maybe { generator in
                        (0..<Int.random(in: 0..<3, using: &generator.random)).map { _ in
                            DockerContainer.Port(
                                internal: Int.random(in: 1..<65536, using: &generator.random),
                                external: generator.maybe {
                                    Int.random(in: -1..<65536, using: &$0.random)
                                },
                                protocol: generator.maybe { $0.string() })
                        }
                    }))
        case 1:
            return .singularityContainer(SingularityContainer(image: string()))
        case 2:
            return .jupyterNotebook(JupyterNotebook(notebook: string()))
        default:
            return .binderNotebook(
                BinderNotebook(
                    repository: string(), notebook: maybe { $0.string() },
                    requirements: maybe { $0.string() }))
        }
    }

    mutating func compute() -> ComputeResource {
        ComputeResource(
            cores: range(), memory: range(), gpus: maybe { $0.range() },
            models: maybe { $0.strings() })
    }

    mutating func storage() -> [StorageResource] {
        (0..<Int.random(in: 0..<3, using: &random)).map { _ in StorageResource(size: range()) }
    }

    mutating func data() -> [DataResource] {
        (0..<Int.random(in: 0..<4, using: &random)).map { _ in
            switch Int.random(in: 0..<3, using: &random) {
            case 0: .simple(location: string(), size: maybe { $0.number() })
            case 1: .rucio(scope: string(), name: string(), size: maybe { $0.number() })
            default:
                .skao(
                    namespace: string(), objectName: string(), size: maybe { $0.number() },
                    replicas: strings())
            }
        }
    }

    mutating func phase() -> Phase {
        Phase.allCases.randomElement(using: &random)!
    }

    mutating func messages() -> [Message] {
        (0..<Int.random(in: 0..<3, using: &random)).map { _ in
            Message(level: string(), text: string())
        }
    }

    mutating func timeSpan() -> TimeSpan {
        TimeSpan(start: string(), duration: string())
    }

    mutating func request() -> ExecutionRequest {
        ExecutionRequest(
            name: maybe { $0.string() }, executable: executable(), compute: compute(),
            storage: maybe { $0.storage() }, data: maybe { $0.data() },
            schedule: maybe {
                RequestedSchedule(
                    requested: RequestedSchedule.Requested(
                        duration: $0.maybe { $0.string() }, start: $0.maybe { $0.string() }))
            })
    }

    mutating func session() -> ExecutionSession {
        ExecutionSession(
            uuid: string(), href: maybe { $0.string() }, name: maybe { $0.string() },
            created: string(), modified: maybe { $0.string() }, phase: phase(),
            expires: maybe { $0.string() },
            offerset: maybe {
                OfferSetReference(uuid: $0.string(), href: $0.maybe { $0.string() })
            },
            site: maybe { $0.string() }, executable: executable(), compute: compute(),
            storage: maybe { $0.storage() }, data: maybe { $0.data() },
            schedule: maybe {
                ExecutionSession.Schedule(
                    offered: $0.maybe {
                        OfferedSchedule(
                            preparing: $0.timeSpan(), running: $0.timeSpan(),
                            teardown: $0.timeSpan())
                    },
                    observed: $0.maybe { $0.dictionary() })
            },
            options: maybe { generator in
                (0..<Int.random(in: 0..<3, using: &generator.random)).map { _ in generator.phase() }
            },
            messages: maybe { $0.messages() })
    }

    mutating func offerSet() -> OfferSet {
        OfferSet(
            uuid: string(), href: maybe { $0.string() }, created: string(), expires: string(),
            result: bool() ? .yes : .no, messages: maybe { $0.messages() },
            offers: (0..<Int.random(in: 0..<3, using: &random)).map { _ in session() })
    }

    mutating func update() -> Update {
        Update(path: string(), value: string())
    }
}
