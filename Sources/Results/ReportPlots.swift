import Foundation

/// The empirical distribution function of waits, down-sampled for plotting.
enum WaitDistribution {
    /// Returns points `(x, y)` of the empirical CDF of `sortedValues`: `y` is the fraction of
    /// values at or below `x`. The points sit at about `maxPoints` evenly spaced quantiles,
    /// always including the smallest value and the largest value (with `y` = 1), so `x` and
    /// `y` both strictly increase. Between two points the true CDF differs from a step by at
    /// most `1 / maxPoints` in `y`. `sortedValues` must be sorted ascending.
    static func points(sortedValues: [Double], maxPoints: Int) -> [(x: Double, y: Double)] {
        let count = sortedValues.count
        guard count > 0 else { return [] }
        let targets = max(1, maxPoints - 1)

        var candidates = [0]
        for k in 1...targets {
            let index = Int((Double(k) * Double(count) / Double(targets)).rounded(.up)) - 1
            candidates.append(min(count - 1, max(0, index)))
        }

        var points: [(x: Double, y: Double)] = []
        var lastIndex = -1
        for candidate in candidates where candidate > lastIndex {
            let index = lastIndexOfRun(in: sortedValues, from: candidate)
            points.append((sortedValues[index], Double(index + 1) / Double(count)))
            lastIndex = index
        }
        return points
    }

    /// Returns the last index whose value equals `values[start]`, by binary search.
    private static func lastIndexOfRun(in values: [Double], from start: Int) -> Int {
        let value = values[start]
        var low = start
        var high = values.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if values[middle] <= value {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return low
    }
}

/// Ticks of a logarithmic time axis in seconds, at familiar units from seconds to days.
enum TimeTicks {
    static let candidates: [AxisTick] = [
        AxisTick(value: 1, label: "1 s"),
        AxisTick(value: 10, label: "10 s"),
        AxisTick(value: 60, label: "1 min"),
        AxisTick(value: 600, label: "10 min"),
        AxisTick(value: 3600, label: "1 h"),
        AxisTick(value: 21_600, label: "6 h"),
        AxisTick(value: 86_400, label: "1 d"),
        AxisTick(value: 604_800, label: "7 d"),
        AxisTick(value: 2_592_000, label: "30 d"),
        AxisTick(value: 31_536_000, label: "365 d"),
    ]

    /// Returns the upper end of a time axis from 1 s that shows `maxSeconds`: the first
    /// candidate tick at or above it, and at least 10 s.
    static func upperBound(forMaximum maxSeconds: Double) -> Double {
        let shownMaximum = max(10, maxSeconds)
        return candidates.first { $0.value >= shownMaximum }?.value ?? shownMaximum
    }

    static func ticks(upTo upper: Double) -> [AxisTick] {
        candidates.filter { $0.value <= upper }
    }
}

/// The plots of the HTML report, each built on `PlotCanvas`.
enum ReportPlots {
    static let waitAxisLower = 1.0
    static let cdfMaxPoints = 400
    /// Buckets per line in a utilisation panel, about one per 3 px of its plot area.
    static let maxUtilisationPoints = 150

    static func legend(_ variants: [VariantReport], kind: LegendEntry.Kind) -> [LegendEntry] {
        variants.enumerated().map {
            LegendEntry(label: $0.element.name, style: .variant($0.offset), kind: kind)
        }
    }

    /// Returns the empirical CDF of the waits, one stepped line per variant on a log axis
    /// from 1 s. Waits under 1 s, including zero, are drawn at 1 s.
    static func waitDistribution(_ variants: [VariantReport], id: String) -> String {
        var samples: [[Double]] = []
        for variant in variants {
            var waits = variant.waitSeconds.filter(\.isFinite)
            if !waits.isSorted() {
                waits.sort()
            }
            samples.append(waits)
        }
        let maximum = samples.compactMap(\.last).max() ?? 10
        let upper = TimeTicks.upperBound(forMaximum: maximum)
        let xAxis = PlotAxis.logarithmic(
            title: "Wait from first request to RUNNING (log scale, waits under 1 s drawn at 1 s)",
            lower: waitAxisLower, upper: upper, ticks: TimeTicks.ticks(upTo: upper))
        let yAxis = PlotAxis.linear(title: "Fraction of jobs", lower: 0, upper: 1)
        var canvas = PlotCanvas(
            id: id, width: 900, height: 400, title: "Wait time distribution (empirical CDF)",
            xAxis: xAxis, yAxis: yAxis, legend: legend(variants, kind: .line))

        for (index, waits) in samples.enumerated() {
            let points = WaitDistribution.points(sortedValues: waits, maxPoints: cdfMaxPoints)
            guard let first = points.first else { continue }
            let style = SeriesStyle.variant(index)
            var pixels = [(canvas.px(first.x), canvas.py(0))]
            var previousY = 0.0
            for point in points {
                pixels.append((canvas.px(point.x), canvas.py(previousY)))
                pixels.append((canvas.px(point.x), canvas.py(point.y)))
                previousY = point.y
            }
            pixels.append((canvas.plotRight, canvas.py(1)))
            canvas.addPolyline(pixels, style: style)

            // Markers at staggered fractions of jobs, so that curves differ in shape too.
            let offset = Double(index % 4) * 0.04
            for fraction in [0.1, 0.3, 0.5, 0.7, 0.9] {
                if let point = points.first(where: { $0.y >= fraction + offset }) {
                    canvas.addMarker(at: point, style: style)
                }
            }
        }
        return canvas.render()
    }

    /// Returns grouped bars of the offer outcomes per replication, with whiskers at the 95 %
    /// confidence interval when there are several replications.
    static func offerOutcomes(_ variants: [VariantReport], replications: Int, id: String)
        -> String
    {
        let categories = [
            "Accepted offers", "Rejected offers", "Expired offers", "Offer sets answered NO",
        ]
        func estimates(_ outcomes: OfferOutcomes) -> [Estimate] {
            [outcomes.accepted, outcomes.rejected, outcomes.expired, outcomes.answeredNo]
        }
        let showsWhiskers = replications > 1
        let highest =
            variants.flatMap { estimates($0.outcomes) }
            .map { showsWhiskers ? max($0.mean, $0.high) : $0.mean }
            .filter(\.isFinite).max() ?? 1
        var canvas = PlotCanvas(
            id: id, width: 900, height: 380, title: "Offer outcomes",
            xAxis: .categories(title: "Outcome", labels: categories),
            yAxis: .linear(title: "Count per replication (mean)", lower: 0, upper: highest),
            legend: legend(variants, kind: .bar))
        for (slot, variant) in variants.enumerated() {
            for (category, estimate) in estimates(variant.outcomes).enumerated() {
                addBar(
                    to: &canvas, estimate: estimate, category: category, slot: slot,
                    slotCount: variants.count, showsWhiskers: showsWhiskers,
                    tooltip: "\(variant.name), \(categories[category])")
            }
        }
        return canvas.render()
    }

    /// Returns one bar per variant of the resource-hours held by offers that expired.
    static func heldByExpiredOffers(
        _ variants: [VariantReport], replications: Int, unit: String, id: String,
        offers: String = "expired", estimate: (VariantReport) -> Estimate?
    ) -> String {
        let showsWhiskers = replications > 1
        let values = variants.map(estimate)
        let highest =
            values.compactMap { $0 }
            .map { showsWhiskers ? max($0.mean, $0.high) : $0.mean }
            .filter(\.isFinite).max() ?? 1
        var canvas = PlotCanvas(
            id: id, width: 440, height: 340, title: "\(unit) held by \(offers) offers",
            xAxis: .categories(title: "Variant", labels: [""]),
            yAxis: .linear(title: "\(unit) per replication (mean)", lower: 0, upper: highest),
            legend: legend(variants, kind: .bar))
        for (slot, value) in values.enumerated() {
            guard let value else { continue }
            addBar(
                to: &canvas, estimate: value, category: 0, slot: slot,
                slotCount: variants.count, showsWhiskers: showsWhiskers,
                tooltip: "\(variants[slot].name), \(unit)")
        }
        return canvas.render()
    }

    private static func addBar(
        to canvas: inout PlotCanvas, estimate: Estimate, category: Int, slot: Int,
        slotCount: Int, showsWhiskers: Bool, tooltip: String
    ) {
        guard estimate.mean.isFinite else { return }
        let (centre, width) = canvas.barSlot(category: category, slot: slot, slotCount: slotCount)
        var text = "\(tooltip): mean \(ReportNumber.approximate(estimate.mean))"
        let hasInterval = showsWhiskers && estimate.high > estimate.low
        if hasInterval {
            text +=
                ", 95 % CI \(ReportNumber.approximate(estimate.low))"
                + " to \(ReportNumber.approximate(estimate.high))"
        }
        canvas.addBar(
            centre: centre, width: width, value: estimate.mean, style: .variant(slot),
            tooltip: text)
        if hasInterval && estimate.low.isFinite && estimate.high.isFinite {
            canvas.addWhisker(
                centre: centre, low: estimate.low, high: estimate.high,
                capWidth: min(14, width * 0.5))
        }
    }

    /// Returns a panel of one site's busy share over time, one line per variant, or `nil`
    /// when no variant has a series for this site (or GPU figures, with `gpus`).
    static func utilisationPanel(
        site: String, variants: [VariantReport], gpus: Bool, hours: ClosedRange<Double>,
        id: String
    ) -> String? {
        let xAxis = PlotAxis.linear(
            title: "Hours since window start (h)", lower: hours.lowerBound,
            upper: hours.upperBound, targetTickCount: 6, extendsToTicks: false)
        let yAxis = PlotAxis.linear(
            title: gpus ? "Busy GPUs (%)" : "Busy cores (%)", lower: 0, upper: 100)
        let resource = gpus ? "GPUs" : "cores"
        var canvas = PlotCanvas(
            id: id, width: 540, height: 260, title: "\(site): \(resource)", xAxis: xAxis,
            yAxis: yAxis)
        var drewAny = false
        for (index, variant) in variants.enumerated() {
            guard let series = variant.utilisation.first(where: { $0.site == site }),
                series.hasValidBuckets
            else {
                continue
            }
            guard let shares = gpus ? series.gpus : series.cores, !shares.isEmpty else {
                continue
            }
            let (merged, factor) = mergeBuckets(shares, maxCount: maxUtilisationPoints)
            let bucket = series.bucketHours * Double(factor)
            // A bucket without a finite share has no point, so the line joins its neighbours
            // rather than dropping to 0 %.
            let points = merged.enumerated().map {
                (x: series.startHours + (Double($0.offset) + 0.5) * bucket, y: $0.element * 100)
            }.filter { $0.y.isFinite }
            // Five markers per line, shifted per variant so that they do not hide each other.
            let spacing = max(1, points.count / 5)
            let phase = (spacing / 2 + index * max(1, spacing / 6)) % spacing
            let markers = points.enumerated()
                .filter { $0.offset % spacing == phase }
                .map(\.element)
            canvas.addLine(points, style: .variant(index), markerPoints: markers, lineWidth: 1.5)
            drewAny = true
        }
        return drewAny ? canvas.render() : nil
    }

    /// Returns the range of hours that the utilisation series of all variants cover.
    static func utilisationHours(_ variants: [VariantReport]) -> ClosedRange<Double> {
        var lower = Double.infinity
        var upper = -Double.infinity
        for series in variants.flatMap(\.utilisation) where series.hasValidBuckets {
            let count = max(series.cores.count, series.gpus?.count ?? 0)
            lower = min(lower, series.startHours)
            upper = max(upper, series.startHours + Double(count) * series.bucketHours)
        }
        guard lower.isFinite, upper.isFinite, upper > lower else { return 0...1 }
        return lower...upper
    }

    /// Averages runs of `factor` consecutive buckets so that at most `maxCount` remain.
    /// The last merged bucket averages what is left.
    static func mergeBuckets(_ values: [Double], maxCount: Int) -> ([Double], factor: Int) {
        guard values.count > maxCount, maxCount > 0 else { return (values, 1) }
        let factor = (values.count + maxCount - 1) / maxCount
        let merged = stride(from: 0, to: values.count, by: factor).map { start in
            let slice = values[start..<min(values.count, start + factor)]
            return slice.reduce(0, +) / Double(slice.count)
        }
        return (merged, factor)
    }

    /// Returns a legend as its own SVG, entries side by side in rows, for a group of panels.
    static func legendStrip(_ entries: [LegendEntry], id: String, width: Double) -> String {
        var items: [String] = []
        var x = 0.0
        var row = 0
        for entry in entries {
            let label = entry.label
            let itemWidth = 34 + Double(label.count) * PlotCanvas.characterWidth + 24
            if x > 0 && x + itemWidth > width {
                x = 0
                row += 1
            }
            let y = 12 + Double(row) * 22
            items.append(PlotCanvas.legendSwatch(entry, x: x + 2, y: y, idPrefix: id))
            items.append(
                "<text x=\"\(ReportNumber.coordinate(x + 36))\" y=\"\(ReportNumber.coordinate(y))\""
                    + " dy=\"0.35em\" fill=\"#111111\">\(ReportMarkup.escape(label))</text>")
            x += itemWidth
        }
        let height = ReportNumber.coordinate(Double(row + 1) * 22 + 2)
        let widthText = ReportNumber.coordinate(width)
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(widthText) \(height)\""
            + " width=\"\(widthText)\" height=\"\(height)\" font-family=\"sans-serif\""
            + " font-size=\"12\" role=\"img\" aria-label=\"Legend\">\n"
            + items.joined(separator: "\n") + "\n</svg>"
    }
}

extension SiteSeries {
    /// Whether the buckets have a positive finite width and a finite start, so that they
    /// can be placed on the time axis. The plots leave out other series.
    fileprivate var hasValidBuckets: Bool {
        bucketHours.isFinite && bucketHours > 0 && startHours.isFinite
    }
}

extension Array where Element == Double {
    fileprivate func isSorted() -> Bool {
        zip(self, dropFirst()).allSatisfy { $0 <= $1 }
    }
}
