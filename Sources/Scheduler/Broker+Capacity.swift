import BrokerModel

/// A start that fits at a site, with its node placement at a node site.
struct Fit {
    var start: Milliseconds
    /// Nil at a site that is one pool.
    var placement: NodePlacement?
}

extension Broker {
    /// Finds the earliest start in `earliest...latest` at which `needs` fits
    /// at a site over `[start, start + length)`.
    ///
    /// A pool site searches its one calendar. A node site searches its
    /// nodes and returns the placement (see `NodeCalendars.earliestFit`).
    func earliestFit(
        _ needs: ResourceAmounts, models: [String], at site: Int, length: Milliseconds,
        earliest: Milliseconds, latest: Milliseconds
    ) -> Fit? {
        guard sites[site].hasNodes else {
            return calendars[site].earliestFit(
                needs, length: length, earliest: earliest, latest: latest
            ).map { Fit(start: $0, placement: nil) }
        }
        return nodeCalendars[site]?.earliestFit(
            needs, models: models, length: length, earliest: earliest, latest: latest
        ).map { Fit(start: $0.start, placement: $0.placement) }
    }

    /// Adds `amounts` over `[from, to)` to the site's calendar and, at a
    /// node site, to the placement's node and GPUs.
    func reserve(
        _ amounts: ResourceAmounts, at site: Int, placement: NodePlacement?, from: Milliseconds,
        to: Milliseconds
    ) {
        calendars[site].reserve(amounts, from: from, to: to)
        if let placement {
            nodeCalendars[site]!.reserve(amounts, at: placement, from: from, to: to)
        }
    }

    /// Subtracts what `reserve(_:at:placement:from:to:)` added over `[from, to)`.
    func release(
        _ amounts: ResourceAmounts, at site: Int, placement: NodePlacement?, from: Milliseconds,
        to: Milliseconds
    ) {
        calendars[site].release(amounts, from: from, to: to)
        if let placement {
            nodeCalendars[site]!.release(amounts, at: placement, from: from, to: to)
        }
    }

    /// Releases what remains of a session's slot from `from` to its end.
    func releaseSlot(of session: Session, from: Milliseconds) {
        release(
            session.amounts, at: session.site, placement: session.placement, from: from,
            to: session.slot.end)
    }

    /// Lists every broken invariant of the node sites' calendars, and every
    /// time at which a node site's calendar differs from the sum over its
    /// nodes. Tests call it after each change.
    public func nodeInvariantViolations() -> [String] {
        var problems: [String] = []
        for (index, nodes) in nodeCalendars.enumerated() {
            guard let nodes else { continue }
            let name = sites[index].name
            problems += nodes.invariantViolations().map { "\(name): \($0)" }
            var boundaries = Set(calendars[index].times)
            for node in nodes.nodes { boundaries.formUnion(node.calendar.times) }
            for time in boundaries.sorted()
            where calendars[index].used(at: time) != nodes.used(at: time) {
                problems.append(
                    "\(name) at \(time): the site calendar has \(calendars[index].used(at: time)), "
                        + "but its nodes sum to \(nodes.used(at: time))")
            }
        }
        return problems
    }

    /// Returns why a node site can never run the request, or nil when some
    /// node could.
    func nodeIneligibility(of site: SiteDescription, for request: JobRequest) -> String? {
        let needs = request.needs
        guard let demand = GPUDemand(milliGPUs: needs.milliGPUs) else {
            return "needs \(needs), but a node site takes either a share of one GPU "
                + "(up to 1000 milli-GPUs) or whole GPUs"
        }
        if demand.count > 0, !request.gpuModels.isEmpty {
            let models = NodeType.gpuModels(of: site.nodes)
            if !models.contains(where: { request.gpuModels.contains($0) }) {
                return "needs a GPU model in [\(request.gpuModels.joined(separator: ", "))], "
                    + "but the nodes have \(models.isEmpty ? "none" : models.joined(separator: ", "))"
            }
        }
        let fits = site.nodes.contains {
            $0.count > 0
                && NodeCalendars.canHold(needs, demand: demand, models: request.gpuModels, on: $0)
        }
        guard !fits else { return nil }
        let types = site.nodes.map {
            "\($0.count) × (\($0.capacity)\($0.gpuModel.map { " \($0)" } ?? ""))"
        }
        return "no node can hold \(nodeNeed(needs, demand: demand, models: request.gpuModels)); "
            + "the nodes are \(types.joined(separator: ", "))"
    }

    /// Describes what a request needs of one node, such as "4 cores, 16 GiB
    /// and 2 whole GPUs of a model in [T4]".
    func nodeNeed(_ needs: ResourceAmounts, demand: GPUDemand, models: [String]) -> String {
        let base = ResourceAmounts(milliCores: needs.milliCores, memoryMiB: needs.memoryMiB)
        guard demand.count > 0 else { return "\(base)" }
        let gpus: String
        if demand.milliGPUsPerGPU < 1000 {
            gpus = "a share of \(demand.milliGPUsPerGPU) milli-GPUs on one GPU"
        } else {
            gpus = demand.count == 1 ? "1 whole GPU" : "\(demand.count) whole GPUs"
        }
        let model = models.isEmpty ? "" : " of a model in [\(models.joined(separator: ", "))]"
        return "\(base) and \(gpus)\(model)"
    }
}
