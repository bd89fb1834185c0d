import Testing

@testable import Sim

@Suite("Synthetic workload, catalogue and transformations")
struct WorkloadGeneratorTests {
    @Test("synthetic first arrivals")
    func syntheticFirstArrivals() {
        // Python, with raw() and uniform as in RandomKeyedTests:
        //   e = 0.0; out = []
        //   for i in range(5):
        //       e += -60000.0 * math.log(1 - uniform(7, "arrival", i)); out.append(int(e + 0.5))
        let workload = SyntheticWorkload(seed: 7, jobCount: 5, arrivalRatePerHour: 60)
        let arrivals = workload.jobs().map(\.arrival)
        #expect(arrivals == [14_271, 25_432, 68_275, 98_925, 165_395])
    }

    @Test("synthetic mean inter-arrival")
    func syntheticMeanGap() {
        // The mean gap is 60_000 ms; its standard error over n gaps is
        // 60_000 / sqrt(n), about 190 ms for n = 100_000. Allow 5 of them.
        let count = 100_000
        let jobs = SyntheticWorkload(seed: 11, jobCount: count, arrivalRatePerHour: 60).jobs()
        let meanGap = Double(jobs.last!.arrival) / Double(count)
        let tolerance = 5 * 60_000 / Double(count).squareRoot()
        #expect(abs(meanGap - 60_000) < tolerance)
    }

    @Test("adding jobs keeps earlier jobs")
    func syntheticPrefixStable() {
        func workload(_ count: Int) -> SyntheticWorkload {
            SyntheticWorkload(
                seed: 3, jobCount: count, arrivalRatePerHour: 120,
                cores: .empirical([1, 2, 4, 8]), memory: .perCore(.uniform(min: 500, max: 2000)),
                gpus: .fixed(0.5), gpuModels: ["A100"],
                runTime: .logNormal(mu: 10, sigma: 1),
                duration: .independent(.exponential(mean: 40_000)), userCount: 5)
        }
        let short = workload(50).jobs()
        let long = workload(200).jobs()
        #expect(Array(long.prefix(50)) == short)
    }

    @Test("synthetic sizes, clamps and durations")
    func syntheticSizes() {
        let jobs = SyntheticWorkload(
            seed: 1, jobCount: 200, arrivalRatePerHour: 10, cores: .uniform(min: 0, max: 3),
            memory: .perCore(.fixed(100)), gpus: .fixed(0.25), gpuModels: ["G1"],
            runTime: .uniform(min: 0, max: 90_000),
            duration: .runTimeFactor(MissingDurationRule(factor: 2, stepMillis: 60_000))
        ).jobs()
        for job in jobs {
            #expect(job.milliCores >= 1000)
            #expect(job.memoryMiB == 100 * ((job.milliCores + 999) / 1000))
            #expect(job.milliGPUs == 250)
            #expect(job.gpuModels == ["G1"])
            #expect(job.duration >= 2 * job.runTime)
            #expect(job.duration % 60_000 == 0)
            #expect(job.user == -1)
        }
        #expect(jobs.map(\.index) == Array(0..<200))
    }

    @Test("catalogue by user")
    func catalogueByUser() {
        // Python: (raw(5, "image", 12) * 10) >> 64 -> 9;
        // (raw(5, "dataset", 12) * 3) >> 64 -> 0; (raw(5, "image", 99, 2) * 10) >> 64 -> 2.
        var jobs = [
            Job(
                index: 0, number: 1, arrival: 0, runTime: 1, duration: 1, milliCores: 1000,
                memoryMiB: 1, user: 12),
            Job(
                index: 1, number: 2, arrival: 0, runTime: 1, duration: 1, milliCores: 1000,
                memoryMiB: 1, user: 12),
            Job(
                index: 2, number: 99, arrival: 0, runTime: 1, duration: 1, milliCores: 1000,
                memoryMiB: 1, user: -1),
        ]
        let assignment = CatalogueAssignment(seed: 5, imageCount: 10, datasetCount: 3)
        let report = assignment.assign(to: &jobs)
        #expect(jobs.map(\.image) == [9, 9, 2])
        #expect(jobs[0].dataset == 0)
        #expect(jobs[1].dataset == 0)
        #expect(report == CatalogueAssignment.Report(imageFallbacks: 1, datasetFallbacks: 1))
    }

    @Test("catalogue without datasets and by job")
    func catalogueByJob() {
        var jobs = (0..<20).map {
            Job(
                index: $0, number: Int64($0), arrival: 0, runTime: 1, duration: 1,
                milliCores: 1000, memoryMiB: 1, user: 1, executable: -1, dataset: 4)
        }
        let assignment = CatalogueAssignment(
            seed: 5, imageCount: 4, datasetCount: 0, imageRule: .byJob)
        let report = assignment.assign(to: &jobs)
        #expect(report == CatalogueAssignment.Report())
        #expect(jobs.allSatisfy { $0.dataset == nil })
        #expect(Set(jobs.map(\.image)).count > 1)

        let byExecutable = CatalogueAssignment(
            seed: 5, imageCount: 4, datasetCount: 2, imageRule: .byExecutable,
            datasetRule: .byExecutable)
        #expect(
            byExecutable.assign(to: &jobs)
                == CatalogueAssignment.Report(imageFallbacks: 20, datasetFallbacks: 20))
    }

    @Test("transform order on a hand-made list")
    func transformOrder() {
        let jobs = [
            Job(
                index: 0, number: 10, arrival: 1000, runTime: 100, duration: 200,
                milliCores: 1000, memoryMiB: 1),
            Job(
                index: 1, number: 11, arrival: 4000, runTime: 0, duration: 1,
                milliCores: 1000, memoryMiB: 1),
            Job(
                index: 2, number: 12, arrival: 7001, runTime: 3, duration: 5,
                milliCores: 1000, memoryMiB: 1),
            Job(
                index: 3, number: 13, arrival: 9000, runTime: 1, duration: 1,
                milliCores: 1000, memoryMiB: 1),
        ]
        // limit 3 -> arrivals 1000, 4000, 7001.
        // timeScale 0.5 -> 500, 2000, 3500.5 -> 3501; runTimes 50, 0, 1.5 -> 2;
        //   durations 100, 0.5 -> 1 (at least 1), 2.5 -> 3.
        // loadScale 2 -> 500, 500 + 750 = 1250, 500 + 1500.5 -> 2001.
        // shift 10_000 -> 10_000, 10_750, 11_501.
        let transform = WorkloadTransform(timeScale: 0.5, loadScale: 2, limit: 3, shift: 10_000)
        let result = transform.apply(to: jobs)
        #expect(result.map(\.arrival) == [10_000, 10_750, 11_501])
        #expect(result.map(\.runTime) == [50, 0, 2])
        #expect(result.map(\.duration) == [100, 1, 3])
        #expect(result.map(\.number) == [10, 11, 12])
        #expect(WorkloadTransform().apply(to: jobs) == jobs)
        #expect(WorkloadTransform(shift: 0).apply(to: []) == [])
    }

    @Test("missing duration rule")
    func missingDurationRule() {
        let rule = MissingDurationRule(factor: 1.5, stepMillis: 60_000)
        #expect(rule.duration(forRunTime: 0) == 60_000)
        #expect(rule.duration(forRunTime: 40_000) == 60_000)
        #expect(rule.duration(forRunTime: 40_001) == 120_000)
        #expect(rule.duration(forRunTime: 120_000) == 180_000)
    }
}
