import BrokerModel

/// What the broker knows of a site: its capacity and the figures that price
/// the preparation and teardown of a slot.
public struct SiteDescription: Sendable, Equatable {
    public var name: String
    public var capacity: ResourceAmounts
    /// The model of the site's GPUs, if it has any.
    public var gpuModel: String?
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
    }

    /// The staging time of `bytes` at this site, rounded up to a whole millisecond.
    public func stagingTime(bytes: Int64) -> Milliseconds {
        guard bytes > 0 else { return 0 }
        guard stagingBandwidth > 0 else { return Int64.max / 8 }
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
