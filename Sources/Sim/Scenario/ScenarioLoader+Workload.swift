import BrokerModel
import Codecs
import Foundation
import Scheduler

/// Reads a distribution: a bare value (fixed), or one of `fixed`, `uniform:
/// {min, max}`, `exponential: {mean}`, `log-normal: {median, sigma}` and
/// `empirical: [values]`. Values are durations, plain numbers or sizes,
/// depending on the quantity.
struct DistributionReader {
    enum Kind {
        /// ISO-8601 durations, sampled in milliseconds.
        case time
        /// Plain numbers, such as cores.
        case count
        /// Sizes, sampled in MiB.
        case memory
    }

    let reader: ScenarioReader
    let kind: Kind

    func read(_ node: YAMLNode, _ path: String) throws(YAMLError) -> Distribution {
        if node.scalar != nil { return .fixed(try value(node, path)) }
        let names = ["fixed", "uniform", "exponential", "log-normal", "empirical"]
        let fields = try reader.mapping(node, path, keys: names)
        guard fields.count == 1, let entry = fields.first, let name = entry.key.string else {
            throw reader.error(
                node, path, expected: "exactly one of \(names.joined(separator: ", "))")
        }
        let body = entry.value
        let inner = "\(path).\(name)"
        switch name {
        case "fixed":
            return .fixed(try value(body, inner))
        case "uniform":
            let bounds = try reader.mapping(body, inner, keys: ["min", "max"])
            let low = try value(try reader.required(bounds, "min", in: body, inner), "\(inner).min")
            let high = try value(
                try reader.required(bounds, "max", in: body, inner), "\(inner).max")
            guard low <= high else {
                throw body.error("\(inner): min must not be above max", file: reader.file)
            }
            return .uniform(min: low, max: high)
        case "exponential":
            let fields = try reader.mapping(body, inner, keys: ["mean"])
            let mean = try value(
                try reader.required(fields, "mean", in: body, inner), "\(inner).mean")
            return .exponential(mean: mean)
        case "log-normal":
            let fields = try reader.mapping(body, inner, keys: ["median", "sigma"])
            let medianNode = try reader.required(fields, "median", in: body, inner)
            let median = try value(medianNode, "\(inner).median")
            guard median > 0 else {
                throw reader.error(medianNode, "\(inner).median", expected: "a value above zero")
            }
            let sigma = try reader.number(
                try reader.required(fields, "sigma", in: body, inner), "\(inner).sigma")
            return .logNormal(mu: log(median), sigma: sigma)
        default:
            guard let items = body.sequence, !items.isEmpty else {
                throw reader.error(body, inner, expected: "a list of at least one value")
            }
            var values: [Double] = []
            for (index, item) in items.enumerated() {
                values.append(try value(item, "\(inner)[\(index)]"))
            }
            return .empirical(values)
        }
    }

    private func value(_ node: YAMLNode, _ path: String) throws(YAMLError) -> Double {
        switch kind {
        case .time: Double(try reader.duration(node, path))
        case .count: try reader.number(node, path)
        case .memory: Double(try reader.mebibytes(node, path))
        }
    }
}

extension ScenarioLoader {
    static let workloadKeys = [
        "swf", "alibaba", "synthetic", "memory-per-core", "missing-duration", "time-scale",
        "load-scale",
        "limit", "shift", "assign",
    ]

    static func workload(
        _ node: YAMLNode, seed: UInt64, sites: [SiteDescription], _ reader: ScenarioReader
    ) throws(YAMLError) -> Scenario.Workload {
        let fields = try reader.mapping(node, "workload", keys: workloadKeys)
        let source: Scenario.WorkloadSource
        let sources = ["swf", "alibaba", "synthetic"].filter { fields[$0] != nil }
        switch (fields["swf"], fields["synthetic"]) {
        case (let swf?, nil) where sources.count == 1:
            source = .swf(
                path: try tracePath(swf, reader), options: try swfOptions(fields, sites, reader))
        case (nil, nil) where sources == ["alibaba"]:
            source = try alibabaSource(fields, reader)
        case (nil, let synthetic?) where sources.count == 1:
            // These two keys apply to traces only; a synthetic workload has its
            // own memory and duration keys.
            for key in ["memory-per-core", "missing-duration"] {
                guard let entry = fields.entry(forKey: key) else { continue }
                let traces =
                    key == "memory-per-core" ? "'swf' traces" : "'swf' and 'alibaba' traces"
                throw entry.key.error(
                    "workload.\(key): applies to \(traces) only; use "
                        + "workload.synthetic.\(key == "memory-per-core" ? "memory-per-core" : "duration")",
                    file: reader.file)
            }
            source = .synthetic(try syntheticWorkload(synthetic, seed: seed, reader))
        default:
            // NOTE: without an 'alibaba' key the message keeps its earlier
            // text, which existing tests and users match, and omits 'alibaba'.
            let names =
                fields["alibaba"] == nil
                ? "'swf' and 'synthetic'" : "'swf', 'alibaba' and 'synthetic'"
            throw node.error("workload: expected exactly one of \(names)", file: reader.file)
        }

        var workload = Scenario.Workload(source: source)
        if let value = fields["time-scale"] {
            workload.transform.timeScale = try reader.number(
                value, "workload.time-scale", positive: true)
        }
        if let value = fields["load-scale"] {
            workload.transform.loadScale = try reader.number(
                value, "workload.load-scale", positive: true)
        }
        if let value = fields["limit"] {
            workload.transform.limit = try reader.integer(value, "workload.limit", minimum: 1)
        }
        if let value = fields["shift"] {
            workload.transform.shift = try reader.duration(value, "workload.shift")
        }
        if let assign = fields["assign"] {
            let rules = try reader.mapping(assign, "workload.assign", keys: ["image", "dataset"])
            if let value = rules["image"] {
                workload.imageRule = try rule(value, "workload.assign.image", reader)
            }
            if let value = rules["dataset"] {
                workload.datasetRule = try rule(value, "workload.assign.dataset", reader)
            }
        }
        return workload
    }

    /// Reads `workload.alibaba`, which takes `missing-duration` but not
    /// `memory-per-core`, since the pod list gives each pod's memory.
    private static func alibabaSource(_ fields: YAMLNode.Mapping, _ reader: ScenarioReader)
        throws(YAMLError) -> Scenario.WorkloadSource
    {
        if let entry = fields.entry(forKey: "memory-per-core") {
            throw entry.key.error(
                "workload.memory-per-core: applies to 'swf' traces only; the Alibaba pod list "
                    + "gives each pod's memory",
                file: reader.file)
        }
        var options = AlibabaReadOptions()
        if let value = fields["missing-duration"] {
            options.missingDuration = try missingDuration(
                value, "workload.missing-duration", reader)
        }
        return .alibaba(
            path: try tracePath(fields["alibaba"]!, reader, key: "workload.alibaba"),
            options: options)
    }

    /// Resolves a trace path relative to the scenario file's folder.
    static func tracePath(
        _ node: YAMLNode, _ reader: ScenarioReader, key: String = "workload.swf"
    ) throws(YAMLError) -> String {
        let relative = try reader.string(node, key)
        guard !relative.hasPrefix("/") else { return relative }
        let directory = (reader.file as NSString).deletingLastPathComponent
        return directory.isEmpty
            ? relative : (directory as NSString).appendingPathComponent(relative)
    }

    private static func swfOptions(
        _ fields: YAMLNode.Mapping, _ sites: [SiteDescription], _ reader: ScenarioReader
    ) throws(YAMLError) -> SWFReadOptions {
        var options = SWFReadOptions()
        options.maxMilliCores = sites.map(\.capacity.milliCores).max()
        if let value = fields["memory-per-core"] {
            options.memoryPerCoreMiB = try reader.mebibytes(value, "workload.memory-per-core")
        }
        if let value = fields["missing-duration"] {
            options.missingDuration = try missingDuration(
                value, "workload.missing-duration", reader)
        }
        return options
    }

    private static func missingDuration(_ node: YAMLNode, _ path: String, _ reader: ScenarioReader)
        throws(YAMLError) -> MissingDurationRule
    {
        let fields = try reader.mapping(node, path, keys: ["run-time-factor", "round-up-to"])
        var factor = 1.0
        var step: Milliseconds = 60_000
        if let value = fields["run-time-factor"] {
            factor = try reader.number(value, "\(path).run-time-factor", positive: true)
        }
        if let value = fields["round-up-to"] {
            step = try reader.duration(value, "\(path).round-up-to", positive: true)
        }
        return MissingDurationRule(factor: factor, stepMillis: step)
    }

    private static func rule(_ node: YAMLNode, _ path: String, _ reader: ScenarioReader)
        throws(YAMLError) -> CatalogueRule
    {
        switch node.string {
        case "by-user": return .byUser
        case "by-executable": return .byExecutable
        case "by-job": return .byJob
        default: throw reader.error(node, path, expected: "by-user, by-executable or by-job")
        }
    }

    static let syntheticKeys = [
        "jobs", "arrivals-per-hour", "cores", "memory", "memory-per-core", "gpus", "gpu-models",
        "run-time", "duration", "users",
    ]

    private static func syntheticWorkload(_ node: YAMLNode, seed: UInt64, _ reader: ScenarioReader)
        throws(YAMLError) -> SyntheticWorkload
    {
        let path = "workload.synthetic"
        let fields = try reader.mapping(node, path, keys: syntheticKeys)
        let counts = DistributionReader(reader: reader, kind: .count)
        let times = DistributionReader(reader: reader, kind: .time)
        let sizes = DistributionReader(reader: reader, kind: .memory)

        let jobs = try reader.integer(
            try reader.required(fields, "jobs", in: node, path), "\(path).jobs", minimum: 1,
            maximum: maximumSyntheticJobs)
        let rate = try reader.number(
            try reader.required(fields, "arrivals-per-hour", in: node, path),
            "\(path).arrivals-per-hour", positive: true)
        var workload = SyntheticWorkload(seed: seed, jobCount: jobs, arrivalRatePerHour: rate)
        if let value = fields["cores"] { workload.cores = try counts.read(value, "\(path).cores") }
        switch (fields["memory"], fields["memory-per-core"]) {
        case (let memory?, nil): workload.memory = .perJob(try sizes.read(memory, "\(path).memory"))
        case (nil, let perCore?):
            workload.memory = .perCore(try sizes.read(perCore, "\(path).memory-per-core"))
        case (nil, nil): break
        default:
            throw node.error(
                "\(path): give either 'memory' or 'memory-per-core', not both", file: reader.file)
        }
        if let value = fields["gpus"] { workload.gpus = try counts.read(value, "\(path).gpus") }
        for (index, model) in try list(fields["gpu-models"], "\(path).gpu-models", reader)
            .enumerated()
        {
            workload.gpuModels.append(try reader.string(model, "\(path).gpu-models[\(index)]"))
        }
        if let value = fields["run-time"] {
            workload.runTime = try times.read(value, "\(path).run-time")
        }
        if let value = fields["duration"] {
            if value.mapping?["run-time-factor"] != nil || value.mapping?["round-up-to"] != nil {
                workload.duration = .runTimeFactor(
                    try missingDuration(value, "\(path).duration", reader))
            } else {
                workload.duration = .independent(try times.read(value, "\(path).duration"))
            }
        }
        if let value = fields["users"] {
            workload.userCount = try reader.integer(value, "\(path).users", minimum: 0)
        }
        return workload
    }
}
