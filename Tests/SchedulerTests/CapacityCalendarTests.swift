import BrokerModel
import Scheduler
import Testing

@Test func calendarFindsEarliestFit() {
    var calendar = CapacityCalendar(capacity: cores(4))
    calendar.reserve(cores(3), from: 100, to: 200)
    calendar.reserve(cores(2), from: 250, to: 300)
    #expect(calendar.earliestFit(cores(1), length: 1000, earliest: 0, latest: 10_000) == 0)
    #expect(calendar.earliestFit(cores(2), length: 50, earliest: 0, latest: 10_000) == 0)
    #expect(calendar.earliestFit(cores(2), length: 150, earliest: 0, latest: 10_000) == 200)
    #expect(calendar.earliestFit(cores(3), length: 10, earliest: 150, latest: 10_000) == 200)
    #expect(calendar.earliestFit(cores(3), length: 60, earliest: 150, latest: 10_000) == 300)
    #expect(calendar.earliestFit(cores(3), length: 60, earliest: 150, latest: 299) == nil)
    #expect(calendar.earliestFit(cores(5), length: 1, earliest: 0, latest: 10_000) == nil)
    #expect(calendar.invariantViolations().isEmpty)
}

@Test func calendarMergesOnRelease() {
    var calendar = CapacityCalendar(capacity: cores(4))
    calendar.reserve(cores(1), from: 100, to: 200)
    calendar.reserve(cores(1), from: 150, to: 300)
    #expect(calendar.times == [Int64.min, 100, 150, 200, 300])
    #expect(calendar.maximumUsed(from: 0, to: 1000) == cores(2))
    calendar.release(cores(1), from: 150, to: 300)
    #expect(calendar.times == [Int64.min, 100, 200])
    calendar.release(cores(1), from: 100, to: 200)
    #expect(calendar.times == [Int64.min])
    #expect(calendar.used == [.zero])
    #expect(calendar.invariantViolations().isEmpty)
}

@Test func calendarDropsHistory() {
    var calendar = CapacityCalendar(capacity: cores(4))
    calendar.reserve(cores(1), from: 100, to: 200)
    calendar.reserve(cores(2), from: 300, to: 400)
    calendar.discardHistory(before: 350)
    #expect(calendar.times == [Int64.min, 400])
    #expect(calendar.used == [cores(2), .zero])
    #expect(calendar.invariantViolations().isEmpty)
}

@Test func calendarSurvivesRandomReservations() {
    // A seeded loop of reserve and release, with the invariants and a
    // brute-force model checked after every change.
    var generator = SplitMix(state: 42)
    var calendar = CapacityCalendar(capacity: cores(8))
    var model = [Int64](repeating: 0, count: 200)
    var live: [(amount: Int64, from: Int, to: Int)] = []
    for step in 0..<2000 {
        if live.isEmpty || generator.next() % 3 != 0 {
            let amount = Int64(generator.next() % 4 + 1) * 1000
            let length = Int(generator.next() % 40 + 1)
            let earliest = Int(generator.next() % 150)
            guard
                let start = calendar.earliestFit(
                    ResourceAmounts(milliCores: amount, memoryMiB: 0), length: Int64(length),
                    earliest: Int64(earliest), latest: 159)
            else { continue }
            let from = Int(start)
            for t in from..<(from + length) { model[t] += amount }
            for t in earliest..<from {
                // Every earlier start must have failed somewhere in its window.
                let blocked = (t..<(t + length)).contains {
                    model[$0] - (($0 >= from) ? amount : 0) + amount > 8000
                }
                #expect(blocked, "step \(step): start \(t) was free")
            }
            calendar.reserve(
                ResourceAmounts(milliCores: amount, memoryMiB: 0), from: Int64(from),
                to: Int64(from + length))
            live.append((amount, from, from + length))
        } else {
            let index = Int(generator.next() % UInt64(live.count))
            let item = live.remove(at: index)
            for t in item.from..<item.to { model[t] -= item.amount }
            calendar.release(
                ResourceAmounts(milliCores: item.amount, memoryMiB: 0), from: Int64(item.from),
                to: Int64(item.to))
        }
        #expect(calendar.invariantViolations().isEmpty, "step \(step)")
        for t in stride(from: 0, to: 200, by: 7) {
            #expect(calendar.used(at: Int64(t)).milliCores == model[t], "step \(step) t \(t)")
        }
    }
}

/// A small seeded generator for test loops (SplitMix64).
struct SplitMix {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
