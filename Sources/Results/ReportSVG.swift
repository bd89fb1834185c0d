import Foundation

/// A labelled tick on a plot axis.
struct AxisTick: Equatable {
    var value: Double
    var label: String
}

/// One axis of a plot: its scale, range, ticks and title. `fraction(of:)` maps a data value
/// to 0 at the lower end and 1 at the upper end.
struct PlotAxis {
    enum Scale: Equatable {
        case linear
        case logarithmic
        /// Category `i` of `count` sits at the centre of band `i`. Values are indices.
        case categorical(count: Int)
    }

    var title: String
    var scale: Scale
    var lower: Double
    var upper: Double
    var ticks: [AxisTick]
    /// Whether grid lines run across the plot area at the ticks.
    var showsGrid: Bool

    /// Creates a linear axis with ticks at nice numbers. With `extendsToTicks` the axis grows
    /// to the nice ticks around `lower...upper`, otherwise it covers exactly that range and
    /// shows only the ticks inside it. `label` formats a tick value given the decimals its
    /// step needs.
    static func linear(
        title: String, lower: Double, upper: Double, targetTickCount: Int = 5,
        extendsToTicks: Bool = true,
        label: (Double, Int) -> String = { ReportNumber.fixed($0, decimals: $1) }
    ) -> PlotAxis {
        var (values, step) = NiceTicks.linear(
            lower: lower, upper: upper, targetCount: targetTickCount)
        var axisLower = values.first ?? 0
        var axisUpper = values.last ?? 1
        if !extendsToTicks && lower.isFinite && upper.isFinite && upper > lower {
            // A tiny tolerance keeps a tick that sits on a bound after rounding.
            let tolerance = (upper - lower) * 1e-9
            values = values.filter { $0 >= lower - tolerance && $0 <= upper + tolerance }
            axisLower = lower
            axisUpper = upper
        }
        let ticks = values.map { AxisTick(value: $0, label: label($0, step.decimals)) }
        return PlotAxis(
            title: title, scale: .linear, lower: axisLower, upper: axisUpper, ticks: ticks,
            showsGrid: true)
    }

    /// Creates a logarithmic axis over `lower...upper`. Both bounds must be positive.
    static func logarithmic(title: String, lower: Double, upper: Double, ticks: [AxisTick])
        -> PlotAxis
    {
        PlotAxis(
            title: title, scale: .logarithmic, lower: lower, upper: upper, ticks: ticks,
            showsGrid: true)
    }

    /// Creates a categorical axis with one band per label.
    static func categories(title: String, labels: [String]) -> PlotAxis {
        let ticks = labels.enumerated().map {
            AxisTick(value: Double($0.offset), label: $0.element)
        }
        return PlotAxis(
            title: title, scale: .categorical(count: labels.count), lower: 0,
            upper: Double(max(1, labels.count)), ticks: ticks, showsGrid: false)
    }

    /// Maps `value` to the axis, 0 at `lower` and 1 at `upper`. Values outside the range are
    /// clamped to it. On a logarithmic axis, zero and negative values map to 0.
    func fraction(of value: Double) -> Double {
        let result: Double
        switch scale {
        case .linear:
            result = upper > lower ? (value - lower) / (upper - lower) : 0
        case .logarithmic:
            guard value > 0, upper > lower, lower > 0 else { return 0 }
            result = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        case .categorical(let count):
            result = count > 0 ? (value + 0.5) / Double(count) : 0
        }
        guard result.isFinite else { return 0 }
        return min(1, max(0, result))
    }
}

/// Marker shapes drawn on lines, so that series differ in shape as well as in colour.
enum MarkerShape: CaseIterable {
    case circle
    case square
    case triangleUp
    case diamond
    case triangleDown
    case plus
    case cross
    case star
}

/// Fill patterns of bars, so that bars differ in texture as well as in colour.
enum HatchPattern: CaseIterable {
    case solid
    case diagonal
    case dots
    case horizontal
    case crossHatch
    case antidiagonal
    case vertical
    case grid
}

/// Drawing style of one series (a variant): a colour of the Okabe–Ito palette, plus a dash
/// pattern, a marker shape and a bar hatch that still separate series in greyscale.
struct SeriesStyle: Equatable {
    var index: Int
    var colour: String
    /// SVG `stroke-dasharray`, `nil` for a solid line.
    var dash: String?
    var marker: MarkerShape
    var hatch: HatchPattern

    /// The Okabe–Ito palette for colour-blind readers, ordered so that yellow, which is hard
    /// to see on white, comes last.
    static let palette = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
    ]
    static let dashes: [String?] = [nil, "9 4", "2 3", "10 3 2 3", "5 5", "14 3 2 3 2 3"]

    /// Returns the style of series `index`. Styles repeat after eight series.
    static func variant(_ index: Int) -> SeriesStyle {
        let slot = index % palette.count
        return SeriesStyle(
            index: slot, colour: palette[slot], dash: dashes[slot % dashes.count],
            marker: MarkerShape.allCases[slot % MarkerShape.allCases.count],
            hatch: HatchPattern.allCases[slot % HatchPattern.allCases.count])
    }
}

/// A legend entry: a line sample with a marker, or a bar swatch.
struct LegendEntry {
    enum Kind {
        case line
        case bar
    }

    var label: String
    var style: SeriesStyle
    var kind: Kind
}

/// A 2-D plot drawn as an SVG element: title, axes with ticks and titles, grid, content and
/// a legend to the right of the plot area. Plots add their marks in data coordinates or in
/// pixels, then call `render()`.
struct PlotCanvas {
    /// Prefix of the element ids, unique within the HTML document because inline SVGs share
    /// one id namespace.
    var id: String
    var width: Double
    var height: Double
    var title: String
    var xAxis: PlotAxis
    var yAxis: PlotAxis
    var legend: [LegendEntry]

    private(set) var plotLeft: Double
    private(set) var plotRight: Double
    private(set) var plotTop: Double
    private(set) var plotBottom: Double

    private var marks: [String] = []
    private var hatchesUsed: [SeriesStyle] = []

    static let fontSize = 12.0
    /// Estimated width of one character at `fontSize` in a sans-serif font. SVG text cannot be
    /// measured without a script, so layout uses this estimate.
    static let characterWidth = 6.8
    static let legendLineLength = 28

    init(
        id: String, width: Double, height: Double, title: String, xAxis: PlotAxis,
        yAxis: PlotAxis, legend: [LegendEntry] = []
    ) {
        self.id = id
        self.width = width
        self.height = height
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.legend = legend

        let widestTick = yAxis.ticks.map(\.label.count).max() ?? 1
        plotLeft = 28 + Double(widestTick) * Self.characterWidth + 10
        plotTop = title.isEmpty ? 14 : 36
        plotBottom = height - 48
        var rightMargin = 16.0
        if !legend.isEmpty {
            let widest = legend.flatMap { Self.wrap($0.label) }.map(\.count).max() ?? 0
            rightMargin = 20 + 34 + Double(widest) * Self.characterWidth + 8
        }
        plotRight = width - rightMargin
    }

    /// Returns the pixel column of an x value.
    func px(_ value: Double) -> Double {
        plotLeft + xAxis.fraction(of: value) * (plotRight - plotLeft)
    }

    /// Returns the pixel row of a y value.
    func py(_ value: Double) -> Double {
        plotBottom - yAxis.fraction(of: value) * (plotBottom - plotTop)
    }

    /// Returns the centre and width in pixels of bar `slot` of `slotCount` within category
    /// `category` of a categorical x axis. The bars of a category fill 80 % of its band.
    func barSlot(category: Int, slot: Int, slotCount: Int) -> (centre: Double, width: Double) {
        let count: Int
        if case .categorical(let categories) = xAxis.scale {
            count = max(1, categories)
        } else {
            count = 1
        }
        let band = (plotRight - plotLeft) / Double(count)
        let barWidth = band * 0.8 / Double(max(1, slotCount))
        let groupLeft = plotLeft + band * Double(category) + band * 0.1
        return (groupLeft + barWidth * (Double(slot) + 0.5), barWidth)
    }

    /// Adds a line through `points` in data coordinates, with markers at `markerPoints`.
    mutating func addLine(
        _ points: [(x: Double, y: Double)], style: SeriesStyle,
        markerPoints: [(x: Double, y: Double)] = [], lineWidth: Double = 2
    ) {
        guard !points.isEmpty else { return }
        let pixels = points.map { (px($0.x), py($0.y)) }
        addPolyline(pixels, style: style, lineWidth: lineWidth)
        for point in markerPoints {
            marks.append(Self.marker(style: style, x: px(point.x), y: py(point.y)))
        }
    }

    /// Adds a marker at a point in data coordinates.
    mutating func addMarker(at point: (x: Double, y: Double), style: SeriesStyle) {
        marks.append(Self.marker(style: style, x: px(point.x), y: py(point.y)))
    }

    /// Adds a line through `pixels`, in pixel coordinates.
    mutating func addPolyline(
        _ pixels: [(Double, Double)], style: SeriesStyle, lineWidth: Double = 2
    ) {
        let coordinates = pixels.map {
            ReportNumber.coordinate($0.0) + "," + ReportNumber.coordinate($0.1)
        }
        var element =
            "<polyline fill=\"none\" stroke=\"\(style.colour)\""
            + " stroke-width=\"\(ReportNumber.coordinate(lineWidth))\""
        if let dash = style.dash {
            element += " stroke-dasharray=\"\(dash)\""
        }
        element += " stroke-linejoin=\"round\" points=\"\(coordinates.joined(separator: " "))\"/>"
        marks.append(element)
    }

    /// Adds a bar from 0 to `value` with its centre and width in pixels. `tooltip` becomes an
    /// SVG `<title>` that browsers show on hover.
    mutating func addBar(
        centre: Double, width: Double, value: Double, style: SeriesStyle, tooltip: String
    ) {
        let base = py(max(0, yAxis.lower))
        let top = py(value)
        let fill = hatchFill(style)
        marks.append(
            "<rect x=\"\(ReportNumber.coordinate(centre - width / 2))\""
                + " y=\"\(ReportNumber.coordinate(min(base, top)))\""
                + " width=\"\(ReportNumber.coordinate(width))\""
                + " height=\"\(ReportNumber.coordinate(abs(base - top)))\""
                + " fill=\"\(fill)\" stroke=\"\(style.colour)\" stroke-width=\"1.5\">"
                + "<title>\(ReportMarkup.escape(tooltip))</title></rect>")
    }

    /// Adds a vertical whisker from `low` to `high` with caps, at a pixel column.
    mutating func addWhisker(centre: Double, low: Double, high: Double, capWidth: Double) {
        let top = ReportNumber.coordinate(py(high))
        let bottom = ReportNumber.coordinate(py(low))
        let x = ReportNumber.coordinate(centre)
        let left = ReportNumber.coordinate(centre - capWidth / 2)
        let right = ReportNumber.coordinate(centre + capWidth / 2)
        marks.append(
            "<path fill=\"none\" stroke=\"#222222\" stroke-width=\"1.5\""
                + " d=\"M\(x),\(top)V\(bottom)M\(left),\(top)H\(right)M\(left),\(bottom)H\(right)\"/>"
        )
    }

    /// Returns the SVG element.
    func render() -> String {
        var lines: [String] = []
        let w = ReportNumber.coordinate(width)
        let h = ReportNumber.coordinate(height)
        lines.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\""
                + " width=\"\(w)\" height=\"\(h)\" font-family=\"sans-serif\""
                + " font-size=\"\(ReportNumber.coordinate(Self.fontSize))\" role=\"img\""
                + " aria-labelledby=\"\(id)-title\">")
        lines.append("<title id=\"\(id)-title\">\(ReportMarkup.escape(title))</title>")
        if !hatchesUsed.isEmpty {
            lines.append("<defs>")
            lines.append(contentsOf: hatchesUsed.map { Self.hatchDefinition($0, idPrefix: id) })
            lines.append("</defs>")
        }
        if !title.isEmpty {
            lines.append(
                "<text x=\"\(ReportNumber.coordinate(plotLeft))\" y=\"20\" font-size=\"14\""
                    + " font-weight=\"bold\" fill=\"#111111\">\(ReportMarkup.escape(title))</text>")
        }
        lines.append(contentsOf: renderGridAndTicks())
        lines.append(contentsOf: marks)
        lines.append(contentsOf: renderFrame())
        lines.append(contentsOf: renderLegend())
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }

    private func renderGridAndTicks() -> [String] {
        var lines: [String] = []
        let left = ReportNumber.coordinate(plotLeft)
        let right = ReportNumber.coordinate(plotRight)
        let top = ReportNumber.coordinate(plotTop)
        let bottom = ReportNumber.coordinate(plotBottom)
        for tick in xAxis.ticks {
            let x = ReportNumber.coordinate(px(tick.value))
            if xAxis.showsGrid {
                lines.append(
                    "<line x1=\"\(x)\" y1=\"\(top)\" x2=\"\(x)\" y2=\"\(bottom)\""
                        + " stroke=\"#DDDDDD\"/>")
            }
            lines.append(
                "<line x1=\"\(x)\" y1=\"\(bottom)\" x2=\"\(x)\""
                    + " y2=\"\(ReportNumber.coordinate(plotBottom + 5))\" stroke=\"#333333\"/>")
            lines.append(
                "<text x=\"\(x)\" y=\"\(ReportNumber.coordinate(plotBottom + 18))\""
                    + " text-anchor=\"middle\" fill=\"#333333\">"
                    + "\(ReportMarkup.escape(tick.label))</text>")
        }
        for tick in yAxis.ticks {
            let y = ReportNumber.coordinate(py(tick.value))
            if yAxis.showsGrid {
                lines.append(
                    "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(right)\" y2=\"\(y)\""
                        + " stroke=\"#DDDDDD\"/>")
            }
            lines.append(
                "<line x1=\"\(ReportNumber.coordinate(plotLeft - 5))\" y1=\"\(y)\""
                    + " x2=\"\(left)\" y2=\"\(y)\" stroke=\"#333333\"/>")
            lines.append(
                "<text x=\"\(ReportNumber.coordinate(plotLeft - 8))\" y=\"\(y)\""
                    + " dy=\"0.35em\" text-anchor=\"end\" fill=\"#333333\">"
                    + "\(ReportMarkup.escape(tick.label))</text>")
        }
        return lines
    }

    private func renderFrame() -> [String] {
        let left = ReportNumber.coordinate(plotLeft)
        let right = ReportNumber.coordinate(plotRight)
        let top = ReportNumber.coordinate(plotTop)
        let bottom = ReportNumber.coordinate(plotBottom)
        let middleX = ReportNumber.coordinate((plotLeft + plotRight) / 2)
        let middleY = ReportNumber.coordinate((plotTop + plotBottom) / 2)
        return [
            "<path fill=\"none\" stroke=\"#333333\" d=\"M\(left),\(top)V\(bottom)H\(right)\"/>",
            "<text x=\"\(middleX)\" y=\"\(ReportNumber.coordinate(height - 10))\""
                + " text-anchor=\"middle\" fill=\"#111111\">"
                + "\(ReportMarkup.escape(xAxis.title))</text>",
            "<text x=\"14\" y=\"\(middleY)\" text-anchor=\"middle\" fill=\"#111111\""
                + " transform=\"rotate(-90 14 \(middleY))\">"
                + "\(ReportMarkup.escape(yAxis.title))</text>",
        ]
    }

    private func renderLegend() -> [String] {
        guard !legend.isEmpty else { return [] }
        var lines: [String] = []
        let left = plotRight + 20
        var y = plotTop + 8
        for entry in legend {
            lines.append(Self.legendSwatch(entry, x: left, y: y, idPrefix: id))
            let wrapped = Self.wrap(entry.label)
            for (index, line) in wrapped.enumerated() {
                lines.append(
                    "<text x=\"\(ReportNumber.coordinate(left + 34))\""
                        + " y=\"\(ReportNumber.coordinate(y + Double(index) * 15))\""
                        + " dy=\"0.35em\" fill=\"#111111\">\(ReportMarkup.escape(line))</text>")
            }
            y += Double(wrapped.count) * 15 + 9
        }
        return lines
    }

    /// Returns a legend swatch whose left edge is at `x` and whose centre row is `y`.
    static func legendSwatch(_ entry: LegendEntry, x: Double, y: Double, idPrefix: String)
        -> String
    {
        switch entry.kind {
        case .line:
            var element =
                "<line x1=\"\(ReportNumber.coordinate(x))\" y1=\"\(ReportNumber.coordinate(y))\""
                + " x2=\"\(ReportNumber.coordinate(x + 28))\" y2=\"\(ReportNumber.coordinate(y))\""
                + " stroke=\"\(entry.style.colour)\" stroke-width=\"2\""
            if let dash = entry.style.dash {
                element += " stroke-dasharray=\"\(dash)\""
            }
            return element + "/>" + marker(style: entry.style, x: x + 14, y: y)
        case .bar:
            return
                "<rect x=\"\(ReportNumber.coordinate(x + 2))\""
                + " y=\"\(ReportNumber.coordinate(y - 7))\" width=\"24\" height=\"14\""
                + " fill=\"\(hatchReference(entry.style, idPrefix: idPrefix))\""
                + " stroke=\"\(entry.style.colour)\" stroke-width=\"1.5\"/>"
        }
    }

    /// Splits a legend label into lines of at most `legendLineLength` characters, at spaces
    /// where it can.
    static func wrap(_ label: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in label.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            while word.count > legendLineLength {
                if !current.isEmpty {
                    lines.append(current)
                    current = ""
                }
                lines.append(String(word.prefix(legendLineLength)))
                word = word.dropFirst(legendLineLength)
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= legendLineLength {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty {
            lines.append(current)
        }
        return lines
    }

    /// Returns the SVG of a marker centred at a pixel position: filled in the series colour
    /// with a white outline, so it stays visible where lines cross.
    static func marker(style: SeriesStyle, x: Double, y: Double) -> String {
        let c = style.colour
        let r = 4.5
        func point(_ dx: Double, _ dy: Double) -> String {
            ReportNumber.coordinate(x + dx) + "," + ReportNumber.coordinate(y + dy)
        }
        let outline = "stroke=\"#FFFFFF\" stroke-width=\"1\""
        switch style.marker {
        case .circle:
            return
                "<circle cx=\"\(ReportNumber.coordinate(x))\" cy=\"\(ReportNumber.coordinate(y))\""
                + " r=\"\(ReportNumber.coordinate(r))\" fill=\"\(c)\" \(outline)/>"
        case .square:
            return
                "<path d=\"M\(point(-r, -r))H\(ReportNumber.coordinate(x + r))"
                + "V\(ReportNumber.coordinate(y + r))H\(ReportNumber.coordinate(x - r))Z\""
                + " fill=\"\(c)\" \(outline)/>"
        case .triangleUp:
            return
                "<path d=\"M\(point(0, -r - 1))L\(point(r + 1, r))L\(point(-r - 1, r))Z\""
                + " fill=\"\(c)\" \(outline)/>"
        case .diamond:
            return
                "<path d=\"M\(point(0, -r - 1))L\(point(r + 1, 0))L\(point(0, r + 1))"
                + "L\(point(-r - 1, 0))Z\" fill=\"\(c)\" \(outline)/>"
        case .triangleDown:
            return
                "<path d=\"M\(point(0, r + 1))L\(point(r + 1, -r))L\(point(-r - 1, -r))Z\""
                + " fill=\"\(c)\" \(outline)/>"
        case .plus:
            return
                "<path d=\"M\(point(-r, 0))H\(ReportNumber.coordinate(x + r))"
                + "M\(point(0, -r))V\(ReportNumber.coordinate(y + r))\""
                + " stroke=\"\(c)\" stroke-width=\"2.5\"/>"
        case .cross:
            return
                "<path d=\"M\(point(-r, -r))L\(point(r, r))M\(point(-r, r))L\(point(r, -r))\""
                + " stroke=\"\(c)\" stroke-width=\"2.5\"/>"
        case .star:
            return
                "<path d=\"M\(point(0, -r - 1))L\(point(1.5, -1.5))L\(point(r + 1, -1))"
                + "L\(point(2.5, 1.5))L\(point(3.5, r + 1))L\(point(0, 3))"
                + "L\(point(-3.5, r + 1))L\(point(-2.5, 1.5))L\(point(-r - 1, -1))"
                + "L\(point(-1.5, -1.5))Z\" fill=\"\(c)\" \(outline)/>"
        }
    }

    private mutating func hatchFill(_ style: SeriesStyle) -> String {
        if style.hatch != .solid && !hatchesUsed.contains(style) {
            hatchesUsed.append(style)
        }
        return Self.hatchReference(style, idPrefix: id)
    }

    /// Returns the `fill` value of a style: its colour, or a reference to its pattern. The
    /// legend registers no pattern, so `render()` defines a pattern only once some bar uses it.
    static func hatchReference(_ style: SeriesStyle, idPrefix: String) -> String {
        style.hatch == .solid ? style.colour : "url(#\(idPrefix)-hatch-\(style.index))"
    }

    /// Returns a `<pattern>` of white strokes or dots over the series colour.
    static func hatchDefinition(_ style: SeriesStyle, idPrefix: String) -> String {
        let strokes: String
        switch style.hatch {
        case .solid: strokes = ""
        case .diagonal: strokes = "<path d=\"M-2,2L2,-2M0,8L8,0M6,10L10,6\" stroke=\"#FFFFFF\""
        case .antidiagonal:
            strokes = "<path d=\"M-2,6L2,10M0,0L8,8M6,-2L10,2\" stroke=\"#FFFFFF\""
        case .horizontal: strokes = "<path d=\"M0,4H8\" stroke=\"#FFFFFF\""
        case .vertical: strokes = "<path d=\"M4,0V8\" stroke=\"#FFFFFF\""
        case .crossHatch:
            strokes =
                "<path d=\"M-2,2L2,-2M0,8L8,0M6,10L10,6M-2,6L2,10M0,0L8,8M6,-2L10,2\""
                + " stroke=\"#FFFFFF\""
        case .grid: strokes = "<path d=\"M0,4H8M4,0V8\" stroke=\"#FFFFFF\""
        case .dots: strokes = "<circle cx=\"4\" cy=\"4\" r=\"1.8\" fill=\"#FFFFFF\""
        }
        let width = style.hatch == .dots ? "" : " stroke-width=\"1.8\""
        return
            "<pattern id=\"\(idPrefix)-hatch-\(style.index)\" patternUnits=\"userSpaceOnUse\""
            + " width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\" fill=\"\(style.colour)\"/>"
            + strokes + width + "/></pattern>"
    }
}
