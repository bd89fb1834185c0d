import BrokerModel

/// The layout of a request's milli-GPUs on the GPUs of one node.
///
/// Up to 1000 milli-GPUs is a share of one GPU (1000 is one whole GPU).
/// Above that, the request must be whole GPUs, each with 1000 milli-GPUs.
public struct GPUDemand: Sendable, Equatable {
    /// The number of GPUs the request occupies.
    public var count: Int
    /// The milli-GPUs taken on each of those GPUs.
    public var milliGPUsPerGPU: Int64

    /// Returns the layout of `milliGPUs`, or nil when it is above 1000 and
    /// not a multiple of 1000.
    public init?(milliGPUs: Int64) {
        if milliGPUs <= 0 {
            (count, milliGPUsPerGPU) = (0, 0)
        } else if milliGPUs <= 1000 {
            (count, milliGPUsPerGPU) = (1, milliGPUs)
        } else if milliGPUs % 1000 == 0 {
            (count, milliGPUsPerGPU) = (Int(milliGPUs / 1000), 1000)
        } else {
            return nil
        }
    }
}

/// The place of a reservation at a node site: the node and the GPUs on it.
public struct NodePlacement: Sendable, Equatable {
    /// The node's index in the site's node list, which expands each node
    /// type into `count` nodes in the order of the types.
    public var node: Int
    /// Indices of the node's GPUs that the reservation uses, ascending.
    public var gpus: [Int]
    /// The milli-GPUs reserved on each of those GPUs.
    public var milliGPUsPerGPU: Int64

    public init(node: Int, gpus: [Int], milliGPUsPerGPU: Int64) {
        self.node = node
        self.gpus = gpus
        self.milliGPUsPerGPU = milliGPUsPerGPU
    }
}

/// The committed resources of a node site: one calendar per node for its
/// cores, memory and total milli-GPUs, and one per GPU for that GPU's
/// milli-GPUs.
///
/// A share (below 1000 milli-GPUs) fits on a GPU when the GPU's maximum
/// use over the slot plus the share is at most 1000. Whole GPUs need GPUs
/// with nothing on them over the slot, which is the same test with 1000.
public struct NodeCalendars: Sendable {
    /// One node and its GPUs.
    public struct Node: Sendable {
        public let gpuModel: String?
        /// Cores, memory and the node's total milli-GPUs.
        public fileprivate(set) var calendar: CapacityCalendar
        /// The milli-GPUs of each GPU, with a capacity of 1000 each.
        public fileprivate(set) var gpus: [CapacityCalendar]
    }

    public private(set) var nodes: [Node] = []

    /// Expands each node type into `count` nodes, in the order of the types.
    public init(types: [NodeType]) {
        let gpuCapacity = ResourceAmounts(milliCores: 0, memoryMiB: 0, milliGPUs: 1000)
        for type in types {
            for _ in 0..<max(0, type.count) {
                nodes.append(
                    Node(
                        gpuModel: type.gpuModel,
                        calendar: CapacityCalendar(capacity: type.capacity),
                        gpus: Array(
                            repeating: CapacityCalendar(capacity: gpuCapacity), count: type.gpus)))
            }
        }
    }

    /// Returns whether an empty node could ever hold `needs`: enough cores,
    /// memory and GPUs, and an acceptable model when GPUs are needed.
    static func canHold(
        _ needs: ResourceAmounts, demand: GPUDemand, models: [String], on type: NodeType
    ) -> Bool {
        guard needs.fits(within: type.capacity), demand.count <= type.gpus else { return false }
        guard demand.count > 0, !models.isEmpty else { return true }
        return type.gpuModel.map { models.contains($0) } ?? false
    }

    /// Finds the earliest start in `earliest...latest` at which `needs` fits
    /// on one node over `[start, start + length)`.
    ///
    /// Ties go to the lowest node index. On the node, the GPUs are the
    /// lowest-indexed ones that fit, so a share goes to the first GPU with
    /// room for it.
    ///
    /// - Returns: the start and the placement, or nil when no node fits.
    public func earliestFit(
        _ needs: ResourceAmounts, models: [String], length: Milliseconds,
        earliest: Milliseconds, latest: Milliseconds
    ) -> (start: Milliseconds, placement: NodePlacement)? {
        guard let demand = GPUDemand(milliGPUs: needs.milliGPUs) else { return nil }
        var best: (start: Milliseconds, placement: NodePlacement)?
        for (index, node) in nodes.enumerated() {
            if demand.count > 0, !models.isEmpty {
                guard let model = node.gpuModel, models.contains(model) else { continue }
            }
            // Only a strictly earlier start beats the node found so far.
            let bound = best.map { $0.start - 1 } ?? latest
            guard
                let (start, gpus) = Self.earliestFit(
                    needs, demand: demand, on: node, length: length, earliest: earliest,
                    latest: bound)
            else { continue }
            best = (
                start,
                NodePlacement(node: index, gpus: gpus, milliGPUsPerGPU: demand.milliGPUsPerGPU)
            )
            if start == earliest { break }
        }
        return best
    }

    /// Finds the earliest start on one node and the GPUs to use.
    ///
    /// The search alternates two steps. The node calendar gives the
    /// earliest start `s` for cores, memory and total GPUs. If fewer than
    /// `demand.count` GPUs fit at `s`, no start before the demand.count-th
    /// smallest of the GPUs' own earliest starts can fit either, so the
    /// search resumes there. Each round moves `s` strictly later.
    private static func earliestFit(
        _ needs: ResourceAmounts, demand: GPUDemand, on node: Node, length: Milliseconds,
        earliest: Milliseconds, latest: Milliseconds
    ) -> (Milliseconds, [Int])? {
        var start = earliest
        let perGPU = ResourceAmounts(milliCores: 0, memoryMiB: 0, milliGPUs: demand.milliGPUsPerGPU)
        while true {
            guard
                let fit = node.calendar.earliestFit(
                    needs, length: length, earliest: start, latest: latest)
            else { return nil }
            start = fit
            guard demand.count > 0 else { return (start, []) }

            var chosen: [Int] = []
            var laterStarts: [Milliseconds] = []
            for (index, gpu) in node.gpus.enumerated() {
                guard
                    let gpuStart = gpu.earliestFit(
                        perGPU, length: length, earliest: start, latest: latest)
                else { continue }
                if gpuStart == start {
                    chosen.append(index)
                    if chosen.count == demand.count { return (start, chosen) }
                } else {
                    laterStarts.append(gpuStart)
                }
            }
            let missing = demand.count - chosen.count
            guard laterStarts.count >= missing else { return nil }
            laterStarts.sort()
            start = laterStarts[missing - 1]
        }
    }

    /// Adds `needs` to the placement's node over `[from, to)`, and the
    /// placement's milli-GPUs to each of its GPUs.
    public mutating func reserve(
        _ needs: ResourceAmounts, at placement: NodePlacement, from: Milliseconds,
        to: Milliseconds
    ) {
        let perGPU = ResourceAmounts(
            milliCores: 0, memoryMiB: 0, milliGPUs: placement.milliGPUsPerGPU)
        nodes[placement.node].calendar.reserve(needs, from: from, to: to)
        for gpu in placement.gpus {
            nodes[placement.node].gpus[gpu].reserve(perGPU, from: from, to: to)
        }
    }

    /// Subtracts what `reserve(_:at:from:to:)` added over `[from, to)`.
    public mutating func release(
        _ needs: ResourceAmounts, at placement: NodePlacement, from: Milliseconds,
        to: Milliseconds
    ) {
        let perGPU = ResourceAmounts(
            milliCores: 0, memoryMiB: 0, milliGPUs: placement.milliGPUsPerGPU)
        nodes[placement.node].calendar.release(needs, from: from, to: to)
        for gpu in placement.gpus {
            nodes[placement.node].gpus[gpu].release(perGPU, from: from, to: to)
        }
    }

    /// Returns the milli-GPUs committed on one GPU of one node at `time`.
    public func milliGPUsUsed(node: Int, gpu: Int, at time: Milliseconds) -> Int64 {
        nodes[node].gpus[gpu].used(at: time).milliGPUs
    }

    /// Drops the segments of every calendar that end at or before `time`.
    public mutating func discardHistory(before time: Milliseconds) {
        for index in nodes.indices {
            nodes[index].calendar.discardHistory(before: time)
            for gpu in nodes[index].gpus.indices {
                nodes[index].gpus[gpu].discardHistory(before: time)
            }
        }
    }

    /// Returns the committed amounts summed over every node at `time`.
    public func used(at time: Milliseconds) -> ResourceAmounts {
        nodes.reduce(.zero) { $0 + $1.calendar.used(at: time) }
    }
}

extension NodeCalendars {
    /// Lists every broken invariant: those of each node and GPU calendar,
    /// and, at every boundary of a node's calendars, a node total of
    /// milli-GPUs that differs from the sum over its GPUs. Tests call it
    /// after each change.
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        for (index, node) in nodes.enumerated() {
            problems += node.calendar.invariantViolations().map { "node \(index): \($0)" }
            for (gpu, calendar) in node.gpus.enumerated() {
                problems += calendar.invariantViolations().map { "node \(index) GPU \(gpu): \($0)" }
            }
            var boundaries = Set(node.calendar.times)
            for calendar in node.gpus { boundaries.formUnion(calendar.times) }
            for time in boundaries.sorted() {
                let total = node.calendar.used(at: time).milliGPUs
                let sum = node.gpus.reduce(0) { $0 + $1.used(at: time).milliGPUs }
                if total != sum {
                    problems.append(
                        "node \(index) at \(time): \(total) milli-GPUs in total, "
                            + "but its GPUs sum to \(sum)")
                }
            }
        }
        return problems
    }
}
