import Foundation
import Testing

@testable import Results

/// `summary.json` of `emptyRunSummary()`, without the trailing newline.
private let emptyRunJSON = """
    {
      "boundedSlowdown" : {
        "count" : 0
      },
      "offerSets" : {
        "no" : 0,
        "total" : 0,
        "yes" : 0
      },
      "offers" : {
        "accepted" : 0,
        "expired" : 0,
        "made" : 0,
        "rejected" : 0,
        "stillOffered" : 0
      },
      "policyName" : "random",
      "requests" : {
        "abandoned" : 0,
        "refusedAcceptances" : 0,
        "requests" : 0,
        "requestsWithSession" : 0,
        "retries" : 0
      },
      "resources" : {
        "cores" : {
          "expiredIdleHeld" : 0,
          "rejectedIdleHeld" : 0,
          "reservedShare" : 0,
          "utilisation" : 0
        },
        "gpus" : {
          "expiredIdleHeld" : 0,
          "rejectedIdleHeld" : 0
        },
        "memory" : {
          "expiredIdleHeld" : 0,
          "rejectedIdleHeld" : 0,
          "reservedShare" : 0,
          "utilisation" : 0
        }
      },
      "scenarioName" : "empty",
      "seed" : 7,
      "sessions" : {
        "cancelled" : 0,
        "completed" : 0,
        "failed" : 0,
        "jobsRun" : 0
      },
      "sites" : [
        {
          "name" : "solo",
          "offers" : {
            "accepted" : 0,
            "expired" : 0,
            "made" : 0,
            "rejected" : 0,
            "stillOffered" : 0
          },
          "refusedAcceptances" : 0,
          "resources" : {
            "cores" : {
              "expiredIdleHeld" : 0,
              "rejectedIdleHeld" : 0,
              "reservedShare" : 0,
              "utilisation" : 0
            },
            "gpus" : {
              "expiredIdleHeld" : 0,
              "rejectedIdleHeld" : 0
            },
            "memory" : {
              "expiredIdleHeld" : 0,
              "rejectedIdleHeld" : 0,
              "reservedShare" : 0,
              "utilisation" : 0
            }
          },
          "sessions" : {
            "cancelled" : 0,
            "completed" : 0,
            "failed" : 0,
            "jobsRun" : 0
          },
          "waits" : {
            "negotiation" : {
              "count" : 0
            },
            "queueing" : {
              "count" : 0
            },
            "wait" : {
              "count" : 0
            }
          }
        }
      ],
      "waits" : {
        "negotiation" : {
          "count" : 0
        },
        "queueing" : {
          "count" : 0
        },
        "wait" : {
          "count" : 0
        }
      },
      "windowEnd" : "2026-01-01T00:01:01Z",
      "windowEndMs" : 61000,
      "windowStart" : "2026-01-01T00:00:01Z",
      "windowStartMs" : 1000,
      "workloadJobs" : 0,
      "workloadReport" : [

      ]
    }
    """

/// `renderText()` of `sampleSummary()`, without the trailing newline.
private let sampleText = """
    Run of scenario two-sites
      Seed             42
      Policy           first-fit
      Window           2026-01-01T00:00:00Z to 2026-01-01T01:00:00Z (3600.0 s)
      Workload jobs    4
      Workload report  read 5 jobs
                       skipped 1 job without a run time

    Requests
      Jobs                             4
      Jobs with a session              3  75.0 %
      Requests sent, retries included  5
      Retries                          1
      Abandoned                        1
      Refused acceptances              1
      Offer sets                       5
      Offer sets YES                   4
      Offer sets NO                    1  20.0 %

    Offers and sessions
      Offers made               6
      Accepted                  3  50.0 %
      Rejected                  2  33.3 %
      Expired                   1  16.7 %
      Still offered at the end  0
      Jobs run                  3
      Sessions completed        2
      Sessions failed           0
      Sessions cancelled        1

    Waits
                        Count  Mean   p50   p90   p99   Max
      ----------------  -----  ----  ----  ----  ----  ----
      Wait (s)              3   6.0   4.0  12.0  12.0  12.0
      Negotiation (s)       3   2.7   2.0   5.0   5.0   5.0
      Queueing (s)          3   3.3   2.0   7.0   7.0   7.0
      Bounded slowdown      3  2.17  1.50  4.00  4.00  4.00

    Utilisation (all sites)
              Busy %  Reserved %  Idle held, expired  Idle held, rejected  Unit
      ------  ------  ----------  ------------------  -------------------  ------
      Cores     17.5        35.0                0.50                 0.38  core-h
      Memory     8.8        23.8                1.00                 0.56  GiB-h
      GPUs      50.0        75.0                0.25                 0.00  GPU-h

    Offers by site
      Site          Offers  Accepted  Rejected  Expired  Refused  Accept %  Expiry %  Wait p50 s  Wait p90 s  Jobs run
      ------------  ------  --------  --------  -------  -------  --------  --------  ----------  ----------  --------
      alpha, north       4         2         1        1        0      50.0      25.0         2.0        12.0         2
      beta               2         1         1        0        1      50.0       0.0         4.0         4.0         1

    Resources by site (rsv: reserved; idle core-h: held by expired or rejected offers)
      Site          Core busy %  Core rsv %  Mem busy %  Mem rsv %  GPU busy %  GPU rsv %  Idle core-h exp  Idle core-h rej
      ------------  -----------  ----------  ----------  ---------  ----------  ---------  ---------------  ---------------
      alpha, north         25.0        50.0        12.5       37.5        50.0       75.0             0.50             0.25
      beta                 10.0        20.0         5.0       10.0           —          —             0.00             0.12
    """

/// Returns the JSON object at `path` (keys separated by dots) inside `object`.
private func value(at path: String, in object: [String: Any]) -> Any? {
    var current: Any? = object
    for key in path.split(separator: ".") {
        current = (current as? [String: Any])?[String(key)]
    }
    return current
}

@Suite struct SummaryJSONTests {
    @Test func encodingTwiceGivesSameBytes() {
        let summary = sampleSummary()
        let first = summary.jsonData()
        let second = sampleSummary().jsonData()
        #expect(first == second)
        #expect(first.last == UInt8(ascii: "\n"))
    }

    @Test func goldenEmptyRun() {
        let text = String(decoding: emptyRunSummary().jsonData(), as: UTF8.self)
        #expect(text == emptyRunJSON + "\n")
    }

    @Test func absentResourceIsLeftOut() throws {
        let data = sampleSummary().jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sites = try #require(object["sites"] as? [[String: Any]])
        let betaGPUs = try #require(value(at: "resources.gpus", in: sites[1]) as? [String: Any])
        #expect(betaGPUs["utilisation"] == nil)
        #expect(betaGPUs["reservedShare"] == nil)
        #expect(betaGPUs["expiredIdleHeld"] as? Double == 0)
        let alphaGPUs = try #require(value(at: "resources.gpus", in: sites[0]) as? [String: Any])
        #expect(alphaGPUs["utilisation"] as? Double == 0.5)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("NaN"))
        #expect(!text.contains("null"))
    }

    @Test func sampleNumbersAreShortestText() {
        let text = String(decoding: sampleSummary().jsonData(), as: UTF8.self)
        #expect(text.contains("\"expiryRate\" : 0.16666666666666666,"))
        #expect(text.contains("\"mean\" : 2.1666666666666665,"))
        #expect(text.contains("\"windowEndMs\" : 3600000,"))
        #expect(text.contains("\"p90\" : 12,"))
    }

    @Test func decodingRoundTrips() throws {
        for summary in [sampleSummary(), emptyRunSummary()] {
            #expect(try RunSummary.decode(json: summary.jsonData()) == summary)
        }
    }

    @Test func figuresMatchJSONValues() throws {
        let summary = sampleSummary()
        let data = summary.jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sites = try #require(object["sites"] as? [[String: Any]])
        for figure in summary.figures() {
            let container: [String: Any]
            if let siteName = figure.site {
                let index = try #require(summary.sites.firstIndex { $0.name == siteName })
                container = sites[index]
            } else {
                container = object
            }
            let number = value(at: figure.name, in: container) as? Double
            #expect(number == figure.value, "figure \(figure.site ?? "run") \(figure.name)")
        }
    }

    @Test func figuresLeaveOutAbsentValues() {
        let figures = emptyRunSummary().figures()
        let names = figures.map(\.name)
        #expect(!names.contains("requests.acceptanceRate"))
        #expect(!names.contains("waits.wait.p50"))
        #expect(names.contains("waits.wait.count"))
        #expect(!names.contains("resources.gpus.utilisation"))
        #expect(figures.allSatisfy { $0.value.isFinite })
        #expect(figures.filter { $0.scope == .site }.allSatisfy { $0.site == "solo" })
        #expect(figures.filter { $0.scope == .run }.allSatisfy { $0.site == nil })
    }

    @Test func rateOfZeroIsAbsent() {
        #expect(RunSummary.rate(0, of: 0) == nil)
        #expect(RunSummary.rate(3, of: 4) == 0.75)
        #expect(RunSummary.rate(0.0, of: 0.0) == nil)
        #expect(RunSummary.rate(1.0, of: 8.0) == 0.125)
    }

    @Test func unitConversions() {
        // 2 cores for 1.5 h, 3 GiB for 2 h, 0.5 GPU for 4 h.
        #expect(ResourceFigures.coreHours(milliCoreMs: 2000 * 5_400_000) == 3)
        #expect(ResourceFigures.gibHours(mibMs: 3072 * 7_200_000) == 6)
        #expect(ResourceFigures.gpuHours(milliGPUMs: 500 * 14_400_000) == 2)
    }
}

@Suite struct SummaryCSVTests {
    @Test func siteNameWithCommaIsQuoted() {
        let lines = sampleSummary().csvText().split(separator: "\n")
        #expect(lines.contains("site,\"alpha, north\",offers.made,4"))
        #expect(lines.contains("site,beta,offers.made,2"))
    }

    @Test func headerAndRunRows() {
        let lines = sampleSummary().csvText().split(
            separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "scope,site,figure,value")
        #expect(lines[1] == "run,,workloadJobs,4")
        #expect(lines.contains("run,,offers.rejectionRate,0.3333333333333333"))
        #expect(lines.contains("run,,resources.memory.utilisation,0.0875"))
        #expect(lines.last == "")
        #expect(lines.count == sampleSummary().figures().count + 2)
    }

    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""), ("", ""),
    ])
    func fieldQuoting(field: String, expected: String) {
        #expect(RunSummary.csvField(field) == expected)
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (12.0, "12"), (-3.0, "-3"), (0.1, "0.1"), (1e-5, "1e-05"),
        (2.5, "2.5"), (9_007_199_254_740_992.0, "9007199254740992.0"), (1e20, "1e+20"),
    ])
    func numberFormat(value: Double, expected: String) {
        #expect(RunSummary.formatNumber(value) == expected)
    }
}

@Suite struct SummaryTextTests {
    @Test func goldenSample() {
        #expect(sampleSummary().renderText() == sampleText + "\n")
    }

    @Test func absentFiguresShowDash() {
        let text = emptyRunSummary().renderText()
        let waitLine = text.split(separator: "\n").first { $0.hasPrefix("  Wait (s)") }
        #expect(waitLine == "  Wait (s)              0     —    —    —    —    —")
        #expect(!text.contains("nan"))
    }

    @Test func sampleLinesFitTerminal() {
        for line in sampleSummary().renderText().split(separator: "\n") {
            #expect(line.count < 120, "line too long: \(line)")
        }
    }
}
