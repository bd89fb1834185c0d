import BrokerModel

/// The broker's description of a site: its capacity and the figures that price
/// the preparation and teardown of a slot.
///
/// A site is either one pool of resources (`nodes` is empty) or a set of
/// nodes, where a slot must fit on one node and each GPU is tracked on its
/// own. For a node site, `capacity` is the sum over its nodes.
public struct SiteDescription: Sendable, Equatable {
    public var name: String
    public var capacity: ResourceAmounts
    /// The model of the site's GPUs, if it has any. For a node site, the
    /// distinct models of its nodes in order of first appearance, joined by `|`.
    public var gpuModel: String?
    /// The node types of a node site; empty for a site that is one pool.
    public var nodes: [NodeType]
    /// How many images the cache keeps before it evicts the least recently used.
    public var imageCacheCapacity: Int
    /// The time to pull an image that is not in the cache.
    public var pullTime: Milliseconds
    /// Bytes per second for staging data without a replica at the site.
    public var stagingBandwidth: Int64
    public var setup: Milliseconds
    public var teardown: Milliseconds
    /// Catalogue indices of the datasets that have a replica at the site.
    public var replicas: Set<Int>
    /// Catalogue indices of the images in the cache at the start, least recently used first.
    public var cachedImages: [Int]

    public init(
        name: String, capacity: ResourceAmounts, gpuModel: String? = nil,
        imageCacheCapacity: Int = 0, pullTime: Milliseconds = 0,
        stagingBandwidth: Int64 = 1_250_000_000, setup: Milliseconds = 0,
        teardown: Milliseconds = 0, replicas: Set<Int> = [], cachedImages: [Int] = []
    ) {
        self.name = name
        self.capacity = capacity
        self.gpuModel = gpuModel
        self.imageCacheCapacity = imageCacheCapacity
        self.pullTime = pullTime
        self.stagingBandwidth = stagingBandwidth
        self.setup = setup
        self.teardown = teardown
        self.replicas = replicas
        self.cachedImages = cachedImages
        nodes = []
    }

    /// Creates a node site. Its capacity is the sum over `nodes`, and its
    /// `gpuModel` lists the nodes' GPU models.
    public init(
        name: String, nodes: [NodeType], imageCacheCapacity: Int = 0,
        pullTime: Milliseconds = 0, stagingBandwidth: Int64 = 1_250_000_000,
        setup: Milliseconds = 0, teardown: Milliseconds = 0, replicas: Set<Int> = [],
        cachedImages: [Int] = []
    ) {
        self.init(
            name: name, capacity: NodeType.totalCapacity(of: nodes),
            gpuModel: NodeType.gpuModels(of: nodes).joined(separator: "|").nilIfEmpty,
            imageCacheCapacity: imageCacheCapacity, pullTime: pullTime,
            stagingBandwidth: stagingBandwidth, setup: setup, teardown: teardown,
            replicas: replicas, cachedImages: cachedImages)
        self.nodes = nodes
    }

    /// True when the site is a set of nodes rather than one pool.
    public var hasNodes: Bool { !nodes.isEmpty }

    /// Returns the staging time of `bytes` at this site, rounded up to a whole
    /// millisecond.
    public func stagingTime(bytes: Int64) -> Milliseconds {
        guard bytes > 0 else { return 0 }
        // Beyond Int64.max / 8 the time is as good as forever, and clamping
        // keeps every later sum of times from overflowing.
        let forever = Int64.max / 8
        guard stagingBandwidth > 0,
            Double(bytes) * 1000 / Double(stagingBandwidth) < Double(forever)
        else { return forever }
        let (quotient, remainder) = stagingBandwidth.dividingFullWidth(
            bytes.multipliedFullWidth(by: 1000))
        return quotient + (remainder > 0 ? 1 : 0)
    }
}

/// An image cache that evicts the least recently used image when full.
public struct ImageCache: Sendable {
    public let capacity: Int
    /// Images from least to most recently used.
    public private(set) var images: [Int]

    public init(capacity: Int, images: [Int] = []) {
        self.capacity = capacity
        self.images = Array(images.suffix(max(0, capacity)))
    }

    public func contains(_ image: Int) -> Bool { images.contains(image) }

    /// Marks `image` as used now, adding it and evicting the least recently
    /// used image when the cache is full.
    public mutating func use(_ image: Int) {
        guard capacity > 0 else { return }
        if let index = images.firstIndex(of: image) {
            images.remove(at: index)
        } else if images.count >= capacity {
            images.removeFirst()
        }
        images.append(image)
    }
}

/// A kind of node of a node site, and how many of them the site has.
public struct NodeType: Sendable, Equatable {
    public var count: Int
    public var milliCores: Int64
    public var memoryMiB: Int64
    /// Whole GPUs per node; each is tracked on its own.
    public var gpus: Int
    /// The model of the node's GPUs; nil for a node without GPUs.
    public var gpuModel: String?

    public init(
        count: Int, milliCores: Int64, memoryMiB: Int64, gpus: Int = 0, gpuModel: String? = nil
    ) {
        self.count = count
        self.milliCores = milliCores
        self.memoryMiB = memoryMiB
        self.gpus = gpus
        self.gpuModel = gpuModel
    }

    /// The resources of one node, with 1000 milli-GPUs per GPU.
    public var capacity: ResourceAmounts {
        ResourceAmounts(
            milliCores: milliCores, memoryMiB: memoryMiB, milliGPUs: Int64(gpus) * 1000)
    }

    /// Returns the sum of the resources of every node.
    public static func totalCapacity(of types: [NodeType]) -> ResourceAmounts {
        var total = ResourceAmounts.zero
        for type in types {
            let node = type.capacity
            total.milliCores += node.milliCores * Int64(type.count)
            total.memoryMiB += node.memoryMiB * Int64(type.count)
            total.milliGPUs += node.milliGPUs * Int64(type.count)
        }
        return total
    }

    /// Returns the distinct GPU models of nodes that have GPUs, in order of first appearance.
    public static func gpuModels(of types: [NodeType]) -> [String] {
        var models: [String] = []
        for type in types where type.count > 0 && type.gpus > 0 {
            if let model = type.gpuModel, !models.contains(model) { models.append(model) }
        }
        return models
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
