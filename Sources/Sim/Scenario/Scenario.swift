import BrokerModel
import Foundation
import Scheduler

/// A simulation scenario, read from a YAML file and resolved into values
/// in the broker's units.
public struct Scenario: Sendable {
    /// An image of the catalogue.
    public struct Image: Sendable, Equatable {
        public var name: String
        public var bytes: Int64
    }

    /// A dataset of the catalogue and the sites that hold a replica.
    public struct Dataset: Sendable, Equatable {
        public var name: String
        public var bytes: Int64
        public var replicas: [String]
    }

    /// The source of the jobs.
    public enum WorkloadSource: Sendable, Equatable {
        /// A Standard Workload Format log, resolved relative to the scenario.
        case swf(path: String, options: SWFReadOptions)
        /// The pod list of the Alibaba GPU trace, resolved relative to the scenario.
        case alibaba(path: String, options: AlibabaReadOptions)
        case synthetic(SyntheticWorkload)
    }

    /// The workload section.
    public struct Workload: Sendable, Equatable {
        public var source: WorkloadSource
        public var transform = WorkloadTransform()
        public var imageRule: CatalogueRule = .byUser
        public var datasetRule: CatalogueRule = .byUser
    }

    public var name: String
    /// The scenario file's path as given, for messages.
    public var file: String
    /// The scenario file's text, kept with the results.
    public var text: String
    public var seed: UInt64
    /// The instant that simulated time 0 stands for, in ms since 1970-01-01T00:00:00Z.
    public var epoch: Milliseconds
    public var images: [Image]
    public var datasets: [Dataset]
    public var sites: [SiteDescription]
    public var workload: Workload
    /// The scenario's own broker and client settings.
    public var broker: BrokerSettings
    public var client: ClientSettings
    /// The variants to compare, the first being the baseline; a scenario
    /// without a `variants` key has one, named `baseline`, with the
    /// scenario's own settings.
    public var variants: [Variant]
    /// How many times each variant runs, each time with another seed.
    public var replications: Int

    /// Broker and client settings that one variant runs with.
    public struct Variant: Sendable, Equatable {
        public var name: String
        public var broker: BrokerSettings
        public var client: ClientSettings
        /// The overridden keys as `section.key: value` lines, for reports.
        public var changes: [String]
    }
}

extension Scenario {
    /// The longest folder name that `folderName` returns, well under the
    /// 255 bytes that common file systems allow.
    public static let maximumFolderName = 100

    /// Converts a scenario or variant name to a folder name: every character other
    /// than letters, digits, `-`, `_` and `.` becomes `-`, and leading and
    /// trailing dots go.
    public static func folderName(_ name: String) -> String {
        let safe = name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" }
        let text = String(safe).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return text.isEmpty ? "scenario" : String(text.prefix(maximumFolderName))
    }
}
