import Foundation

extension ExperimentSummary {
    /// A column of the comparison tables: a run-scope figure, scaled for display.
    struct Column {
        var title: String
        var figure: String
        var scale: Double = 1
    }

    static let offerColumns = [
        Column(title: "Jobs with session %", figure: "requests.acceptanceRate", scale: 100),
        Column(title: "Offer sets NO %", figure: "offerSets.noRate", scale: 100),
        Column(title: "Offers expired %", figure: "offers.expiryRate", scale: 100),
        Column(title: "Offers rejected %", figure: "offers.rejectionRate", scale: 100),
        Column(title: "Refused acceptances", figure: "requests.refusedAcceptances"),
        Column(title: "Retries", figure: "requests.retries"),
        Column(title: "Abandoned", figure: "requests.abandoned"),
    ]

    static let waitColumns = [
        Column(title: "Wait mean s", figure: "waits.wait.mean"),
        Column(title: "Wait p90 s", figure: "waits.wait.p90"),
        Column(title: "Negotiation p50 s", figure: "waits.negotiation.p50"),
        Column(title: "Bounded slowdown", figure: "boundedSlowdown.mean"),
    ]

    static let useColumns = [
        Column(title: "Core busy %", figure: "resources.cores.utilisation", scale: 100),
        Column(title: "Core reserved %", figure: "resources.cores.reservedShare", scale: 100),
        Column(title: "Idle held exp. core-h", figure: "resources.cores.expiredIdleHeld"),
        Column(title: "Idle held rej. core-h", figure: "resources.cores.rejectedIdleHeld"),
    ]

    /// Renders the comparison for the terminal: one row per variant, each
    /// cell the mean (± the 95 % half-width with replications). Under each
    /// variant after the baseline a row gives the differences from the
    /// baseline; `~` marks a difference whose interval overlaps the baseline's.
    public func renderText() -> String {
        var text = "Comparison of scenario \(scenarioName)\n"
        text += "  Seed          \(seed)\n"
        text += "  Replications  \(replications)"
        text += replications > 1 ? " (mean ± 95 % confidence half-width, Student t)\n" : "\n"
        text += "  Baseline      \(variants.first?.name ?? "—")\n"
        for variant in variants where !variant.changes.isEmpty {
            text += "  \(variant.name): \(variant.changes.joined(separator: ", "))\n"
        }
        text += "\nRequests and offers\n" + table(Self.offerColumns).render()
        text += "\nWaits\n" + table(Self.waitColumns).render()
        text += "\nUse of cores\n" + table(Self.useColumns).render()
        if variants.count > 1, let baseline = variants.first {
            text += "\n  Rows marked Δ give the difference from \(baseline.name)"
            text += replications > 1 ? "; ~ marks one within the confidence intervals.\n" : ".\n"
        }
        return text
    }

    private func table(_ columns: [Column]) -> TextTable {
        var rows: [[String]] = []
        for (index, variant) in variants.enumerated() {
            let estimates = columns.map { (variant.figure($0.figure), $0.scale) }
            rows.append([variant.name] + estimates.map { value($0.0, scale: $0.1) })
            if index > 0 {
                rows.append(["  Δ"] + estimates.map { difference($0.0, scale: $0.1) })
            }
        }
        return TextTable(
            header: ["Variant"] + columns.map(\.title),
            alignments: [.left] + Array(repeating: .right, count: columns.count), rows: rows)
    }

    func value(_ estimate: FigureEstimate?, scale: Double) -> String {
        guard let estimate else { return TextFormat.absent }
        var text = Self.format(estimate.mean * scale)
        if let low = estimate.low, let high = estimate.high {
            text += " ±" + Self.format((high - low) / 2 * scale)
        }
        return text
    }

    func difference(_ estimate: FigureEstimate?, scale: Double) -> String {
        guard let difference = estimate?.difference else { return TextFormat.absent }
        let sign = difference * scale >= 0 ? "+" : ""
        let marker = estimate?.overlapsBaseline == true ? "~" : " "
        return sign + Self.format(difference * scale) + marker
    }

    /// Formats a value with one decimal below 1000 and none above.
    static func format(_ value: Double) -> String {
        abs(value) >= 1000 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }

    /// Encodes the comparison as `summary.json`: pretty-printed, keys sorted,
    /// with a trailing newline.
    public func jsonData() -> Data {
        summaryJSON(self)
    }

    /// Renders `summary.csv`: one line per variant and figure with the mean,
    /// the interval, the difference from the baseline and the overlap flag.
    public func csvText() -> String {
        var text = "variant,scope,site,figure,count,mean,low,high,difference,overlaps_baseline\n"
        for variant in variants {
            for figure in variant.figures {
                let fields = [
                    variant.name, figure.scope, figure.site ?? "", figure.name,
                    String(figure.count), RunSummary.formatNumber(figure.mean),
                    figure.low.map(RunSummary.formatNumber) ?? "",
                    figure.high.map(RunSummary.formatNumber) ?? "",
                    figure.difference.map(RunSummary.formatNumber) ?? "",
                    figure.overlapsBaseline.map { $0 ? "true" : "false" } ?? "",
                ]
                text += fields.map(RunSummary.csvField).joined(separator: ",") + "\n"
            }
        }
        return text
    }
}

extension ExperimentSummary {
    /// Builds the comparison tables as one table for `report.html`: the columns of
    /// both text tables, a row per variant and a Δ row after each variant
    /// but the baseline, with overlapping differences flagged.
    public func reportTable() -> ReportTable {
        let columns = Self.offerColumns + Self.waitColumns + Self.useColumns
        var rows: [[ReportCell]] = []
        for (index, variant) in variants.enumerated() {
            let estimates = columns.map { (variant.figure($0.figure), $0.scale) }
            rows.append(
                [ReportCell(variant.name)]
                    + estimates.map { ReportCell(value($0.0, scale: $0.1)) })
            guard index > 0 else { continue }
            rows.append(
                [ReportCell("Δ \(variant.name)")]
                    + estimates.map {
                        ReportCell(
                            difference($0.0, scale: $0.1).trimmingCharacters(in: ["~", " "]),
                            overlapsBaseline: $0.0?.overlapsBaseline == true)
                    })
        }
        return ReportTable(headers: ["Variant"] + columns.map(\.title), rows: rows)
    }

    /// Returns the mean and interval of a run-scope figure of a variant, for plots.
    public func estimate(_ name: String, variant: Int) -> Estimate? {
        guard let figure = variants[variant].figure(name) else { return nil }
        return Estimate(
            mean: figure.mean, low: figure.low ?? figure.mean, high: figure.high ?? figure.mean)
    }
}
