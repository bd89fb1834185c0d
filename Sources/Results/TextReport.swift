import Foundation

extension RunSummary {
    /// Renders the summary as text for a terminal: sections of aligned figures and two
    /// per-site tables, with units in the headers and "—" for absent figures. Lines stay
    /// under 120 columns unless site names or the workload report lines are long.
    public func renderText() -> String {
        var sections: [String] = []
        sections.append(renderRunSection())
        sections.append(renderRequestsSection())
        sections.append(renderOffersSection())
        sections.append(renderWaitsSection())
        sections.append(renderUtilisationSection())
        if !sites.isEmpty {
            sections.append(renderSiteOffersTable())
            sections.append(renderSiteResourcesTable())
        }
        return sections.joined(separator: "\n")
    }

    private func renderRunSection() -> String {
        let windowSeconds = TextFormat.seconds(windowEndMs - windowStartMs)
        var rows: [[String]] = [
            ["Seed", String(seed)],
            ["Policy", policyName],
            ["Window", "\(windowStart) to \(windowEnd) (\(windowSeconds) s)"],
            ["Workload jobs", String(workloadJobs)],
        ]
        for (index, line) in workloadReport.enumerated() {
            rows.append([index == 0 ? "Workload report" : "", line])
        }
        let table = TextTable(alignments: [.left, .left], rows: rows)
        return "Run of scenario \(scenarioName)\n" + table.render()
    }

    private func renderRequestsSection() -> String {
        let rows: [[String]] = [
            ["Jobs", String(requests.requests), ""],
            [
                "Jobs with a session", String(requests.requestsWithSession),
                TextFormat.percentWithSign(requests.acceptanceRate),
            ],
            ["Requests sent, retries included", String(requests.requests + requests.retries), ""],
            ["Retries", String(requests.retries), ""],
            ["Abandoned", String(requests.abandoned), ""],
            ["Refused acceptances", String(requests.refusedAcceptances), ""],
            ["Offer sets", String(offerSets.total), ""],
            ["Offer sets YES", String(offerSets.yes), ""],
            ["Offer sets NO", String(offerSets.no), TextFormat.percentWithSign(offerSets.noRate)],
        ]
        let table = TextTable(alignments: [.left, .right, .right], rows: rows)
        return "Requests\n" + table.render()
    }

    private func renderOffersSection() -> String {
        let rows: [[String]] = [
            ["Offers made", String(offers.made), ""],
            [
                "Accepted", String(offers.accepted),
                TextFormat.percentWithSign(offers.acceptanceRate),
            ],
            [
                "Rejected", String(offers.rejected),
                TextFormat.percentWithSign(offers.rejectionRate),
            ],
            ["Expired", String(offers.expired), TextFormat.percentWithSign(offers.expiryRate)],
            ["Still offered at the end", String(offers.stillOffered), ""],
            ["Jobs run", String(sessions.jobsRun), ""],
            ["Sessions completed", String(sessions.completed), ""],
            ["Sessions failed", String(sessions.failed), ""],
            ["Sessions cancelled", String(sessions.cancelled), ""],
        ]
        let table = TextTable(alignments: [.left, .right, .right], rows: rows)
        return "Offers and sessions\n" + table.render()
    }

    private func renderWaitsSection() -> String {
        func row(_ label: String, _ distribution: Statistics, _ format: (Double) -> String)
            -> [String]
        {
            [
                label, String(distribution.count),
                distribution.mean.map(format) ?? TextFormat.absent,
                distribution.p50.map(format) ?? TextFormat.absent,
                distribution.p90.map(format) ?? TextFormat.absent,
                distribution.p99.map(format) ?? TextFormat.absent,
                distribution.max.map(format) ?? TextFormat.absent,
            ]
        }
        let rows: [[String]] = [
            row("Wait (s)", waits.wait, TextFormat.seconds),
            row("Negotiation (s)", waits.negotiation, TextFormat.seconds),
            row("Queueing (s)", waits.queueing, TextFormat.seconds),
            row("Bounded slowdown", boundedSlowdown, TextFormat.ratio),
        ]
        let table = TextTable(
            header: ["", "Count", "Mean", "p50", "p90", "p99", "Max"],
            alignments: [.left] + Array(repeating: .right, count: 6), rows: rows)
        return "Waits\n" + table.render()
    }

    private func renderUtilisationSection() -> String {
        func row(_ label: String, _ resource: ResourceFigures, unit: String) -> [String] {
            [
                label, TextFormat.percent(resource.utilisation),
                TextFormat.percent(resource.reservedShare),
                TextFormat.hours(resource.expiredIdleHeld),
                TextFormat.hours(resource.rejectedIdleHeld), unit,
            ]
        }
        let rows: [[String]] = [
            row("Cores", resources.cores, unit: "core-h"),
            row("Memory", resources.memory, unit: "GiB-h"),
            row("GPUs", resources.gpus, unit: "GPU-h"),
        ]
        let table = TextTable(
            header: [
                "", "Busy %", "Reserved %", "Idle held, expired", "Idle held, rejected", "Unit",
            ],
            alignments: [.left, .right, .right, .right, .right, .left], rows: rows)
        return "Utilisation (all sites)\n" + table.render()
    }

    private func renderSiteOffersTable() -> String {
        let rows: [[String]] = sites.map { site in
            [
                site.name, String(site.offers.made), String(site.offers.accepted),
                String(site.offers.rejected), String(site.offers.expired),
                String(site.refusedAcceptances), TextFormat.percent(site.offers.acceptanceRate),
                TextFormat.percent(site.offers.expiryRate),
                site.waits.wait.p50.map(TextFormat.seconds) ?? TextFormat.absent,
                site.waits.wait.p90.map(TextFormat.seconds) ?? TextFormat.absent,
                String(site.sessions.jobsRun),
            ]
        }
        let table = TextTable(
            header: [
                "Site", "Offers", "Accepted", "Rejected", "Expired", "Refused", "Accept %",
                "Expiry %", "Wait p50 s", "Wait p90 s", "Jobs run",
            ],
            alignments: [.left] + Array(repeating: .right, count: 10), rows: rows)
        return "Offers by site\n" + table.render()
    }

    private func renderSiteResourcesTable() -> String {
        let rows: [[String]] = sites.map { site in
            let use = site.resources
            return [
                site.name, TextFormat.percent(use.cores.utilisation),
                TextFormat.percent(use.cores.reservedShare),
                TextFormat.percent(use.memory.utilisation),
                TextFormat.percent(use.memory.reservedShare),
                TextFormat.percent(use.gpus.utilisation),
                TextFormat.percent(use.gpus.reservedShare),
                TextFormat.hours(use.cores.expiredIdleHeld),
                TextFormat.hours(use.cores.rejectedIdleHeld),
            ]
        }
        let table = TextTable(
            header: [
                "Site", "Core busy %", "Core rsv %", "Mem busy %", "Mem rsv %", "GPU busy %",
                "GPU rsv %", "Idle core-h exp", "Idle core-h rej",
            ],
            alignments: [.left] + Array(repeating: .right, count: 8), rows: rows)
        return
            "Resources by site (rsv: reserved; idle core-h: held by expired or rejected offers)\n"
            + table.render()
    }
}

/// Number formats of the text report. `String(format:)` without a locale always writes
/// "." as the decimal separator.
enum TextFormat {
    /// The text shown for an absent figure.
    static let absent = "—"

    static func seconds(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    static func seconds(_ milliseconds: Int64) -> String {
        seconds(Double(milliseconds) / 1000)
    }

    static func ratio(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    static func hours(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    /// Formats a fraction as a percentage without the sign, or "—" when absent.
    static func percent(_ fraction: Double?) -> String {
        guard let fraction else { return absent }
        return String(format: "%.1f", fraction * 100)
    }

    /// Formats a fraction as a percentage with a "%" sign, or "—" when absent.
    static func percentWithSign(_ fraction: Double?) -> String {
        guard let fraction else { return absent }
        return String(format: "%.1f %%", fraction * 100)
    }
}

/// A table of text cells padded to aligned columns, indented by two spaces, with two
/// spaces between columns and no trailing spaces.
struct TextTable {
    enum Alignment {
        case left
        case right
    }

    var header: [String]?
    var alignments: [Alignment]
    var rows: [[String]]

    init(header: [String]? = nil, alignments: [Alignment], rows: [[String]]) {
        self.header = header
        self.alignments = alignments
        self.rows = rows
    }

    func render() -> String {
        let allRows = (header.map { [$0] } ?? []) + rows
        var widths = Array(repeating: 0, count: alignments.count)
        for row in allRows {
            for (column, cell) in row.enumerated() {
                widths[column] = max(widths[column], cell.count)
            }
        }

        var lines: [String] = []
        if let header {
            lines.append(renderLine(header, widths: widths))
            let rule = widths.map { String(repeating: "-", count: $0) }
            lines.append(renderLine(rule, widths: widths))
        }
        for row in rows {
            lines.append(renderLine(row, widths: widths))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    private func renderLine(_ cells: [String], widths: [Int]) -> String {
        var line = " "
        for (column, cell) in cells.enumerated() {
            let padding = String(repeating: " ", count: widths[column] - cell.count)
            switch alignments[column] {
            case .left: line += " " + cell + padding
            case .right: line += " " + padding + cell
            }
            if column < cells.count - 1 {
                line += " "
            }
        }
        while line.last == " " {
            line.removeLast()
        }
        return line
    }
}
