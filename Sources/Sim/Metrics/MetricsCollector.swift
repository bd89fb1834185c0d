import BrokerModel
import Scheduler

/// Resource-time sums in resource units × milliseconds, exact in 128 bits:
/// a million jobs of 100 cores for a year each would overflow 64 bits.
struct ResourceTime: Equatable {
    var milliCoreMs: Int128 = 0
    var mibMs: Int128 = 0
    var milliGPUMs: Int128 = 0

    mutating func add(_ amounts: ResourceAmounts, for length: Milliseconds) {
        guard length > 0 else { return }
        milliCoreMs += Int128(amounts.milliCores) * Int128(length)
        mibMs += Int128(amounts.memoryMiB) * Int128(length)
        milliGPUMs += Int128(amounts.milliGPUs) * Int128(length)
    }
}

/// The counts of one site, or of all sites.
struct SiteTally {
    var offersMade = 0
    /// Offers made that are still OFFERED.
    var stillOffered = 0
    var accepted = 0
    var rejected = 0
    var expired = 0
    var refused = 0
    var jobsRun = 0
    var completed = 0
    var failed = 0
    var cancelled = 0
    var busy = ResourceTime()
    var reserved = ResourceTime()
    var idleExpired = ResourceTime()
    var idleRejected = ResourceTime()
    var waits: [Milliseconds] = []
    var negotiations: [Milliseconds] = []
    var queueings: [Milliseconds] = []
}

/// Collects every figure of the metrics from what the broker and the
/// clients report, in memory proportional to the number of jobs.
public final class MetricsCollector: BrokerObserver, ClientObserver {
    /// The record of one job, over all its attempts.
    public struct JobRecord: Sendable, Equatable {
        public var firstRequest: Milliseconds = -1
        public var attempts = 0
        public var accepted: Milliseconds = -1
        public var running: Milliseconds = -1
        /// How long the job ran, capped at its duration; -1 until it ends.
        public var ranFor: Milliseconds = -1
        public var site = -1
        public var finalPhase: Phase?
        public var abandoned = false
    }

    /// A running period at a site, kept when the collector records a timeline.
    struct BusyInterval {
        var start: Milliseconds
        var end: Milliseconds
        var amounts: ResourceAmounts
    }

    public let siteCount: Int
    public private(set) var jobs: [JobRecord]
    /// Whether running periods are kept for `utilisationSeries`; they take
    /// memory in proportion to the jobs.
    public let recordsTimeline: Bool
    var busyIntervals: [[BusyInterval]]
    var sites: [SiteTally]
    var offerSetsYes = 0
    var offerSetsNo = 0
    var retries = 0
    var abandoned = 0
    var firstArrival: Milliseconds = Int64.max
    var lastRelease: Milliseconds = Int64.min

    public init(jobCount: Int, siteCount: Int, recordsTimeline: Bool = false) {
        self.siteCount = siteCount
        self.recordsTimeline = recordsTimeline
        jobs = Array(repeating: JobRecord(), count: jobCount)
        sites = Array(repeating: SiteTally(), count: siteCount)
        busyIntervals = Array(repeating: [], count: recordsTimeline ? siteCount : 0)
    }

    // MARK: ClientObserver

    public func requestSent(job: Int, attempt: Int, at time: Milliseconds) {
        jobs[job].attempts = attempt + 1
        if attempt == 0 {
            jobs[job].firstRequest = time
            firstArrival = min(firstArrival, time)
        } else {
            retries += 1
        }
    }

    public func requestAbandoned(job: Int, at time: Milliseconds) {
        jobs[job].abandoned = true
        abandoned += 1
    }

    // MARK: BrokerObserver

    public func offerSetCreated(_ offerSet: OfferSetRecord, sessions: [Session]) {
        if offerSet.hasOffers { offerSetsYes += 1 } else { offerSetsNo += 1 }
        for session in sessions {
            sites[session.site].offersMade += 1
            sites[session.site].stillOffered += 1
        }
    }

    public func phaseChanged(_ session: Session, from: Phase, to: Phase, at time: Milliseconds) {
        let site = session.site
        if from == .offered { sites[site].stillOffered -= 1 }
        switch to {
        case .accepted:
            sites[site].accepted += 1
            jobs[session.job].accepted = time
            jobs[session.job].site = site
        case .rejected:
            sites[site].rejected += 1
        case .expired:
            sites[site].expired += 1
        case .running:
            sites[site].jobsRun += 1
            jobs[session.job].running = time
            recordWaits(of: session.job, at: site)
        case .completed:
            sites[site].completed += 1
        case .failed:
            sites[site].failed += 1
        case .cancelled:
            sites[site].cancelled += 1
        default:
            break
        }
        if from == .running {
            let ranFor = min(time - session.slot.runningStart, session.slot.duration)
            jobs[session.job].ranFor = ranFor
            sites[site].busy.add(session.amounts, for: ranFor)
            if recordsTimeline, ranFor > 0 {
                let start = session.slot.runningStart
                busyIntervals[site].append(
                    BusyInterval(start: start, end: start + ranFor, amounts: session.amounts))
            }
        }
        if to.isFinal, from != .offered { jobs[session.job].finalPhase = to }
    }

    public func acceptanceRefused(_ session: Session, at time: Milliseconds, message: String) {
        sites[session.site].refused += 1
    }

    public func holdReleased(_ session: Session, at time: Milliseconds) {
        let length = time - session.created
        if session.phase == .expired {
            sites[session.site].idleExpired.add(session.amounts, for: length)
        } else {
            sites[session.site].idleRejected.add(session.amounts, for: length)
        }
        lastRelease = max(lastRelease, time)
    }

    public func reservationReleased(_ session: Session, at time: Milliseconds) {
        sites[session.site].reserved.add(session.amounts, for: time - session.slot.start)
        lastRelease = max(lastRelease, time)
    }

    private func recordWaits(of job: Int, at site: Int) {
        let record = jobs[job]
        sites[site].waits.append(record.running - record.firstRequest)
        sites[site].negotiations.append(record.accepted - record.firstRequest)
        sites[site].queueings.append(record.running - record.accepted)
    }
}
