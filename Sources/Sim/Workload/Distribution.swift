/// A distribution of a real value, sampled with keyed random values.
public enum Distribution: Sendable, Equatable {
    /// Always the given value.
    case fixed(Double)
    /// Uniform in [min, max).
    case uniform(min: Double, max: Double)
    /// Exponential with the given mean.
    case exponential(mean: Double)
    /// `exp(N(mu, sigma))`: `mu` and `sigma` are the mean and standard
    /// deviation of the underlying normal, not of the result.
    case logNormal(mu: Double, sigma: Double)
    /// A uniform choice among the values, for example values taken from a
    /// trace. The list must not be empty.
    case empirical([Double])

    /// Samples the distribution at one key. A log-normal sample uses the
    /// Box–Muller draws `2 * draw` and `2 * draw + 1` of the stream.
    public func sample(
        _ random: KeyedRandom, _ stream: String, entity: Int64, attempt: Int = 0, draw: Int = 0
    ) -> Double {
        switch self {
        case .fixed(let value):
            return value
        case .uniform(let min, let max):
            let u = random.uniform(stream, entity: entity, attempt: attempt, draw: draw)
            return min + u * (max - min)
        case .exponential(let mean):
            return random.exponential(
                mean: mean, stream, entity: entity, attempt: attempt, draw: draw)
        case .logNormal(let mu, let sigma):
            return random.logNormal(
                mu: mu, sigma: sigma, stream, entity: entity, attempt: attempt, draw: draw)
        case .empirical(let values):
            precondition(!values.isEmpty, "an empirical distribution needs at least one value")
            let choice = random.index(
                below: values.count, stream, entity: entity, attempt: attempt, draw: draw)
            return values[choice]
        }
    }
}
