import BrokerModel

/// The committed resources of one site over time, as a step function.
///
/// Segment `i` covers `[times[i], times[i + 1])`, and the last segment runs
/// to infinity. The first segment starts at `Int64.min`. Sessions and held
/// offers reserve half-open intervals. Adjacent segments never carry equal
/// amounts, so the number of segments stays proportional to the number of
/// reservations in force.
public struct CapacityCalendar: Sendable {
    public let capacity: ResourceAmounts
    public private(set) var times: [Milliseconds] = [Int64.min]
    public private(set) var used: [ResourceAmounts] = [.zero]

    public init(capacity: ResourceAmounts) {
        self.capacity = capacity
    }

    /// Returns the index of the segment that contains `time`.
    ///
    /// - Complexity: O(log n) in the number of segments.
    func segment(containing time: Milliseconds) -> Int {
        var low = 0
        var high = times.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if times[middle] <= time { low = middle } else { high = middle }
        }
        return low
    }

    private func end(of index: Int) -> Milliseconds {
        index + 1 < times.count ? times[index + 1] : Int64.max
    }

    /// Finds the earliest start `s` in `earliest...latest` such that `need`
    /// fits on top of the committed amounts throughout `[s, s + length)`.
    ///
    /// - Returns: the start, or nil when no start in the range fits.
    /// - Complexity: O(n) in the number of segments after `earliest`.
    public func earliestFit(
        _ need: ResourceAmounts, length: Milliseconds, earliest: Milliseconds,
        latest: Milliseconds
    ) -> Milliseconds? {
        guard earliest <= latest, need.fits(within: capacity) else { return nil }
        var start = earliest
        var index = segment(containing: start)
        var probe = index
        while true {
            if !(used[probe] + need).fits(within: capacity) {
                // Skip past the segment that does not fit and start over there.
                let next = end(of: probe)
                guard next != Int64.max, next <= latest else { return nil }
                start = next
                index = probe + 1
                probe = index
                continue
            }
            if end(of: probe) >= start + length { return start }
            probe += 1
        }
    }

    /// Adds `amount` to the committed resources over `[from, to)`.
    public mutating func reserve(_ amount: ResourceAmounts, from: Milliseconds, to: Milliseconds) {
        guard from < to else { return }
        let first = split(at: from)
        let last = split(at: to)
        for index in first..<last {
            used[index] = used[index] + amount
            assert(
                used[index].fits(within: capacity), "reservation beyond capacity at \(times[index])"
            )
        }
        mergeIfEqual(at: last)
        mergeIfEqual(at: first)
    }

    /// Subtracts `amount` from the committed resources over `[from, to)`.
    public mutating func release(_ amount: ResourceAmounts, from: Milliseconds, to: Milliseconds) {
        guard from < to else { return }
        let first = split(at: from)
        let last = split(at: to)
        for index in first..<last { used[index] = used[index] - amount }
        mergeIfEqual(at: last)
        mergeIfEqual(at: first)
    }

    /// Returns the maximum committed amount of each resource over `[from, to)`.
    public func maximumUsed(from: Milliseconds, to: Milliseconds) -> ResourceAmounts {
        var index = segment(containing: from)
        var result = used[index]
        index += 1
        while index < times.count, times[index] < to {
            let amount = used[index]
            result.milliCores = max(result.milliCores, amount.milliCores)
            result.memoryMiB = max(result.memoryMiB, amount.memoryMiB)
            result.milliGPUs = max(result.milliGPUs, amount.milliGPUs)
            index += 1
        }
        return result
    }

    /// Returns the committed amounts at `time`.
    public func used(at time: Milliseconds) -> ResourceAmounts {
        used[segment(containing: time)]
    }

    /// Drops the segments that end at or before `time`, which no search
    /// looks at again because searches and releases start at the current
    /// time or later.
    public mutating func discardHistory(before time: Milliseconds) {
        let index = segment(containing: time)
        guard index > 0 else { return }
        times.removeFirst(index)
        used.removeFirst(index)
        times[0] = Int64.min
    }

    /// Makes `time` a segment boundary and returns the index of the segment
    /// that starts there.
    private mutating func split(at time: Milliseconds) -> Int {
        let index = segment(containing: time)
        if times[index] == time { return index }
        times.insert(time, at: index + 1)
        used.insert(used[index], at: index + 1)
        return index + 1
    }

    /// Merges the segment at `index` into its predecessor when both carry
    /// the same amounts.
    private mutating func mergeIfEqual(at index: Int) {
        guard index > 0, index < times.count, used[index] == used[index - 1] else { return }
        times.remove(at: index)
        used.remove(at: index)
    }
}

extension CapacityCalendar {
    /// Lists every broken invariant: boundaries strictly increasing, the
    /// first at `Int64.min`, amounts never negative nor above capacity, and
    /// no two adjacent segments equal. Tests call it after each change.
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        if times.count != used.count { problems.append("times and amounts differ in length") }
        if times.first != Int64.min { problems.append("the first segment does not start at -inf") }
        for index in times.indices.dropFirst() where times[index] <= times[index - 1] {
            problems.append("boundary \(index) at \(times[index]) is not after the previous one")
        }
        for (index, amount) in used.enumerated() {
            if amount.milliCores < 0 || amount.memoryMiB < 0 || amount.milliGPUs < 0 {
                problems.append("segment \(index) has a negative amount: \(amount)")
            }
            if !amount.fits(within: capacity) {
                problems.append("segment \(index) exceeds capacity: \(amount)")
            }
            if index > 0, amount == used[index - 1] {
                problems.append("segments \(index - 1) and \(index) are equal and not merged")
            }
        }
        return problems
    }
}
