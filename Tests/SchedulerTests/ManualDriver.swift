import BrokerModel
import Foundation
import Scheduler

/// A clock and backend for broker tests: timers wait in a list until the
/// test advances time, and jobs end after the run time given per job.
final class ManualDriver: BrokerClock, ComputeBackend {
    private enum Pending {
        case timer(BrokerTimer)
        case jobEnd(session: Int)
    }

    private(set) var now: Milliseconds = 0
    private var pending:
        [(time: Milliseconds, eventClass: EventClass, sequence: Int, event: Pending)] = []
    private var sequence = 0
    /// Run time per job; a job without an entry runs its full duration.
    var runTimes: [Int: Milliseconds] = [:]
    private(set) var stopped: [Int] = []
    var broker: Broker!

    func schedule(_ timer: BrokerTimer, at time: Milliseconds) {
        append(.timer(timer), at: time, class: timer.eventClass)
    }

    func start(_ job: RunningJob) {
        let runTime = runTimes[job.job] ?? job.duration
        append(.jobEnd(session: job.session), at: now + runTime, class: .phaseChange)
    }

    func stop(_ job: RunningJob) {
        stopped.append(job.session)
    }

    private func append(_ event: Pending, at time: Milliseconds, class eventClass: EventClass) {
        pending.append((time, eventClass, sequence, event))
        sequence += 1
    }

    /// Runs every pending event due at or before `time` in (time, class,
    /// sequence) order, then sets the clock to `time`.
    func advance(to time: Milliseconds) {
        while let next = pending.indices.min(by: { precedes(pending[$0], pending[$1]) }),
            pending[next].time <= time
        {
            let entry = pending.remove(at: next)
            now = entry.time
            switch entry.event {
            case .timer(let timer): broker.fire(timer)
            case .jobEnd(let session): broker.jobEnded(session: session)
            }
        }
        now = time
    }

    /// Sets the clock without running anything that is due.
    func jump(to time: Milliseconds) {
        now = time
    }

    private func precedes(
        _ left: (time: Milliseconds, eventClass: EventClass, sequence: Int, event: Pending),
        _ right: (time: Milliseconds, eventClass: EventClass, sequence: Int, event: Pending)
    ) -> Bool {
        (left.time, left.eventClass.rawValue, left.sequence)
            < (right.time, right.eventClass.rawValue, right.sequence)
    }
}

/// Records what the broker reports, as lines such as `60000 s3 OFFERED->ACCEPTED`.
final class RecordingObserver: BrokerObserver {
    private(set) var lines: [String] = []
    private(set) var offerSets: [OfferSetRecord] = []
    private(set) var refusals: [String] = []
    private(set) var holdReleases: [(session: Int, phase: Phase, time: Milliseconds)] = []
    private(set) var reservationReleases: [(session: Int, time: Milliseconds)] = []

    func offerSetCreated(_ offerSet: OfferSetRecord, sessions: [Session]) {
        offerSets.append(offerSet)
    }

    func phaseChanged(_ session: Session, from: Phase, to: Phase, at time: Milliseconds) {
        lines.append("\(time) s\(session.id) \(from.rawValue)->\(to.rawValue)")
    }

    func acceptanceRefused(_ session: Session, at time: Milliseconds, message: String) {
        refusals.append(message)
    }

    func holdReleased(_ session: Session, at time: Milliseconds) {
        holdReleases.append((session.id, session.phase, time))
    }

    func reservationReleased(_ session: Session, at time: Milliseconds) {
        reservationReleases.append((session.id, time))
    }

    /// The lines of one session, without the session prefix.
    func history(of session: Int) -> [String] {
        lines.filter { $0.contains(" s\(session) ") }.map {
            $0.replacingOccurrences(of: " s\(session) ", with: " ")
        }
    }
}

let minute: Milliseconds = 60_000
let hour: Milliseconds = 3_600_000

func cores(_ count: Int64, memoryGiB: Int64 = 0, gpus: Int64 = 0) -> ResourceAmounts {
    ResourceAmounts(milliCores: count * 1000, memoryMiB: memoryGiB * 1024, milliGPUs: gpus * 1000)
}

/// Builds a broker over sites with the given settings and a manual driver.
func makeBroker(
    sites: [SiteDescription], configure: (inout BrokerSettings) -> Void = { _ in }
) -> (Broker, ManualDriver, RecordingObserver) {
    var settings = BrokerSettings()
    configure(&settings)
    let driver = ManualDriver()
    let broker = Broker(settings: settings, sites: sites, clock: driver, backend: driver)
    driver.broker = broker
    let observer = RecordingObserver()
    broker.addObserver(observer)
    return (broker, driver, observer)
}
