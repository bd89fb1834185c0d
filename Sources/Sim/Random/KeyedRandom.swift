import Foundation

/// Keyed random values: every value is a pure function of its key, so the
/// order in which the simulator requests values never changes them.
///
/// ## Derivation
///
/// Constants (those of SplitMix64, Steele, Lea and Flood, OOPSLA 2014):
///
/// - `gamma = 0x9E37_79B9_7F4A_7C15`
/// - `mix(z)`: `z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9`,
///   `z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB`, result `z ^ (z >> 31)`.
///
/// The stream name is hashed to a `UInt64` with FNV-1a 64 over its UTF-8
/// bytes: start from `0xCBF2_9CE4_8422_2325`, and for each byte `b` compute
/// `h = (h ^ b) &* 0x0000_0100_0000_01B3`. Swift's `Hasher` is never used,
/// because it is seeded randomly per process.
///
/// A key is the list of parts `[fnv1a64(stream), entity, attempt, draw]`,
/// each as a `UInt64` (signed integers by their two's-complement bit
/// pattern). Starting from `state = seed`, each part in order updates
/// `state = mix(state &+ part &* gamma)`. The final state is the raw 64-bit
/// value of the key.
///
/// - `uniform`: `Double(raw >> 11) * 0x1p-53`, in [0, 1).
/// - `exponential(mean:)`: `-mean * log(1 - u)` with `u = uniform`, so
///   `u = 0` gives 0 and the result is always finite.
/// - `normal`: Box–Muller on two uniforms of the same stream, entity and
///   attempt with draw indices `2 * draw` and `2 * draw + 1`:
///   `sqrt(-2 * log(1 - u1)) * cos(2 * pi * u2)`. A Box–Muller value at draw
///   `d` therefore shares its keys with plain draws `2d` and `2d + 1` of the
///   same stream, so callers keep the two kinds of draws in separate streams.
/// - `logNormal(mu:sigma:)`: `exp(mu + sigma * normal)`, where `mu` and
///   `sigma` are the mean and standard deviation of the underlying normal.
/// - `index(below: n)`: the high 64 bits of the 128-bit product `raw * n`.
///   This avoids modulo and needs no rejection loop. Its bias is at most
///   `n / 2^64` per outcome, which is negligible for any count the simulator
///   uses.
/// - `shuffled`: Fisher–Yates from the last position down. Position `i`
///   (from `count - 1` down to 1) swaps with `index(below: i + 1)` drawn with
///   draw index `i`.
/// - `uuid(kind:id:)`: two raw values keyed by stream `"uuid/" + kind`,
///   entity `id`, attempt 0 and draws 0 and 1, written big-endian as 16
///   bytes. Byte 6 gets version 4 (`(b & 0x0F) | 0x40`) and byte 8 the
///   RFC 4122 variant (`(b & 0x3F) | 0x80`), formatted as lowercase
///   `8-4-4-4-12` hexadecimal.
public struct KeyedRandom: Sendable, Hashable {
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
    }

    static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Applies the SplitMix64 output finaliser.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Hashes a stream name with FNV-1a 64 over its UTF-8 bytes.
    public static func streamHash(_ stream: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in stream.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Derives the raw 64-bit value of a key.
    public func raw(_ stream: String, entity: UInt64, attempt: Int = 0, draw: Int = 0) -> UInt64 {
        var state = seed
        state = Self.mix(state &+ Self.streamHash(stream) &* Self.gamma)
        state = Self.mix(state &+ entity &* Self.gamma)
        state = Self.mix(state &+ UInt64(bitPattern: Int64(attempt)) &* Self.gamma)
        state = Self.mix(state &+ UInt64(bitPattern: Int64(draw)) &* Self.gamma)
        return state
    }

    public func raw(_ stream: String, entity: Int64, attempt: Int = 0, draw: Int = 0) -> UInt64 {
        raw(stream, entity: UInt64(bitPattern: entity), attempt: attempt, draw: draw)
    }

    /// Returns a uniform value in [0, 1) from the top 53 bits of the raw value.
    public func uniform(_ stream: String, entity: Int64, attempt: Int = 0, draw: Int = 0)
        -> Double
    {
        Double(raw(stream, entity: entity, attempt: attempt, draw: draw) >> 11) * 0x1p-53
    }

    /// Returns an exponentially distributed value with the given mean.
    public func exponential(
        mean: Double, _ stream: String, entity: Int64, attempt: Int = 0, draw: Int = 0
    ) -> Double {
        let u = uniform(stream, entity: entity, attempt: attempt, draw: draw)
        return -mean * log(1 - u)
    }

    /// Returns a standard normal value by Box–Muller, from draws `2 * draw`
    /// and `2 * draw + 1`.
    public func normal(_ stream: String, entity: Int64, attempt: Int = 0, draw: Int = 0)
        -> Double
    {
        let u1 = uniform(stream, entity: entity, attempt: attempt, draw: 2 * draw)
        let u2 = uniform(stream, entity: entity, attempt: attempt, draw: 2 * draw + 1)
        return (-2 * log(1 - u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Returns `exp(mu + sigma * z)` for a standard normal `z`; `mu` and
    /// `sigma` are the parameters of the underlying normal.
    public func logNormal(
        mu: Double, sigma: Double, _ stream: String, entity: Int64, attempt: Int = 0,
        draw: Int = 0
    ) -> Double {
        exp(mu + sigma * normal(stream, entity: entity, attempt: attempt, draw: draw))
    }

    /// Returns an index in `0..<count`; `count` must be positive.
    public func index(
        below count: Int, _ stream: String, entity: Int64, attempt: Int = 0, draw: Int = 0
    ) -> Int {
        precondition(count > 0, "index(below:) needs a positive count, got \(count)")
        let value = raw(stream, entity: entity, attempt: attempt, draw: draw)
        return Int(value.multipliedFullWidth(by: UInt64(count)).high)
    }

    /// Returns the elements in a keyed Fisher–Yates order.
    public func shuffled<Element>(
        _ elements: [Element], _ stream: String, entity: Int64, attempt: Int = 0
    ) -> [Element] {
        var result = elements
        var position = result.count - 1
        while position > 0 {
            let other = index(
                below: position + 1, stream, entity: entity, attempt: attempt, draw: position)
            result.swapAt(position, other)
            position -= 1
        }
        return result
    }

    /// Rounds a sampled time to whole milliseconds, halves away from zero.
    /// Values beyond the `Int64` range clamp to its ends; NaN is a
    /// programming error.
    public static func milliseconds(_ value: Double) -> Int64 {
        precondition(!value.isNaN, "cannot round NaN to milliseconds")
        let rounded = value.rounded(.toNearestOrAwayFromZero)
        if rounded >= 0x1p63 { return Int64.max }
        if rounded < -0x1p63 { return Int64.min }
        return Int64(rounded)
    }

    /// Returns a deterministic UUID string in the RFC 4122 version-4 layout.
    public func uuid(kind: String, id: UInt64) -> String {
        let stream = "uuid/" + kind
        let words = [raw(stream, entity: id, draw: 0), raw(stream, entity: id, draw: 1)]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for word in words {
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80

        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (position, byte) in bytes.enumerated() {
            if position == 4 || position == 6 || position == 8 || position == 10 {
                text.append(UInt8(ascii: "-"))
            }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
