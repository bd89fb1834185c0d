import Foundation
import Testing

@testable import Sim

// Expected values come from an independent Python 3 implementation of the
// derivation documented on `KeyedRandom`:
//
//   M = (1 << 64) - 1; G = 0x9E3779B97F4A7C15
//   def mix(z):
//       z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
//       z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
//       return z ^ (z >> 31)
//   def fnv(s):
//       h = 0xCBF29CE484222325
//       for b in s.encode(): h = ((h ^ b) * 0x100000001B3) & M
//       return h
//   def raw(seed, stream, entity, attempt=0, draw=0):
//       st = seed
//       for p in [fnv(stream), entity & M, attempt & M, draw & M]:
//           st = mix((st + p * G) & M)
//       return st
//   uniform = (raw(...) >> 11) * 2.0 ** -53

@Suite("Keyed random values")
struct RandomKeyedTests {
    let random = KeyedRandom(seed: 42)

    @Test("mix matches SplitMix64's first output for seed 0")
    func mixMatchesSplitMix64() {
        #expect(KeyedRandom.mix(KeyedRandom.gamma) == 0xE220_A839_7B1D_CDAF)
        #expect(KeyedRandom.mix(1) == 0x5692_161D_100B_05E5)
    }

    @Test("FNV-1a stream hash")
    func streamHash() {
        #expect(KeyedRandom.streamHash("") == 0xCBF2_9CE4_8422_2325)
        #expect(KeyedRandom.streamHash("arrival") == 0xC414_EE46_2281_7A92)
    }

    @Test("raw and uniform known values")
    func knownValues() {
        #expect(random.raw("test", entity: Int64(7)) == 1_445_981_778_161_059_729)
        #expect(
            random.raw("test", entity: Int64(-1), attempt: 3, draw: 5)
                == 13_099_516_174_946_753_447)
        #expect(random.uniform("test", entity: 7) == 0.07838682926283358)
        #expect(random.index(below: 10, "test", entity: 7) == 0)
    }

    @Test("exponential and log-normal known values")
    func distributionKnownValues() {
        #expect(random.exponential(mean: 2, "test", entity: 7) == 0.16325939595633576)
        #expect(random.normal("ln", entity: 3) == -2.073295631001057)
        #expect(random.logNormal(mu: 1, sigma: 0.5, "ln", entity: 3) == 0.9640155869177157)
    }

    @Test("each key part changes the value")
    func keyPartsIndependent() {
        let base = random.raw("test", entity: Int64(7), attempt: 1, draw: 2)
        #expect(KeyedRandom(seed: 43).raw("test", entity: Int64(7), attempt: 1, draw: 2) != base)
        #expect(random.raw("tests", entity: Int64(7), attempt: 1, draw: 2) != base)
        #expect(random.raw("test", entity: Int64(8), attempt: 1, draw: 2) != base)
        #expect(random.raw("test", entity: Int64(7), attempt: 0, draw: 2) != base)
        #expect(random.raw("test", entity: Int64(7), attempt: 1, draw: 3) != base)
        #expect(random.raw("test", entity: Int64(7), attempt: 1, draw: 2) == base)
    }

    @Test("exponential mean of 100k draws")
    func exponentialMean() {
        // The standard error of the mean of n exponential draws with mean 1
        // is 1 / sqrt(n), about 0.00316 for n = 100_000; allow 5 of them.
        let count = 100_000
        var sum = 0.0
        for entity in 0..<count {
            sum += random.exponential(mean: 1, "mean", entity: Int64(entity))
        }
        let mean = sum / Double(count)
        let tolerance = 5 / Double(count).squareRoot()
        #expect(abs(mean - 1) < tolerance)
    }

    @Test("index below stays in range")
    func indexInRange() {
        for entity in 0..<1000 {
            let value = random.index(below: 7, "range", entity: Int64(entity))
            #expect((0..<7).contains(value))
        }
    }

    @Test("shuffle known order")
    func shuffleKnownOrder() {
        let order = random.shuffled([0, 1, 2, 3, 4], "shuffle", entity: 1)
        #expect(order == [3, 2, 1, 0, 4])
        #expect(random.shuffled([Int](), "shuffle", entity: 1).isEmpty)
    }

    @Test("milliseconds round halves away from zero")
    func millisecondsRounding() {
        #expect(KeyedRandom.milliseconds(2.5) == 3)
        #expect(KeyedRandom.milliseconds(-2.5) == -3)
        #expect(KeyedRandom.milliseconds(2.4999) == 2)
        #expect(KeyedRandom.milliseconds(.infinity) == Int64.max)
    }

    @Test("UUID known value and layout")
    func uuidLayout() {
        let uuid = random.uuid(kind: "session", id: 1)
        #expect(uuid == "e2fd7449-793d-4f20-a683-51a929d6beb9")
        #expect(UUID(uuidString: uuid) != nil)
        #expect(random.uuid(kind: "offerSet", id: 1) != uuid)
        #expect(random.uuid(kind: "session", id: 2) != uuid)
    }
}
