import BrokerModel
import Results
import Scheduler

extension MetricsCollector {
    /// Builds the run summary from what was collected.
    ///
    /// - Parameters:
    ///   - sites: the site descriptions in scenario order, for capacities.
    ///   - epoch: the instant that simulated time 0 is, in ms since 1970.
    public func summary(
        scenarioName: String, seed: UInt64, policy: OfferPolicy,
        sites descriptions: [SiteDescription],
        epoch: Milliseconds, workloadReport: [String]
    ) -> RunSummary {
        let windowStart = firstArrival == Int64.max ? 0 : firstArrival
        let windowEnd = max(windowStart, lastRelease)
        let window = windowEnd - windowStart

        var total = SiteTally()
        var siteSummaries: [SiteSummary] = []
        var totalCapacity = ResourceAmounts.zero
        for (index, tally) in sites.enumerated() {
            let capacity = descriptions[index].capacity
            totalCapacity = totalCapacity + capacity
            siteSummaries.append(
                SiteSummary(
                    name: descriptions[index].name, offers: offerFigures(tally),
                    refusedAcceptances: tally.refused, waits: waitFigures(tally),
                    sessions: sessionFigures(tally),
                    resources: resourceUse(tally, capacity: capacity, window: window)))
            total.merge(tally)
        }

        var slowdowns: [Double] = []
        var requestsWithSession = 0
        for job in jobs {
            if job.accepted >= 0 { requestsWithSession += 1 }
            guard job.running >= 0, job.ranFor >= 0 else { continue }
            let wait = Double(job.running - job.firstRequest)
            let ran = Double(job.ranFor)
            slowdowns.append(max(1, (wait + ran) / max(ran, 10_000)))
        }

        return RunSummary(
            scenarioName: scenarioName, seed: seed, policyName: policy.rawValue,
            workloadJobs: jobs.count, windowStartMs: windowStart, windowEndMs: windowEnd,
            windowStart: ISO8601.format(instant: epoch + windowStart),
            windowEnd: ISO8601.format(instant: epoch + windowEnd),
            requests: RequestFigures(
                requests: jobs.count, requestsWithSession: requestsWithSession,
                acceptanceRate: RunSummary.rate(requestsWithSession, of: jobs.count),
                retries: retries, abandoned: abandoned, refusedAcceptances: total.refused),
            offerSets: OfferSetFigures(
                total: offerSetsYes + offerSetsNo, yes: offerSetsYes, no: offerSetsNo,
                noRate: RunSummary.rate(offerSetsNo, of: offerSetsYes + offerSetsNo)),
            offers: offerFigures(total),
            waits: waitFigures(total), boundedSlowdown: Statistics.of(slowdowns),
            sessions: sessionFigures(total), sites: siteSummaries,
            resources: resourceUse(total, capacity: totalCapacity, window: window),
            workloadReport: workloadReport)
    }

    private func offerFigures(_ tally: SiteTally) -> OfferFigures {
        OfferFigures(
            made: tally.offersMade, accepted: tally.accepted, rejected: tally.rejected,
            expired: tally.expired, stillOffered: tally.stillOffered,
            acceptanceRate: RunSummary.rate(tally.accepted, of: tally.offersMade),
            rejectionRate: RunSummary.rate(tally.rejected, of: tally.offersMade),
            expiryRate: RunSummary.rate(tally.expired, of: tally.offersMade))
    }

    private func waitFigures(_ tally: SiteTally) -> WaitFigures {
        WaitFigures(
            wait: Statistics.of(tally.waits), negotiation: Statistics.of(tally.negotiations),
            queueing: Statistics.of(tally.queueings))
    }

    private func sessionFigures(_ tally: SiteTally) -> SessionFigures {
        SessionFigures(
            jobsRun: tally.jobsRun, completed: tally.completed, failed: tally.failed,
            cancelled: tally.cancelled)
    }

    /// Busy and reserved shares of capacity × window, absent for a resource
    /// the capacity lacks, and idle held capacity in resource-hours.
    private func resourceUse(_ tally: SiteTally, capacity: ResourceAmounts, window: Milliseconds)
        -> ResourceUse
    {
        func share(_ used: Int128, _ amount: Int64) -> Double? {
            guard amount > 0, window > 0 else { return nil }
            return Double(used) / (Double(amount) * Double(window))
        }
        let hour = 3_600_000.0
        return ResourceUse(
            cores: ResourceFigures(
                utilisation: share(tally.busy.milliCoreMs, capacity.milliCores),
                reservedShare: share(tally.reserved.milliCoreMs, capacity.milliCores),
                expiredIdleHeld: Double(tally.idleExpired.milliCoreMs) / 1000 / hour,
                rejectedIdleHeld: Double(tally.idleRejected.milliCoreMs) / 1000 / hour),
            memory: ResourceFigures(
                utilisation: share(tally.busy.mibMs, capacity.memoryMiB),
                reservedShare: share(tally.reserved.mibMs, capacity.memoryMiB),
                expiredIdleHeld: Double(tally.idleExpired.mibMs) / 1024 / hour,
                rejectedIdleHeld: Double(tally.idleRejected.mibMs) / 1024 / hour),
            gpus: ResourceFigures(
                utilisation: share(tally.busy.milliGPUMs, capacity.milliGPUs),
                reservedShare: share(tally.reserved.milliGPUMs, capacity.milliGPUs),
                expiredIdleHeld: Double(tally.idleExpired.milliGPUMs) / 1000 / hour,
                rejectedIdleHeld: Double(tally.idleRejected.milliGPUMs) / 1000 / hour))
    }
}

extension SiteTally {
    /// Adds another tally's counts, sums and samples to this one.
    mutating func merge(_ other: SiteTally) {
        offersMade += other.offersMade
        stillOffered += other.stillOffered
        accepted += other.accepted
        rejected += other.rejected
        expired += other.expired
        refused += other.refused
        jobsRun += other.jobsRun
        completed += other.completed
        failed += other.failed
        cancelled += other.cancelled
        busy.add(other.busy)
        reserved.add(other.reserved)
        idleExpired.add(other.idleExpired)
        idleRejected.add(other.idleRejected)
        waits += other.waits
        negotiations += other.negotiations
        queueings += other.queueings
    }
}

extension ResourceTime {
    mutating func add(_ other: ResourceTime) {
        milliCoreMs += other.milliCoreMs
        mibMs += other.mibMs
        milliGPUMs += other.milliGPUMs
    }
}
