import Foundation

@testable import Results

/// Report data for the tests: a small data set for the golden file and a large one that
/// has the size of a real run.
enum ReportSample {
    /// Two variants and two sites. Names contain `<`, `&` and quotes to test escaping, and
    /// the second site has GPUs.
    static func small(replications: Int = 3) -> ReportData {
        let sites = ["AU-SRC", "UK & \"Cambridge\" <SRC>"]
        let baseline = VariantReport(
            name: "best-fit",
            settings: ["policy: best-fit", "hold: false"],
            waitSeconds: [0, 0, 0.5, 2, 5, 30, 90, 400, 1200, 3600, 7200, 20_000],
            outcomes: OfferOutcomes(
                accepted: Estimate(mean: 120, halfWidth: 8),
                rejected: Estimate(mean: 35.5, halfWidth: 4.25),
                expired: Estimate(mean: 12, halfWidth: 3),
                answeredNo: Estimate(mean: 4, halfWidth: 1.5)),
            idleHeldExpired: Estimate(mean: 250, low: 210, high: 290),
            idleHeldExpiredGPU: Estimate(mean: 6, low: 4.5, high: 7.5),
            utilisation: [
                SiteSeries(
                    site: sites[0], bucketHours: 2, startHours: 0,
                    cores: [0, 0.2, 0.45, 0.7, 0.9, 1, 0.95, 0.8, 0.6, 0.4, 0.3, 0.1]),
                SiteSeries(
                    site: sites[1], bucketHours: 2, startHours: 0,
                    cores: [0.1, 0.3, 0.5, 0.5, 0.6, 0.7, 0.75, 0.7, 0.5, 0.35, 0.2, 0],
                    gpus: [0, 0, 0.5, 1, 1, 0.5, 0.5, 0.25, 0, 0, 0, 0]),
            ])
        let second = VariantReport(
            name: "first-fit <hold & 'wait'>",
            settings: ["policy: first-fit", "hold: true", "offer TTL: 300 s"],
            waitSeconds: [0, 1, 3, 8, 60, 200, 600, 1800, 5400, 9000, 30_000, 80_000],
            outcomes: OfferOutcomes(
                accepted: Estimate(mean: 110, halfWidth: 9),
                rejected: Estimate(mean: 20, halfWidth: 3),
                expired: Estimate(mean: 30.25, halfWidth: 5),
                answeredNo: Estimate(mean: 9, halfWidth: 2)),
            idleHeldExpired: Estimate(mean: 610, low: 540, high: 680),
            idleHeldExpiredGPU: Estimate(mean: 14, low: 11, high: 17),
            utilisation: [
                SiteSeries(
                    site: sites[0], bucketHours: 2, startHours: 0,
                    cores: [0, 0.1, 0.3, 0.6, 0.85, 0.95, 1, 0.9, 0.7, 0.5, 0.35, 0.2]),
                SiteSeries(
                    site: sites[1], bucketHours: 2, startHours: 0,
                    cores: [0.05, 0.2, 0.4, 0.55, 0.65, 0.8, 0.85, 0.8, 0.6, 0.45, 0.25, 0.1],
                    gpus: [0, 0.25, 0.75, 1, 1, 1, 0.75, 0.5, 0.25, 0, 0, 0]),
            ])
        let comparison = ReportTable(
            headers: ["Variant", "Accepted offers", "Expired offers", "Wait p50 (s)"],
            rows: [
                [
                    ReportCell("best-fit"), ReportCell("120.0 ± 8.0"), ReportCell("12.0 ± 3.0"),
                    ReportCell("60"),
                ],
                [
                    ReportCell("first-fit <hold & 'wait'>"),
                    ReportCell("110.0 ± 9.0", overlapsBaseline: true),
                    ReportCell("30.3 ± 5.0"), ReportCell("400"),
                ],
            ])
        return ReportData(
            scenarioName: "two-sites <test>", seed: 42, replications: replications,
            sites: sites, variants: [baseline, second], comparison: comparison,
            notes: ["Workload: 24 jobs from a synthetic generator", "Window: 24 h"])
    }

    /// Four variants, six sites (two with GPUs), a million waits per variant and hourly
    /// buckets over two weeks. Values come from a fixed linear congruential generator.
    static func large(replications: Int = 5) -> ReportData {
        var random = SampleRandom(seed: 7)
        let sites = [
            "AU-SRC", "CH-SRC", "ES-SRC (Granada)", "UK-SRC & Cambridge", "SKAO-GB", "CN-SRC",
        ]
        let names = [
            "best-fit", "first-fit", "best-fit with holds of 15 min", "round-robin <test>",
        ]
        var variants: [VariantReport] = []
        for (index, name) in names.enumerated() {
            let scale = 1 + Double(index) * 0.6
            var waits: [Double] = []
            waits.reserveCapacity(1_000_000)
            for _ in 0..<1_000_000 {
                let u = random.next()
                // About 20 % of jobs start at once. The others wait a log-uniform time.
                waits.append(u < 0.2 ? 0 : pow(10, random.next() * 4.5 * scale / 1.5))
            }
            waits.sort()
            var series: [SiteSeries] = []
            for (siteIndex, site) in sites.enumerated() {
                let cores = (0..<336).map { hour -> Double in
                    let day = sin(Double(hour) / 24 * 2 * Double.pi + Double(siteIndex))
                    return min(1, max(0, 0.55 + 0.3 * day + 0.1 * random.next() - 0.05 * scale))
                }
                let gpus: [Double]? =
                    siteIndex % 3 == 1 ? (0..<336).map { _ in random.next() * 0.8 } : nil
                series.append(
                    SiteSeries(
                        site: site, bucketHours: 1, startHours: 0, cores: cores, gpus: gpus))
            }
            func estimate(_ mean: Double) -> Estimate {
                Estimate(mean: mean, halfWidth: mean * 0.08)
            }
            variants.append(
                VariantReport(
                    name: name, settings: ["policy: \(name)"], waitSeconds: waits,
                    outcomes: OfferOutcomes(
                        accepted: estimate(9000 - 800 * Double(index)),
                        rejected: estimate(1500 + 300 * Double(index)),
                        expired: estimate(400 * scale), answeredNo: estimate(250 * scale)),
                    idleHeldExpired: estimate(12_000 * scale),
                    idleHeldExpiredGPU: estimate(300 * scale), utilisation: series))
        }
        let comparison = ReportTable(
            headers: ["Variant", "Accepted offers", "Expired offers", "Wait p90 (min)"],
            rows: names.enumerated().map { index, name in
                [
                    ReportCell(name),
                    ReportCell("\(9000 - 800 * index) ± 700", overlapsBaseline: index == 1),
                    ReportCell("\(400 + 240 * index) ± 40", overlapsBaseline: index == 1),
                    ReportCell("\(30 + 10 * index)", overlapsBaseline: index == 2),
                ]
            })
        return ReportData(
            scenarioName: "srcnet-6-sites", seed: 20_260_101, replications: replications,
            sites: sites, variants: variants, comparison: comparison,
            notes: ["Workload: 40 000 jobs from trace srcnet-2025.csv"])
    }
}

/// A 64-bit linear congruential generator (Knuth's MMIX constants), so the large sample is
/// the same on every platform.
struct SampleRandom {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// Returns a value in `0..<1`.
    mutating func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
}
