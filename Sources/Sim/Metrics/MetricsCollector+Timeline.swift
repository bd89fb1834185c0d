import BrokerModel
import Scheduler

/// The busy share of a site's cores, and GPUs, in equal time buckets.
public struct UtilisationSeries: Sendable, Equatable {
    public var site: String
    /// The start of the first bucket, in ms since the epoch.
    public var start: Milliseconds
    /// The length of each bucket in ms.
    public var bucket: Milliseconds
    /// Busy core-time ÷ (capacity × bucket length), per bucket.
    public var cores: [Double]
    /// The same for GPUs, or nil when the site has none.
    public var gpus: [Double]?
}

extension MetricsCollector {
    /// All waits (first request → RUNNING) of jobs that ran, sorted, in ms.
    public func sortedWaits() -> [Milliseconds] {
        jobs.compactMap { $0.running >= 0 ? $0.running - $0.firstRequest : nil }.sorted()
    }

    /// The busy share of each site's cores and GPUs over the run's window
    /// in `buckets` equal buckets, from the running periods the collector
    /// recorded.
    ///
    /// - Precondition: the collector was created with `recordsTimeline`.
    public func utilisationSeries(sites descriptions: [SiteDescription], buckets: Int = 200)
        -> [UtilisationSeries]
    {
        precondition(recordsTimeline, "the collector did not record a timeline")
        let start = firstArrival == Int64.max ? 0 : firstArrival
        let end = max(start + Int64(buckets), lastRelease)
        let bucket = (end - start + Int64(buckets) - 1) / Int64(buckets)

        return descriptions.enumerated().map { index, site in
            var cores = [Double](repeating: 0, count: buckets)
            var gpus = [Double](repeating: 0, count: buckets)
            for interval in busyIntervals[index] {
                var time = max(interval.start, start)
                while time < interval.end {
                    let slot = Int((time - start) / bucket)
                    guard slot < buckets else { break }
                    let slotEnd = start + Int64(slot + 1) * bucket
                    let length = Double(min(slotEnd, interval.end) - time)
                    cores[slot] += Double(interval.amounts.milliCores) * length
                    gpus[slot] += Double(interval.amounts.milliGPUs) * length
                    time = slotEnd
                }
            }
            let coreCapacity = Double(site.capacity.milliCores) * Double(bucket)
            let gpuCapacity = Double(site.capacity.milliGPUs) * Double(bucket)
            return UtilisationSeries(
                site: site.name, start: start, bucket: bucket,
                cores: cores.map { coreCapacity > 0 ? $0 / coreCapacity : 0 },
                gpus: gpuCapacity > 0 ? gpus.map { $0 / gpuCapacity } : nil)
        }
    }
}
