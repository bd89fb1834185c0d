import Foundation

/// A figure over the replications of one variant: the mean with a 95 %
/// confidence interval, and its difference from the baseline variant.
public struct FigureEstimate: Codable, Sendable, Equatable {
    public var scope: String
    /// The site name for scope `site`, absent for scope `run`.
    public var site: String?
    /// The figure's key path in a run's `summary.json`, such as `waits.wait.p50`.
    public var name: String
    /// How many replications had the figure.
    public var count: Int
    public var mean: Double
    /// The 95 % confidence interval by Student's t, absent with one replication.
    public var low: Double?
    public var high: Double?
    /// This variant's mean minus the baseline's, absent for the baseline.
    public var difference: Double?
    /// Whether this variant's interval overlaps the baseline's, so the
    /// difference may be chance; absent for the baseline or without intervals.
    public var overlapsBaseline: Bool?

    /// A stable key for matching the same figure across variants.
    var key: String { "\(scope)|\(site ?? "")|\(name)" }
}

/// One variant of an experiment and its figures.
public struct VariantSummary: Codable, Sendable, Equatable {
    public var name: String
    /// The settings the variant overrides, as `section.key: value` lines.
    public var changes: [String]
    /// The seed of each replication, in order.
    public var seeds: [UInt64]
    public var figures: [FigureEstimate]

    /// Returns the estimate of a run-scope figure, if the variant has it.
    public func figure(_ name: String, site: String? = nil) -> FigureEstimate? {
        figures.first { $0.name == name && $0.site == site }
    }
}

/// The comparison of the variants of a scenario over their replications.
public struct ExperimentSummary: Codable, Sendable, Equatable {
    public var scenarioName: String
    public var seed: UInt64
    public var replications: Int
    /// The variants in scenario order; the first is the baseline.
    public var variants: [VariantSummary]

    /// One variant's input: its name, overridden settings, and the summary
    /// of each replication in order.
    public struct VariantRuns: Sendable {
        public var name: String
        public var changes: [String]
        public var runs: [RunSummary]

        public init(name: String, changes: [String], runs: [RunSummary]) {
            self.name = name
            self.changes = changes
            self.runs = runs
        }
    }

    /// Estimates every figure of every variant and compares it with the first variant.
    public init(scenarioName: String, seed: UInt64, variants input: [VariantRuns]) {
        self.scenarioName = scenarioName
        self.seed = seed
        replications = input.first?.runs.count ?? 0
        var variants = input.map { runs in
            VariantSummary(
                name: runs.name, changes: runs.changes, seeds: runs.runs.map(\.seed),
                figures: Self.estimates(of: runs.runs))
        }
        if let baseline = variants.first {
            let byKey = Dictionary(
                baseline.figures.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            for index in variants.indices.dropFirst() {
                for figure in variants[index].figures.indices {
                    let estimate = variants[index].figures[figure]
                    guard let reference = byKey[estimate.key] else { continue }
                    variants[index].figures[figure].difference = estimate.mean - reference.mean
                    if let low = estimate.low, let high = estimate.high,
                        let referenceLow = reference.low, let referenceHigh = reference.high
                    {
                        variants[index].figures[figure].overlapsBaseline =
                            low <= referenceHigh && referenceLow <= high
                    }
                }
            }
        }
        self.variants = variants
    }

    /// Computes the mean and interval of each figure over the runs, in the order of
    /// the first run's figures (then any figure later runs add).
    static func estimates(of runs: [RunSummary]) -> [FigureEstimate] {
        var order: [String] = []
        var values: [String: [Double]] = [:]
        var templates: [String: Figure] = [:]
        for run in runs {
            for figure in run.figures() {
                let key = "\(figure.scope.rawValue)|\(figure.site ?? "")|\(figure.name)"
                if values[key] == nil {
                    order.append(key)
                    templates[key] = figure
                }
                values[key, default: []].append(figure.value)
            }
        }
        return order.map { key in
            let figure = templates[key]!
            let sample = values[key]!
            let mean = sample.reduce(0, +) / Double(sample.count)
            var estimate = FigureEstimate(
                scope: figure.scope.rawValue, site: figure.site, name: figure.name,
                count: sample.count, mean: mean)
            if let halfWidth = confidenceHalfWidth(sample, mean: mean) {
                estimate.low = mean - halfWidth
                estimate.high = mean + halfWidth
            }
            return estimate
        }
    }

    /// Returns the half-width of the 95 % confidence interval of the mean by
    /// Student's t, or nil for fewer than two values.
    public static func confidenceHalfWidth(_ values: [Double], mean: Double) -> Double? {
        guard values.count >= 2 else { return nil }
        let squares = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
        let variance = squares / Double(values.count - 1)
        return studentT975(degreesOfFreedom: values.count - 1)
            * (variance / Double(values.count)).squareRoot()
    }

    /// Returns the 0.975 quantile of Student's t: exact table values up to 30
    /// degrees of freedom, then the Cornish–Fisher expansion around the
    /// normal quantile, which is within 0.0001 of the exact value there.
    public static func studentT975(degreesOfFreedom df: Int) -> Double {
        precondition(df >= 1, "Student's t needs at least one degree of freedom")
        let table = [
            12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004,
            2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905,
            2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
            2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
        ]
        if df <= table.count { return table[df - 1] }
        let z = 1.959964
        let n = Double(df)
        let z3 = z * z * z
        let z5 = z3 * z * z
        return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n)
    }
}
