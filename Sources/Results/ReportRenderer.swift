import Foundation

/// Renders `ReportData` as one self-contained HTML page: inline CSS and inline SVG plots,
/// with no scripts, no web fonts and no links, so it opens without network access. The
/// output depends only on the data, so the same data always gives the same bytes.
public struct ReportRenderer: Sendable {
    public init() {}

    /// Returns the HTML document, encoded as UTF-8 when written to a file.
    public func render(_ data: ReportData) -> String {
        var body: [String] = []
        body.append(renderHeader(data))
        body.append(renderVariants(data))
        body.append(renderComparison(data.comparison))
        if !data.variants.isEmpty {
            body.append(renderWaits(data))
            body.append(renderOutcomes(data))
            body.append(renderHeld(data))
            body.append(renderUtilisation(data))
        }
        if !data.notes.isEmpty {
            body.append(renderNotes(data.notes))
        }

        let title = ReportMarkup.escape("Simulation report: \(data.scenarioName)")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>
            \(Self.styleSheet)</style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    static let styleSheet = """
        body { font-family: system-ui, sans-serif; font-size: 15px; line-height: 1.45;
          color: #111111; background: #FFFFFF; max-width: 1120px; margin: 0 auto;
          padding: 20px 24px 40px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px;
          border-bottom: 1px solid #BBBBBB; }
        p { margin: 6px 0; }
        .meta { color: #333333; }
        .note { color: #444444; font-size: 14px; max-width: 900px; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #E0E0E0; text-align: right;
          vertical-align: top; }
        th:first-child, td:first-child { text-align: left; }
        thead th { border-bottom: 2px solid #555555; }
        td.overlap { color: #6E6E6E; }
        td.overlap .mark { padding-right: 4px; }
        table.key th, table.key td { text-align: left; }
        table.key td span { display: block; }
        svg { max-width: 100%; height: auto; }
        figure { margin: 12px 0; }
        .panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr));
          gap: 8px 16px; }
        .row { display: flex; flex-wrap: wrap; gap: 16px; }
        @media print {
          body { max-width: none; padding: 0; }
          section, figure { break-inside: avoid; }
        }

        """

    private func renderHeader(_ data: ReportData) -> String {
        let facts = [
            "Seed \(data.seed)",
            "\(data.replications) replication\(data.replications == 1 ? "" : "s") per variant",
            "\(data.variants.count) variant\(data.variants.count == 1 ? "" : "s")",
            "\(data.sites.count) site\(data.sites.count == 1 ? "" : "s"): "
                + data.sites.joined(separator: ", "),
        ]
        return """
            <header>
            <h1>\(ReportMarkup.escape("Simulation report: \(data.scenarioName)"))</h1>
            <p class="meta">\(ReportMarkup.escape(facts.joined(separator: " \u{00B7} ")))</p>
            </header>
            """
    }

    /// Returns the key of the variants: each one's line and bar style, name and settings.
    private func renderVariants(_ data: ReportData) -> String {
        var rows: [String] = []
        for (index, variant) in data.variants.enumerated() {
            let style = SeriesStyle.variant(index)
            let idPrefix = "key\(index)"
            let swatch =
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 16\" width=\"64\""
                + " height=\"16\" aria-hidden=\"true\">"
                + (style.hatch == .solid
                    ? "" : "<defs>\(PlotCanvas.hatchDefinition(style, idPrefix: idPrefix))</defs>")
                + PlotCanvas.legendSwatch(
                    LegendEntry(label: "", style: style, kind: .line), x: 2, y: 8,
                    idPrefix: idPrefix)
                + PlotCanvas.legendSwatch(
                    LegendEntry(label: "", style: style, kind: .bar), x: 34, y: 8,
                    idPrefix: idPrefix)
                + "</svg>"
            let name =
                ReportMarkup.escape(variant.name) + (index == 0 ? " <em>(baseline)</em>" : "")
            let settings = variant.settings.map { "<span>\(ReportMarkup.escape($0))</span>" }
            rows.append(
                "<tr><td>\(swatch)</td><td>\(name)</td>"
                    + "<td>\(settings.joined())</td></tr>")
        }
        return """
            <section id="variants">
            <h2>Variants</h2>
            <table class="key">
            <thead><tr><th>Style</th><th>Variant</th><th>Settings</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            </section>
            """
    }

    /// Data columns per comparison table, so that each fits the page width.
    static let comparisonColumnsPerTable = 8

    /// Renders the comparison as tables of at most `comparisonColumnsPerTable`
    /// data columns each, every one starting with the variant column.
    private func renderComparison(_ table: ReportTable) -> String {
        let width = table.headers.count
        guard width > 1 else { return renderComparisonTables([table]) }
        var parts: [ReportTable] = []
        for start in stride(from: 1, to: width, by: Self.comparisonColumnsPerTable) {
            let columns = [0] + Array(start..<min(width, start + Self.comparisonColumnsPerTable))
            parts.append(
                ReportTable(
                    headers: columns.map { table.headers[$0] },
                    rows: table.rows.map { row in
                        columns.filter { $0 < row.count }.map { row[$0] }
                    }))
        }
        return renderComparisonTables(parts)
    }

    private func renderComparisonTables(_ tables: [ReportTable]) -> String {
        var lines = [
            "<section id=\"comparison\">",
            "<h2>Comparison with the baseline</h2>",
        ]
        var anyOverlap = false
        for table in tables {
            let (markup, overlaps) = renderComparisonTable(table)
            lines.append(markup)
            anyOverlap = anyOverlap || overlaps
        }
        if anyOverlap {
            lines.append(
                "<p class=\"note\">\(Self.overlapMark) in grey: the value&#39;s 95 % confidence"
                    + " interval overlaps the baseline&#39;s, so these replications show no clear"
                    + " difference from the baseline.</p>")
        }
        lines.append("</section>")
        return lines.joined(separator: "\n")
    }

    private func renderComparisonTable(_ table: ReportTable) -> (String, Bool) {
        let headers = table.headers.map { "<th>\(ReportMarkup.escape($0))</th>" }
        var rows: [String] = []
        var anyOverlap = false
        for row in table.rows {
            var cells: [String] = []
            for cell in row {
                let text = ReportMarkup.escape(cell.text)
                if cell.overlapsBaseline {
                    anyOverlap = true
                    cells.append(
                        "<td class=\"overlap\" title=\"95 % CI overlaps the baseline&#39;s\">"
                            + "<span class=\"mark\">\(Self.overlapMark)</span>\(text)</td>")
                } else {
                    cells.append("<td>\(text)</td>")
                }
            }
            rows.append("<tr>\(cells.joined())</tr>")
        }
        let lines =
            ["<table>", "<thead><tr>\(headers.joined())</tr></thead>", "<tbody>"] + rows + [
                "</tbody>", "</table>",
            ]
        return (lines.joined(separator: "\n"), anyOverlap)
    }

    static let overlapMark = "\u{2248}"

    private func renderWaits(_ data: ReportData) -> String {
        let zeroShares = data.variants.map { variant -> String in
            let count = variant.waitSeconds.count
            let under = variant.waitSeconds.filter { $0 <= ReportPlots.waitAxisLower }.count
            let share =
                count == 0
                ? "no jobs"
                : ReportNumber.fixed(
                    Double(under) / Double(count) * 100, decimals: 1) + " %"
            return "\(variant.name) \(share)"
        }
        return """
            <section id="waits">
            <h2>Wait until RUNNING</h2>
            <figure>
            \(ReportPlots.waitDistribution(data.variants, id: "waits"))
            </figure>
            <p class="note">Each curve gives the fraction of jobs, pooled over all replications, \
            that waited at most the time on the x axis from their first request to RUNNING. \
            The axis starts at 1 s, so a curve starts at the share of jobs that waited at \
            most 1 s: \(ReportMarkup.escape(zeroShares.joined(separator: "; "))).</p>
            </section>
            """
    }

    private func renderOutcomes(_ data: ReportData) -> String {
        let whiskers =
            data.replications > 1
            ? "Whiskers show the 95 % confidence interval over the replications."
            : "With one replication there is no confidence interval."
        return """
            <section id="outcomes">
            <h2>Offer outcomes</h2>
            <figure>
            \(ReportPlots.offerOutcomes(data.variants, replications: data.replications, id: "outcomes"))
            </figure>
            <p class="note">Bars show the mean number per replication. \(whiskers)</p>
            </section>
            """
    }

    private func renderHeld(_ data: ReportData) -> String {
        var figures = [
            ReportPlots.heldByExpiredOffers(
                data.variants, replications: data.replications, unit: "Core-hours",
                id: "held-cores", estimate: { $0.idleHeldExpired })
        ]
        if data.variants.contains(where: { $0.idleHeldExpiredGPU != nil }) {
            figures.append(
                ReportPlots.heldByExpiredOffers(
                    data.variants, replications: data.replications, unit: "GPU-hours",
                    id: "held-gpus", estimate: { $0.idleHeldExpiredGPU }))
        }
        let showsRejected = data.variants.contains { $0.idleHeldRejected != nil }
        if showsRejected {
            figures.append(
                ReportPlots.heldByExpiredOffers(
                    data.variants, replications: data.replications, unit: "Core-hours",
                    id: "held-rejected", offers: "rejected", estimate: { $0.idleHeldRejected }))
        }
        let rejectedNote =
            showsRejected
            ? " Offers that were rejected, mostly siblings of the offer a client accepted, "
                + "held their capacity in the same way until the acceptance."
            : ""
        return """
            <section id="held">
            <h2>Capacity held by offers that expired</h2>
            <div class="row">
            \(figures.map { "<figure>\n\($0)\n</figure>" }.joined(separator: "\n"))
            </div>
            <p class="note">Resources that an offer reserved until it expired unaccepted, \
            which no other job could use meanwhile.\(rejectedNote) Bars show the mean per \
            replication\
            \(data.replications > 1 ? ", whiskers the 95 % confidence interval" : "").</p>
            </section>
            """
    }

    private func renderUtilisation(_ data: ReportData) -> String {
        let hours = ReportPlots.utilisationHours(data.variants)
        var panels: [String] = []
        for (index, site) in data.sites.enumerated() {
            for gpus in [false, true] {
                let id = "site\(index)-\(gpus ? "gpus" : "cores")"
                if let panel = ReportPlots.utilisationPanel(
                    site: site, variants: data.variants, gpus: gpus, hours: hours, id: id)
                {
                    panels.append("<figure>\n\(panel)\n</figure>")
                }
            }
        }
        let legend = ReportPlots.legendStrip(
            ReportPlots.legend(data.variants, kind: .line), id: "utilisation-legend",
            width: 1060)
        return """
            <section id="utilisation">
            <h2>Utilisation per site</h2>
            <p class="note">Busy share of each site&#39;s cores (and GPUs, where a site has \
            them) per time bucket, from the first replication of each variant.</p>
            \(legend)
            <div class="panels">
            \(panels.joined(separator: "\n"))
            </div>
            </section>
            """
    }

    private func renderNotes(_ notes: [String]) -> String {
        let items = notes.map { "<li>\(ReportMarkup.escape($0))</li>" }
        return """
            <section id="notes">
            <h2>Notes</h2>
            <ul>
            \(items.joined(separator: "\n"))
            </ul>
            </section>
            """
    }
}

extension ReportData {
    /// Returns the HTML report of this data, as `ReportRenderer().render(self)` does.
    public func renderHTML() -> String {
        ReportRenderer().render(self)
    }
}
