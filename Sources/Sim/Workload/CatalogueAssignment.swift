/// The key that selects a job's catalogue entry.
public enum CatalogueRule: String, Sendable, Equatable, CaseIterable {
    /// Jobs of the same user get the same entry.
    case byUser
    /// Jobs of the same executable get the same entry.
    case byExecutable
    /// Each job gets its own keyed entry.
    case byJob
}

/// Assigns catalogue images and datasets to jobs.
///
/// The index is `KeyedRandom(seed).index(below: count)` on stream `"image"` or
/// `"dataset"`, with the entity and attempt set by the key that the rule
/// selects: attempt 0 with the user id, attempt 1 with the executable number,
/// attempt 2 with the job number. The attempt keeps user 5 and job number 5
/// apart. When the user or executable is unknown (-1), the job number is
/// used instead and the job is counted as a fallback.
public struct CatalogueAssignment: Sendable, Equatable {
    public var seed: UInt64
    public var imageCount: Int
    public var datasetCount: Int
    public var imageRule: CatalogueRule
    public var datasetRule: CatalogueRule

    public init(
        seed: UInt64, imageCount: Int, datasetCount: Int, imageRule: CatalogueRule = .byUser,
        datasetRule: CatalogueRule = .byUser
    ) {
        precondition(imageCount > 0, "a catalogue needs at least one image, got \(imageCount)")
        precondition(datasetCount >= 0, "datasetCount must not be negative")
        self.seed = seed
        self.imageCount = imageCount
        self.datasetCount = datasetCount
        self.imageRule = imageRule
        self.datasetRule = datasetRule
    }

    /// Counts of jobs whose rule key was unknown, so the job number was used.
    public struct Report: Sendable, Equatable {
        public var imageFallbacks: Int = 0
        public var datasetFallbacks: Int = 0

        public init(imageFallbacks: Int = 0, datasetFallbacks: Int = 0) {
            self.imageFallbacks = imageFallbacks
            self.datasetFallbacks = datasetFallbacks
        }
    }

    /// Sets `image` and `dataset` on every job.
    @discardableResult
    public func assign(to jobs: inout [Job]) -> Report {
        let random = KeyedRandom(seed: seed)
        var report = Report()
        for position in jobs.indices {
            let imageKey = key(for: jobs[position], rule: imageRule)
            if imageKey.isFallback { report.imageFallbacks += 1 }
            jobs[position].image = random.index(
                below: imageCount, "image", entity: imageKey.entity, attempt: imageKey.attempt)

            guard datasetCount > 0 else {
                jobs[position].dataset = nil
                continue
            }
            let datasetKey = key(for: jobs[position], rule: datasetRule)
            if datasetKey.isFallback { report.datasetFallbacks += 1 }
            jobs[position].dataset = random.index(
                below: datasetCount, "dataset", entity: datasetKey.entity,
                attempt: datasetKey.attempt)
        }
        return report
    }

    private func key(for job: Job, rule: CatalogueRule) -> (
        entity: Int64, attempt: Int, isFallback: Bool
    ) {
        switch rule {
        case .byUser where job.user >= 0:
            return (job.user, 0, false)
        case .byExecutable where job.executable >= 0:
            return (job.executable, 1, false)
        case .byJob:
            return (job.number, 2, false)
        case .byUser, .byExecutable:
            return (job.number, 2, true)
        }
    }
}
