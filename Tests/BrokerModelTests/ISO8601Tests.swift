import BrokerModel
import Testing

@Test func durationsParse() throws {
    #expect(try ISO8601.duration("PT5M") == 300_000)
    #expect(try ISO8601.duration("P7D") == 604_800_000)
    #expect(try ISO8601.duration("P1W") == 604_800_000)
    #expect(try ISO8601.duration("PT1H30M") == 5_400_000)
    #expect(try ISO8601.duration("P1DT2H") == 93_600_000)
    #expect(try ISO8601.duration("PT1.5S") == 1_500)
    #expect(try ISO8601.duration("PT0.0005S") == 1)
    #expect(try ISO8601.duration("PT0.0004S") == 0)
    #expect(try ISO8601.duration("PT0,25S") == 250)
}

@Test func durationsRejectMonthsAndJunk() {
    for text in ["P1M", "P1Y", "5M", "PT", "P", "PT5", "PTM", "PT5X", "P1H", "PT1S2", "P1DT"] {
        #expect(throws: ISO8601Error.self, "\(text)") { try ISO8601.duration(text) }
    }
    #expect(throws: ISO8601Error.self) { try ISO8601.duration("PT99999999999999999H") }
}

@Test func durationsFormat() {
    #expect(ISO8601.format(duration: 0) == "PT0S")
    #expect(ISO8601.format(duration: 300_000) == "PT5M")
    #expect(ISO8601.format(duration: 93_600_000) == "P1DT2H")
    #expect(ISO8601.format(duration: 1_500) == "PT1.5S")
    #expect(ISO8601.format(duration: 3_723_004) == "PT1H2M3.004S")
}

@Test func instantsParseAndFormat() throws {
    // 1996-09-23T12:00:00Z is 843,480,000 s after the Unix epoch.
    #expect(try ISO8601.instant("1996-09-23T12:00:00Z") == 843_480_000_000)
    #expect(try ISO8601.instant("1970-01-01T00:00:00Z") == 0)
    #expect(try ISO8601.instant("2026-12-05T08:00:00.250+01:00") == 1_796_454_000_250)
    #expect(ISO8601.format(instant: 843_480_000_000) == "1996-09-23T12:00:00Z")
    #expect(ISO8601.format(instant: 1_796_454_000_250) == "2026-12-05T07:00:00.250Z")
    #expect(ISO8601.format(instant: -1) == "1969-12-31T23:59:59.999Z")
    #expect(throws: ISO8601Error.self) { try ISO8601.instant("2026-02-30T00:00:00Z") }
    #expect(throws: ISO8601Error.self) { try ISO8601.instant("2026-01-01T00:00:00") }
}

@Test func intervalsParse() throws {
    let start = try ISO8601.instant("2026-12-05T08:00:00Z")
    #expect(try ISO8601.interval("2026-12-05T08:00:00Z/PT6H") == start...(start + 21_600_000))
    #expect(
        try ISO8601.interval("2026-12-05T08:00:00Z/2026-12-05T09:00:00Z")
            == start...(start + 3_600_000))
    #expect(try ISO8601.interval("2026-12-05T08:00:00Z") == start...start)
    #expect(throws: ISO8601Error.self) {
        try ISO8601.interval("2026-12-05T09:00:00Z/2026-12-05T08:00:00Z")
    }
}

@Test func durationsRejectRepeatsAndOverflow() {
    for text in ["PT1M1M", "PT1S1H", "P1D1W", "P26000000000D26000000000D26000000000D26000000000D"] {
        #expect(throws: ISO8601Error.self, "\(text)") { try ISO8601.duration(text) }
    }
    #expect(throws: ISO8601Error.self) { try ISO8601.instant("2026-12-07T00:00:00+99:99") }
}
