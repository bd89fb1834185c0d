/// Milliseconds, the unit of every time and duration inside the broker.
public typealias Milliseconds = Int64

/// An ISO-8601 text that could not be read.
public struct ISO8601Error: Error, Equatable, CustomStringConvertible, Sendable {
    public var text: String
    public var reason: String

    public var description: String { "invalid ISO-8601 value '\(text)': \(reason)" }
}

/// ISO-8601 durations, instants and intervals as integer milliseconds.
///
/// Durations take the form `PnWnDTnHnMnS`; any component may carry a
/// decimal fraction (`PT1.5H`), rounded to the nearest millisecond. Years
/// and months are rejected because they have no fixed length. Instants are read by a fixed calendar computation so the result
/// never depends on the machine's time zone or locale.
public enum ISO8601 {
    /// Parses a duration such as `PT5M`, `P7D` or `PT1.5S` into milliseconds.
    public static func duration(_ text: String) throws(ISO8601Error) -> Milliseconds {
        var rest = Substring(text)
        guard rest.first == "P" else {
            throw ISO8601Error(text: text, reason: "a duration starts with 'P', as in PT5M")
        }
        rest = rest.dropFirst()
        guard !rest.isEmpty else {
            throw ISO8601Error(text: text, reason: "the duration has no components")
        }

        var total: Milliseconds = 0
        var lastUnit = Milliseconds.max
        var inTime = false
        var sawComponent = false
        var number = ""
        for character in rest {
            if character == "T" {
                guard !inTime, number.isEmpty else {
                    throw ISO8601Error(text: text, reason: "misplaced 'T'")
                }
                inTime = true
                continue
            }
            if character.isASCII, character.isNumber || character == "." || character == "," {
                number.append(character == "," ? "." : character)
                continue
            }
            guard !number.isEmpty else {
                throw ISO8601Error(text: text, reason: "'\(character)' has no number before it")
            }
            let unit: Milliseconds
            switch (character, inTime) {
            case ("W", false): unit = 7 * 86_400_000
            case ("D", false): unit = 86_400_000
            case ("H", true): unit = 3_600_000
            case ("M", true): unit = 60_000
            case ("S", true): unit = 1_000
            case ("Y", false), ("M", false):
                throw ISO8601Error(
                    text: text,
                    reason: "years and months have no fixed length; use days (P30D) or weeks")
            default:
                throw ISO8601Error(text: text, reason: "unexpected unit '\(character)'")
            }
            guard unit < lastUnit else {
                throw ISO8601Error(
                    text: text,
                    reason: "each unit may appear once, from the largest to the smallest")
            }
            lastUnit = unit
            let (sum, overflow) = total.addingReportingOverflow(
                try scaled(number, by: unit, text: text))
            guard !overflow, sum < Int64.max / 4 else {
                throw ISO8601Error(text: text, reason: "the duration is too long")
            }
            total = sum
            number = ""
            sawComponent = true
        }
        guard number.isEmpty else {
            throw ISO8601Error(text: text, reason: "the number '\(number)' has no unit")
        }
        guard sawComponent else {
            throw ISO8601Error(text: text, reason: "the duration has no components")
        }
        guard !inTime || rest.last != "T" else {
            throw ISO8601Error(
                text: text, reason: "'T' must be followed by hours, minutes or seconds")
        }
        return total
    }

    /// Multiplies a decimal text by a unit in milliseconds, rounding to the
    /// nearest millisecond with halves away from zero.
    private static func scaled(_ number: String, by unit: Milliseconds, text: String)
        throws(ISO8601Error) -> Milliseconds
    {
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0].isEmpty ? "0" : String(parts[0])) else {
            throw ISO8601Error(text: text, reason: "'\(number)' is not a number")
        }
        let (product, overflow) = whole.multipliedReportingOverflow(by: unit)
        guard !overflow, product < Int64.max / 4 else {
            throw ISO8601Error(text: text, reason: "the duration is too long")
        }
        guard parts.count == 2, !parts[1].isEmpty else { return product }
        let digits = parts[1].prefix(12)
        guard digits.allSatisfy(\.isNumber), let fraction = Int64(digits) else {
            throw ISO8601Error(text: text, reason: "'\(number)' is not a number")
        }
        var scale: Int64 = 1
        for _ in 0..<digits.count { scale *= 10 }
        // fraction / scale × unit, rounded half away from zero.
        let numerator = fraction.multipliedFullWidth(by: unit)
        let (quotient, remainder) = scale.dividingFullWidth(numerator)
        return product + quotient + (remainder * 2 >= scale ? 1 : 0)
    }

    /// Formats milliseconds as an ISO-8601 duration, such as `PT1H30M` or
    /// `P2DT0.5S`; zero is `PT0S`.
    public static func format(duration: Milliseconds) -> String {
        guard duration != 0 else { return "PT0S" }
        var rest = duration.magnitude
        let days = rest / 86_400_000
        rest %= 86_400_000
        let hours = rest / 3_600_000
        rest %= 3_600_000
        let minutes = rest / 60_000
        rest %= 60_000
        let seconds = rest / 1_000
        let millis = rest % 1_000

        var text = duration < 0 ? "-P" : "P"
        if days > 0 { text += "\(days)D" }
        guard hours + minutes + seconds + millis > 0 else { return text }
        text += "T"
        if hours > 0 { text += "\(hours)H" }
        if minutes > 0 { text += "\(minutes)M" }
        if seconds + millis > 0 {
            text += "\(seconds)"
            if millis > 0 {
                var fraction = String(millis + 1000).dropFirst()
                while fraction.last == "0" { fraction = fraction.dropLast() }
                text += ".\(fraction)"
            }
            text += "S"
        }
        return text
    }

    /// Parses an instant such as `1996-09-23T12:00:00Z` or
    /// `2026-12-05T08:00:00.250+01:00` into milliseconds since 1970-01-01T00:00:00Z.
    public static func instant(_ text: String) throws(ISO8601Error) -> Milliseconds {
        let bytes = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) throws(ISO8601Error) -> Int64 {
            guard start + count <= bytes.count else {
                throw ISO8601Error(text: text, reason: "expected YYYY-MM-DDTHH:MM:SSZ")
            }
            var value: Int64 = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 48, byte <= 57 else {
                    throw ISO8601Error(text: text, reason: "expected YYYY-MM-DDTHH:MM:SSZ")
                }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        func expect(_ index: Int, _ characters: String) throws(ISO8601Error) {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else {
                throw ISO8601Error(text: text, reason: "expected YYYY-MM-DDTHH:MM:SSZ")
            }
        }

        let year = try digits(0, 4)
        try expect(4, "-")
        let month = try digits(5, 2)
        try expect(7, "-")
        let day = try digits(8, 2)
        try expect(10, "Tt ")
        let hour = try digits(11, 2)
        try expect(13, ":")
        let minute = try digits(14, 2)
        try expect(16, ":")
        let second = try digits(17, 2)
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            hour < 24, minute < 60, second < 60
        else {
            throw ISO8601Error(text: text, reason: "a date or time field is out of range")
        }

        var index = 19
        var millis: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale: Int64 = 100
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                millis += Int64(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else {
                throw ISO8601Error(text: text, reason: "expected digits after '.'")
            }
        }

        var offset: Int64 = 0
        guard index < bytes.count else {
            throw ISO8601Error(text: text, reason: "missing time zone; add Z for UTC")
        }
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign: Int64 = bytes[index] == UInt8(ascii: "+") ? 1 : -1
            let offsetHours = try digits(index + 1, 2)
            try expect(index + 3, ":")
            let offsetMinutes = try digits(index + 4, 2)
            guard offsetHours <= 23, offsetMinutes <= 59 else {
                throw ISO8601Error(text: text, reason: "the time zone offset is out of range")
            }
            offset = sign * (offsetHours * 60 + offsetMinutes) * 60_000
            index += 6
        default:
            throw ISO8601Error(text: text, reason: "missing time zone; add Z for UTC")
        }
        guard index == bytes.count else {
            throw ISO8601Error(text: text, reason: "unexpected text after the instant")
        }

        let days = daysFromCivil(year: year, month: month, day: day)
        return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis - offset
    }

    /// Formats milliseconds since 1970-01-01T00:00:00Z as an instant in UTC,
    /// with milliseconds only when they are not zero.
    public static func format(instant: Milliseconds) -> String {
        let millis = ((instant % 1000) + 1000) % 1000
        let seconds = (instant - millis) / 1000
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        let days = (seconds - secondOfDay) / 86_400
        let (year, month, day) = civilFromDays(days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
        text += "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):"
        text += pad(secondOfDay % 60, 2)
        if millis != 0 { text += ".\(pad(millis, 3))" }
        return text + "Z"
    }

    /// Parses an interval `start/end` or `start/duration` into a half-open
    /// range of instants; a bare instant gives an empty-length range at it.
    public static func interval(_ text: String) throws(ISO8601Error) -> ClosedRange<Milliseconds> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            let at = try instant(text)
            return at...at
        case 2:
            let start = try instant(String(parts[0]))
            let end: Milliseconds
            if parts[1].hasPrefix("P") {
                end = start + (try duration(String(parts[1])))
            } else {
                end = try instant(String(parts[1]))
            }
            guard end >= start else {
                throw ISO8601Error(text: text, reason: "the interval ends before it starts")
            }
            return start...end
        default:
            throw ISO8601Error(text: text, reason: "expected START/END or START/DURATION")
        }
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
    /// days_from_civil algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
