/// An amount of each resource, in integer units: milli-cores, MiB of memory
/// and milli-GPUs.
public struct ResourceAmounts: Hashable, Sendable, CustomStringConvertible {
    public var milliCores: Int64
    public var memoryMiB: Int64
    public var milliGPUs: Int64

    public static let zero = ResourceAmounts(milliCores: 0, memoryMiB: 0, milliGPUs: 0)

    public init(milliCores: Int64, memoryMiB: Int64, milliGPUs: Int64 = 0) {
        self.milliCores = milliCores
        self.memoryMiB = memoryMiB
        self.milliGPUs = milliGPUs
    }

    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(
            milliCores: lhs.milliCores + rhs.milliCores, memoryMiB: lhs.memoryMiB + rhs.memoryMiB,
            milliGPUs: lhs.milliGPUs + rhs.milliGPUs)
    }

    public static func - (lhs: Self, rhs: Self) -> Self {
        Self(
            milliCores: lhs.milliCores - rhs.milliCores, memoryMiB: lhs.memoryMiB - rhs.memoryMiB,
            milliGPUs: lhs.milliGPUs - rhs.milliGPUs)
    }

    /// True when every amount is at most the corresponding one of `limit`.
    public func fits(within limit: Self) -> Bool {
        milliCores <= limit.milliCores && memoryMiB <= limit.memoryMiB
            && milliGPUs <= limit.milliGPUs
    }

    /// The amounts as (value, capacity) pairs for the resources that `capacity`
    /// has, in the order cores, memory, GPUs.
    func pairs(with capacity: Self) -> [(value: Int64, capacity: Int64)] {
        var result: [(Int64, Int64)] = []
        if capacity.milliCores > 0 { result.append((milliCores, capacity.milliCores)) }
        if capacity.memoryMiB > 0 { result.append((memoryMiB, capacity.memoryMiB)) }
        if capacity.milliGPUs > 0 { result.append((milliGPUs, capacity.milliGPUs)) }
        return result
    }

    public var description: String {
        var parts = [
            "\(Self.decimal(milliCores, 1000)) cores", "\(Self.decimal(memoryMiB, 1024)) GiB",
        ]
        if milliGPUs != 0 { parts.append("\(Self.decimal(milliGPUs, 1000)) GPUs") }
        return parts.joined(separator: ", ")
    }

    /// Formats `value / unit` with up to three decimals and no trailing zeros.
    static func decimal(_ value: Int64, _ unit: Int64) -> String {
        let whole = value / unit
        let rest = abs(value % unit)
        guard rest != 0 else { return "\(whole)" }
        var fraction = String(1000 + rest * 1000 / unit).dropFirst()
        while fraction.last == "0" { fraction = fraction.dropLast() }
        return "\(whole).\(fraction)"
    }
}

/// A non-negative fraction `numerator / denominator`, compared exactly by
/// integer cross-multiplication.
public struct Fraction: Comparable, Sendable, CustomStringConvertible {
    public var numerator: Int64
    public var denominator: Int64

    public init(_ numerator: Int64, _ denominator: Int64) {
        precondition(denominator > 0, "a fraction needs a positive denominator")
        self.numerator = numerator
        self.denominator = denominator
    }

    public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
        let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    public static func == (lhs: Fraction, rhs: Fraction) -> Bool {
        !(lhs < rhs) && !(rhs < lhs)
    }

    public var value: Double { Double(numerator) / Double(denominator) }
    public var description: String { "\(numerator)/\(denominator)" }
}
