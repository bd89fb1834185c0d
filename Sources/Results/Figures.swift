/// Whether a figure describes the whole run or one site.
public enum FigureScope: String, Sendable, Equatable {
    case run
    case site
}

/// One numeric figure of a run summary, as written to `summary.csv` and the `metrics`
/// table. The name is the figure's key path in `summary.json` (for example
/// `waits.wait.p50`), and the value has the JSON's unit.
public struct Figure: Sendable, Equatable {
    public var scope: FigureScope
    /// The site name for scope `site`, `nil` for scope `run`.
    public var site: String?
    public var name: String
    public var value: Double

    public init(scope: FigureScope, site: String?, name: String, value: Double) {
        self.scope = scope
        self.site = site
        self.name = name
        self.value = value
    }
}

extension RunSummary {
    /// Flattens the numeric figures into a list: run figures first, then each site's in
    /// scenario order. Absent (`nil`) figures are left out, as in the JSON. The text
    /// fields and the seed are not figures, because the `scenario` table stores them
    /// exactly and a `Double` cannot hold every 64-bit seed.
    public func figures() -> [Figure] {
        var list = FigureList(scope: .run, site: nil)
        list.add("workloadJobs", workloadJobs)
        list.add("windowStartMs", Double(windowStartMs))
        list.add("windowEndMs", Double(windowEndMs))

        list.add("requests.requests", requests.requests)
        list.add("requests.requestsWithSession", requests.requestsWithSession)
        list.add("requests.acceptanceRate", requests.acceptanceRate)
        list.add("requests.retries", requests.retries)
        list.add("requests.abandoned", requests.abandoned)
        list.add("requests.refusedAcceptances", requests.refusedAcceptances)

        list.add("offerSets.total", offerSets.total)
        list.add("offerSets.yes", offerSets.yes)
        list.add("offerSets.no", offerSets.no)
        list.add("offerSets.noRate", offerSets.noRate)

        list.add("offers", offers)
        list.add("waits", waits)
        list.add("boundedSlowdown", boundedSlowdown)
        list.add("sessions", sessions)
        list.add("resources", resources)

        var all = list.figures
        for site in sites {
            var siteList = FigureList(scope: .site, site: site.name)
            siteList.add("offers", site.offers)
            siteList.add("refusedAcceptances", site.refusedAcceptances)
            siteList.add("waits", site.waits)
            siteList.add("sessions", site.sessions)
            siteList.add("resources", site.resources)
            all += siteList.figures
        }
        return all
    }
}

/// Collects figures of one scope, skipping `nil` values.
private struct FigureList {
    let scope: FigureScope
    let site: String?
    var figures: [Figure] = []

    init(scope: FigureScope, site: String?) {
        self.scope = scope
        self.site = site
    }

    mutating func add(_ name: String, _ value: Double?) {
        guard let value else { return }
        figures.append(Figure(scope: scope, site: site, name: name, value: value))
    }

    mutating func add(_ name: String, _ value: Int) {
        add(name, Double(value))
    }

    mutating func add(_ prefix: String, _ offers: OfferFigures) {
        add(prefix + ".made", offers.made)
        add(prefix + ".accepted", offers.accepted)
        add(prefix + ".rejected", offers.rejected)
        add(prefix + ".expired", offers.expired)
        add(prefix + ".stillOffered", offers.stillOffered)
        add(prefix + ".acceptanceRate", offers.acceptanceRate)
        add(prefix + ".rejectionRate", offers.rejectionRate)
        add(prefix + ".expiryRate", offers.expiryRate)
    }

    mutating func add(_ prefix: String, _ waits: WaitFigures) {
        add(prefix + ".wait", waits.wait)
        add(prefix + ".negotiation", waits.negotiation)
        add(prefix + ".queueing", waits.queueing)
    }

    mutating func add(_ prefix: String, _ distribution: Statistics) {
        add(prefix + ".count", distribution.count)
        add(prefix + ".mean", distribution.mean)
        add(prefix + ".p50", distribution.p50)
        add(prefix + ".p90", distribution.p90)
        add(prefix + ".p99", distribution.p99)
        add(prefix + ".max", distribution.max)
    }

    mutating func add(_ prefix: String, _ sessions: SessionFigures) {
        add(prefix + ".jobsRun", sessions.jobsRun)
        add(prefix + ".completed", sessions.completed)
        add(prefix + ".failed", sessions.failed)
        add(prefix + ".cancelled", sessions.cancelled)
    }

    mutating func add(_ prefix: String, _ use: ResourceUse) {
        add(prefix + ".cores", use.cores)
        add(prefix + ".memory", use.memory)
        add(prefix + ".gpus", use.gpus)
    }

    mutating func add(_ prefix: String, _ resource: ResourceFigures) {
        add(prefix + ".utilisation", resource.utilisation)
        add(prefix + ".reservedShare", resource.reservedShare)
        add(prefix + ".expiredIdleHeld", resource.expiredIdleHeld)
        add(prefix + ".rejectedIdleHeld", resource.rejectedIdleHeld)
    }
}
