import BrokerModel
import Codecs
import Foundation
import Scheduler

/// Reads scenario files. Every mistake is reported as a `YAMLError` with
/// the file, line and column, the key path, what was expected and what was
/// found. Paths inside a scenario are relative to the scenario file.
public enum ScenarioLoader {
    /// Upper bounds that keep every amount and count far from overflow and
    /// every run within memory; a larger value is an error naming the bound.
    static let maximumCores = 1_000_000
    static let maximumGPUs = 100_000
    static let maximumNodes = 100_000
    static let maximumGPUsPerNode = 64
    static let maximumRetries = 1000
    static let maximumReplications = 1000
    static let maximumVariants = 100
    static let maximumSyntheticJobs = 10_000_000
    static let maximumOffers = 1000
    static let maximumSites = 10_000

    static let topKeys = [
        "name", "seed", "epoch", "catalogue", "sites", "workload", "broker", "client",
        "replications", "variants",
    ]

    /// Loads and checks the scenario at `path`.
    ///
    /// - Throws: `ScenarioFileError.notFound` when the file is missing or
    ///   unreadable, `YAMLError` for any mistake in it.
    public static func load(path: String) throws -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioFileError.notFound(path: path)
        }
        return try parse(data, file: path)
    }

    /// Parses a scenario from the bytes of a file named `file`.
    public static func parse(_ data: Data, file: String) throws(YAMLError) -> Scenario {
        let root = try YAMLParser().parse(data, file: file)
        let reader = ScenarioReader(file: file)
        let top = try reader.mapping(root, "scenario", keys: topKeys)
        let name = try reader.string(try reader.required(top, "name", in: root, "scenario"), "name")
        let seed =
            try top["seed"].map { node throws(YAMLError) -> UInt64 in
                guard case .value(let value) = node.integer(as: UInt64.self) else {
                    throw reader.error(node, "seed", expected: "a whole number from 0 to 2^64 - 1")
                }
                return value
            } ?? UInt64(1)
        let epoch =
            try top["epoch"].map { node throws(YAMLError) in
                try reader.instant(node, "epoch")
            } ?? 0

        let (images, datasets, replicaNodes) = try catalogue(top["catalogue"], reader)
        let sites = try sites(
            try reader.required(top, "sites", in: root, "scenario"), datasets, replicaNodes, images,
            reader)
        let workload = try workload(
            try reader.required(top, "workload", in: root, "scenario"), seed: seed, sites: sites,
            reader)
        let broker = try brokerSettings(top["broker"], reader)
        let client = try clientSettings(top["client"], sites: sites, reader)
        let variants = try variants(
            top["variants"], broker: broker, client: client, sites: sites, reader)
        var replications = 1
        if let node = top["replications"] {
            replications = try reader.integer(
                node, "replications", minimum: 1, maximum: Self.maximumReplications)
        }

        return Scenario(
            name: name, file: file, text: String(decoding: data, as: UTF8.self), seed: seed,
            epoch: epoch, images: images, datasets: datasets, sites: sites, workload: workload,
            broker: broker, client: client, variants: variants, replications: replications)
    }

    /// Returns the images, the datasets and, for each dataset, the nodes of its replicas,
    /// so that a replica naming an unknown site can be reported at its own position.
    private static func catalogue(_ node: YAMLNode?, _ reader: ScenarioReader) throws(YAMLError)
        -> ([Scenario.Image], [Scenario.Dataset], [[YAMLNode]])
    {
        guard let node, !node.isNull else { return ([], [], []) }
        let section = try reader.mapping(node, "catalogue", keys: ["images", "datasets"])
        var images: [Scenario.Image] = []
        var imageNames: Set<String> = []
        for (index, item) in try list(section["images"], "catalogue.images", reader).enumerated() {
            let path = "catalogue.images[\(index)]"
            let fields = try reader.mapping(item, path, keys: ["name", "size"])
            let name = try reader.string(
                try reader.required(fields, "name", in: item, path), "\(path).name")
            let size =
                try fields["size"].map { node throws(YAMLError) in
                    try reader.bytes(node, "\(path).size")
                } ?? 0
            guard imageNames.insert(name).inserted else {
                throw item.error("\(path).name: duplicate image '\(name)'", file: reader.file)
            }
            images.append(Scenario.Image(name: name, bytes: size))
        }
        var datasets: [Scenario.Dataset] = []
        var datasetNames: Set<String> = []
        var replicaNodes: [[YAMLNode]] = []
        for (index, item) in try list(section["datasets"], "catalogue.datasets", reader)
            .enumerated()
        {
            let path = "catalogue.datasets[\(index)]"
            let fields = try reader.mapping(item, path, keys: ["name", "size", "replicas"])
            let name = try reader.string(
                try reader.required(fields, "name", in: item, path), "\(path).name")
            let size = try reader.bytes(
                try reader.required(fields, "size", in: item, path), "\(path).size")
            var replicas: [String] = []
            let nodes = try list(fields["replicas"], "\(path).replicas", reader)
            for (number, replica) in nodes.enumerated() {
                replicas.append(try reader.string(replica, "\(path).replicas[\(number)]"))
            }
            guard datasetNames.insert(name).inserted else {
                throw item.error("\(path).name: duplicate dataset '\(name)'", file: reader.file)
            }
            datasets.append(Scenario.Dataset(name: name, bytes: size, replicas: replicas))
            replicaNodes.append(nodes)
        }
        return (images, datasets, replicaNodes)
    }

    /// Returns the items of an optional list, which is empty when absent or null.
    static func list(_ node: YAMLNode?, _ path: String, _ reader: ScenarioReader) throws(YAMLError)
        -> [YAMLNode]
    {
        guard let node, !node.isNull else { return [] }
        guard let items = node.sequence else { throw reader.error(node, path, expected: "a list") }
        return items
    }

    static let siteKeys = [
        "name", "cores", "memory", "gpus", "nodes", "image-cache", "staging-bandwidth", "setup",
        "teardown",
    ]

    private static func sites(
        _ node: YAMLNode, _ datasets: [Scenario.Dataset], _ replicaNodes: [[YAMLNode]],
        _ images: [Scenario.Image], _ reader: ScenarioReader
    ) throws(YAMLError) -> [SiteDescription] {
        guard let items = node.sequence, !items.isEmpty, items.count <= maximumSites else {
            throw reader.error(node, "sites", expected: "a list of 1 to \(maximumSites) sites")
        }
        var sites: [SiteDescription] = []
        var siteIndices: [String: Int] = [:]
        let imageIndices = Dictionary(
            images.enumerated().map { ($0.element.name, $0.offset) },
            uniquingKeysWith: { first, _ in first })
        for (index, item) in items.enumerated() {
            let path = "sites[\(index)]"
            let fields = try reader.mapping(item, path, keys: siteKeys)
            let name = try reader.string(
                try reader.required(fields, "name", in: item, path), "\(path).name")
            guard siteIndices[name] == nil else {
                throw item.error("\(path).name: duplicate site '\(name)'", file: reader.file)
            }
            siteIndices[name] = index
            var site: SiteDescription
            if let nodes = fields["nodes"] {
                let types = try nodeTypes(nodes, fields, sitePath: path, reader)
                // The bound on the node count keeps the site's totals within 64 bits.
                let count = types.reduce(0) { $0 + $1.count }
                guard count <= maximumNodes else {
                    throw nodes.error(
                        "\(path).nodes: \(count) nodes; expected at most \(maximumNodes) a site",
                        file: reader.file)
                }
                site = SiteDescription(name: name, nodes: types)
            } else {
                let coresNode = try reader.required(fields, "cores", in: item, path)
                let milliCores = try reader.milliUnits(
                    coresNode, "\(path).cores", maximum: Double(Self.maximumCores))
                let memory = try reader.mebibytes(
                    try reader.required(fields, "memory", in: item, path), "\(path).memory")
                site = SiteDescription(
                    name: name,
                    capacity: ResourceAmounts(milliCores: milliCores, memoryMiB: memory))
            }
            if let gpus = fields["gpus"], !gpus.isNull {
                let gpuFields = try reader.mapping(gpus, "\(path).gpus", keys: ["count", "model"])
                site.capacity.milliGPUs = try reader.milliUnits(
                    try reader.required(gpuFields, "count", in: gpus, "\(path).gpus"),
                    "\(path).gpus.count", maximum: Double(Self.maximumGPUs), allowZero: true)
                site.gpuModel = try gpuFields["model"].map { node throws(YAMLError) in
                    try reader.string(node, "\(path).gpus.model")
                }
            }
            if let cache = fields["image-cache"], !cache.isNull {
                let cachePath = "\(path).image-cache"
                let cacheFields = try reader.mapping(
                    cache, cachePath, keys: ["capacity", "pull-time", "preloaded"])
                site.imageCacheCapacity = try reader.integer(
                    try reader.required(cacheFields, "capacity", in: cache, cachePath),
                    "\(cachePath).capacity", minimum: 0)
                site.pullTime = try reader.duration(
                    try reader.required(cacheFields, "pull-time", in: cache, cachePath),
                    "\(cachePath).pull-time")
                var preloaded: Set<Int> = []
                for (number, image) in try list(
                    cacheFields["preloaded"], "\(cachePath).preloaded", reader
                )
                .enumerated() {
                    let imageName = try reader.string(image, "\(cachePath).preloaded[\(number)]")
                    guard let found = imageIndices[imageName] else {
                        throw image.error(
                            "\(cachePath).preloaded[\(number)]: image '\(imageName)' is not in catalogue.images",
                            file: reader.file)
                    }
                    guard number < site.imageCacheCapacity else {
                        throw image.error(
                            "\(cachePath).preloaded: \(number + 1) or more images do not fit in a "
                                + "cache of capacity \(site.imageCacheCapacity)",
                            file: reader.file)
                    }
                    guard preloaded.insert(found).inserted else {
                        throw image.error(
                            "\(cachePath).preloaded[\(number)]: image '\(imageName)' is listed twice",
                            file: reader.file)
                    }
                    site.cachedImages.append(found)
                }
            }
            if let bandwidth = fields["staging-bandwidth"] {
                site.stagingBandwidth = try reader.bandwidth(bandwidth, "\(path).staging-bandwidth")
            }
            if let setup = fields["setup"] {
                site.setup = try reader.duration(setup, "\(path).setup")
            }
            if let teardown = fields["teardown"] {
                site.teardown = try reader.duration(teardown, "\(path).teardown")
            }
            sites.append(site)
        }

        // Replicas name sites; every name must exist.
        for (datasetIndex, dataset) in datasets.enumerated() {
            for (number, replica) in dataset.replicas.enumerated() {
                guard let siteIndex = siteIndices[replica] else {
                    throw replicaNodes[datasetIndex][number].error(
                        "catalogue.datasets[\(datasetIndex)].replicas[\(number)]: site '\(replica)' is not in sites",
                        file: reader.file)
                }
                guard sites[siteIndex].replicas.insert(datasetIndex).inserted else {
                    throw replicaNodes[datasetIndex][number].error(
                        "catalogue.datasets[\(datasetIndex)].replicas[\(number)]: site '\(replica)' is listed twice",
                        file: reader.file)
                }
            }
        }
        return sites
    }

    /// Reads a site's `nodes`: a list of node types, or a mapping that
    /// builds them from an Alibaba node list. A site with `nodes` takes its
    /// cores, memory and GPUs from them, so it must not give its own.
    private static func nodeTypes(
        _ node: YAMLNode, _ siteFields: YAMLNode.Mapping, sitePath: String,
        _ reader: ScenarioReader
    ) throws(YAMLError) -> [NodeType] {
        let path = "\(sitePath).nodes"
        for key in ["cores", "memory", "gpus"] {
            guard let entry = siteFields.entry(forKey: key) else { continue }
            throw entry.key.error(
                "\(sitePath).\(key): a site with 'nodes' takes its \(key) from its nodes; "
                    + "remove '\(key)'",
                file: reader.file)
        }
        if node.sequence == nil, node.mapping != nil {
            return try alibabaNodeTypes(node, path, reader)
        }
        guard let items = node.sequence, !items.isEmpty else {
            throw reader.error(
                node, path, expected: "a list of node types or {alibaba: PATH, models, limit}")
        }
        var types: [NodeType] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            let fields = try reader.mapping(
                item, itemPath, keys: ["count", "cores", "memory", "gpus"])
            let count = try reader.integer(
                try reader.required(fields, "count", in: item, itemPath), "\(itemPath).count",
                minimum: 1, maximum: Self.maximumNodes)
            let milliCores = try reader.milliUnits(
                try reader.required(fields, "cores", in: item, itemPath), "\(itemPath).cores",
                maximum: Double(Self.maximumCores))
            let memory = try reader.mebibytes(
                try reader.required(fields, "memory", in: item, itemPath), "\(itemPath).memory")
            var type = NodeType(count: count, milliCores: milliCores, memoryMiB: memory)
            if let gpus = fields["gpus"], !gpus.isNull {
                let gpuPath = "\(itemPath).gpus"
                let gpuFields = try reader.mapping(gpus, gpuPath, keys: ["count", "model"])
                // Each GPU of a node is tracked on its own, so the count is whole.
                type.gpus = try reader.integer(
                    try reader.required(gpuFields, "count", in: gpus, gpuPath), "\(gpuPath).count",
                    minimum: 0, maximum: Self.maximumGPUsPerNode)
                type.gpuModel = try gpuFields["model"].map { node throws(YAMLError) in
                    try reader.string(node, "\(gpuPath).model")
                }
            }
            types.append(type)
        }
        return types
    }

    /// Reads `nodes: {alibaba: PATH, models: [...], limit: N}`.
    private static func alibabaNodeTypes(
        _ node: YAMLNode, _ path: String, _ reader: ScenarioReader
    ) throws(YAMLError) -> [NodeType] {
        let fields = try reader.mapping(node, path, keys: ["alibaba", "models", "limit"])
        let pathNode = try reader.required(fields, "alibaba", in: node, path)
        let file = try tracePath(pathNode, reader, key: "\(path).alibaba")
        var models: [String]?
        if let modelsNode = fields["models"] {
            guard let items = modelsNode.sequence, !items.isEmpty else {
                throw reader.error(modelsNode, "\(path).models", expected: "a list of GPU models")
            }
            var names: [String] = []
            for (index, item) in items.enumerated() {
                names.append(try reader.string(item, "\(path).models[\(index)]"))
            }
            models = names
        }
        let limit = try fields["limit"].map { value throws(YAMLError) in
            try reader.integer(value, "\(path).limit", minimum: 1)
        }
        let types: [NodeType]
        do {
            types = try AlibabaNodeReader.read(path: file, models: models, limit: limit)
        } catch {
            throw pathNode.error("\(path).alibaba: \(error)", file: reader.file)
        }
        guard !types.isEmpty else {
            throw node.error(
                "\(path): no node of \(file) matches; check 'models'", file: reader.file)
        }
        return types
    }

    static let brokerKeys = [
        "policy", "offers-per-request", "offers-per-site", "offer-lifetime", "hold", "horizon",
    ]
    static let clientKeys = ["think-time", "choice", "retries", "back-off"]

    /// Reads a `broker` section at `path`, starting from `base` so that a
    /// variant overrides only the keys it names.
    static func brokerSettings(
        _ node: YAMLNode?, base: BrokerSettings = BrokerSettings(), path: String = "broker",
        _ reader: ScenarioReader
    ) throws(YAMLError) -> BrokerSettings {
        var settings = base
        guard let node, !node.isNull else { return settings }
        let fields = try reader.mapping(node, path, keys: brokerKeys)
        if let policy = fields["policy"] {
            let names = OfferPolicy.allCases.map(\.rawValue)
            guard let text = policy.string, let value = OfferPolicy(rawValue: text) else {
                throw reader.error(
                    policy, "\(path).policy", expected: "one of \(names.joined(separator: ", "))")
            }
            settings.policy = value
        }
        if let value = fields["offers-per-request"] {
            settings.offersPerRequest = try reader.integer(
                value, "\(path).offers-per-request", minimum: 1, maximum: maximumOffers)
        }
        if let value = fields["offers-per-site"] {
            settings.offersPerSite = try reader.integer(
                value, "\(path).offers-per-site", minimum: 1, maximum: maximumOffers)
        }
        if let value = fields["offer-lifetime"] {
            settings.offerLifetime = try reader.duration(
                value, "\(path).offer-lifetime", positive: true)
        }
        if let value = fields["hold"] { settings.hold = try reader.bool(value, "\(path).hold") }
        if let value = fields["horizon"] {
            settings.horizon = try reader.duration(value, "\(path).horizon", positive: true)
        }
        return settings
    }

    /// Reads a `client` section at `path`, starting from `base`.
    static func clientSettings(
        _ node: YAMLNode?, base: ClientSettings = ClientSettings(), path: String = "client",
        sites: [SiteDescription], _ reader: ScenarioReader
    ) throws(YAMLError) -> ClientSettings {
        var settings = base
        guard let node, !node.isNull else { return settings }
        let fields = try reader.mapping(node, path, keys: clientKeys)
        if let value = fields["think-time"] {
            settings.thinkTime = try DistributionReader(reader: reader, kind: .time)
                .read(value, "\(path).think-time")
        }
        if let value = fields["choice"] {
            settings.choice = try choice(value, path: "\(path).choice", sites: sites, reader)
        }
        if let value = fields["retries"] {
            settings.retries = try reader.integer(
                value, "\(path).retries", minimum: 0, maximum: Self.maximumRetries)
        }
        if let value = fields["back-off"] {
            settings.backOff = try reader.duration(value, "\(path).back-off")
        }
        return settings
    }

    /// Reads the `variants` list: each names a variant and overrides parts
    /// of the scenario's broker and client settings. Without the key the
    /// scenario is one variant, `baseline`.
    static func variants(
        _ node: YAMLNode?, broker: BrokerSettings, client: ClientSettings,
        sites: [SiteDescription], _ reader: ScenarioReader
    ) throws(YAMLError) -> [Scenario.Variant] {
        guard let node, !node.isNull else {
            return [Scenario.Variant(name: "baseline", broker: broker, client: client, changes: [])]
        }
        guard let items = node.sequence, !items.isEmpty, items.count <= maximumVariants else {
            throw reader.error(
                node, "variants", expected: "a list of 1 to \(maximumVariants) variants")
        }
        var variants: [Scenario.Variant] = []
        for (index, item) in items.enumerated() {
            let path = "variants[\(index)]"
            let fields = try reader.mapping(item, path, keys: ["name", "broker", "client"])
            let nameNode = try reader.required(fields, "name", in: item, path)
            let name = try reader.string(nameNode, "\(path).name")
            guard !variants.contains(where: { $0.name == name }) else {
                throw nameNode.error("\(path).name: duplicate variant '\(name)'", file: reader.file)
            }
            // Each variant's runs go to a folder named after it, so two names
            // must not map to the same folder.
            let folder = Scenario.folderName(name)
            if let other = variants.first(where: { Scenario.folderName($0.name) == folder }) {
                throw nameNode.error(
                    "\(path).name: '\(name)' would share the run folder '\(folder)' with variant "
                        + "'\(other.name)'; choose names that differ in letters, digits, '-' or '_'",
                    file: reader.file)
            }
            guard name.count <= Scenario.maximumFolderName else {
                throw nameNode.error(
                    "\(path).name: the name has \(name.count) characters; expected at most "
                        + "\(Scenario.maximumFolderName)",
                    file: reader.file)
            }
            let variant = Scenario.Variant(
                name: name,
                broker: try brokerSettings(
                    fields["broker"], base: broker, path: "\(path).broker", reader),
                client: try clientSettings(
                    fields["client"], base: client, path: "\(path).client", sites: sites, reader),
                changes: changes(of: fields))
            variants.append(variant)
        }
        return variants
    }

    /// Lists the overridden keys of a variant as `section.key: value` lines, as written.
    private static func changes(of fields: YAMLNode.Mapping) -> [String] {
        var lines: [String] = []
        for section in ["broker", "client"] {
            guard let mapping = fields[section]?.mapping else { continue }
            for entry in mapping {
                lines.append("\(section).\(entry.key.string ?? ""): \(flowText(entry.value))")
            }
        }
        return lines
    }

    /// Writes a node as one line of YAML flow text, for display.
    private static func flowText(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let scalar): return scalar.text
        case .sequence(let items): return "[" + items.map(flowText).joined(separator: ", ") + "]"
        case .mapping(let mapping):
            let entries = mapping.map { "\($0.key.string ?? ""): \(flowText($0.value))" }
            return "{" + entries.joined(separator: ", ") + "}"
        }
    }

    private static func choice(
        _ node: YAMLNode, path: String, sites: [SiteDescription], _ reader: ScenarioReader
    ) throws(YAMLError) -> ChoiceRule {
        let expected = "first, earliest-start, random or {preferred-site: NAME}"
        if let text = node.string {
            switch text {
            case "first": return .first
            case "earliest-start": return .earliestStart
            case "random": return .random
            default: throw reader.error(node, path, expected: expected)
            }
        }
        let fields = try reader.mapping(node, path, keys: ["preferred-site"])
        guard let siteNode = fields["preferred-site"] else {
            throw reader.error(node, path, expected: expected)
        }
        let name = try reader.string(siteNode, "\(path).preferred-site")
        guard sites.contains(where: { $0.name == name }) else {
            throw siteNode.error(
                "\(path).preferred-site: site '\(name)' is not in sites", file: reader.file)
        }
        return .preferredSite(name)
    }
}

/// A scenario file that could not be opened.
public enum ScenarioFileError: Error, Equatable, CustomStringConvertible {
    case notFound(path: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            "cannot read scenario file '\(path)': no such file or not readable"
        }
    }
}
