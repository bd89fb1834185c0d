import Codecs
import Foundation
import Testing

@testable import Sim

/// Parses `text` as the scenario file `scenario.yaml`.
private func parse(_ text: String) throws(YAMLError) -> Scenario {
    try ScenarioLoader.parse(Data(text.utf8), file: "scenario.yaml")
}

/// Returns a `YAMLError` at `line` and `column` of `scenario.yaml`.
private func error(_ line: Int, _ column: Int, _ message: String) -> YAMLError {
    YAMLError(file: "scenario.yaml", line: line, column: column, message: message)
}

// Most cases change or add one line of this valid scenario, so most line
// numbers below match it:
//
//   1 name: tiny
//   2 sites:
//   3   - name: alpha
//   4     cores: 4
//   5     memory: 16GiB
//   6 workload:
//   7   synthetic: {jobs: 10, arrivals-per-hour: 60}
@Suite("Scenario loader errors")
struct ScenarioErrorTests {
    @Test("unknown key with suggestion")
    func unknownKeySuggestion() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                coers: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        #expect(throws: error(4, 5, "sites[0]: unknown key 'coers'; did you mean 'cores'?")) {
            try parse(text)
        }
    }

    @Test("unknown key without suggestion")
    func unknownKeyList() {
        let text = """
            name: tiny
            colour: blue
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        let expected = error(
            2, 1,
            "scenario: unknown key 'colour'; expected one of name, seed, epoch, catalogue, "
                + "sites, workload, broker, client, replications, variants")
        #expect(throws: expected) { try parse(text) }
    }

    @Test("missing name")
    func missingName() {
        let text = """
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        #expect(throws: error(1, 1, "scenario: missing required key 'name'")) {
            try parse(text)
        }
    }

    @Test("empty name counts as missing")
    func emptyName() {
        let text = """
            name:
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        #expect(throws: error(1, 1, "scenario: missing required key 'name'")) {
            try parse(text)
        }
    }

    @Test("missing sites")
    func missingSites() {
        let text = """
            name: tiny
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        #expect(throws: error(1, 1, "scenario: missing required key 'sites'")) {
            try parse(text)
        }
    }

    @Test("empty site list")
    func emptySites() {
        let text = """
            name: tiny
            sites: []
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        #expect(
            throws: error(2, 8, "sites: expected a list of 1 to 10000 sites, found a list")
        ) {
            try parse(text)
        }
    }

    @Test("missing workload")
    func missingWorkload() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            """
        #expect(throws: error(1, 1, "scenario: missing required key 'workload'")) {
            try parse(text)
        }
    }

    @Test("missing site cores")
    func missingCores() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        #expect(throws: error(3, 5, "sites[0]: missing required key 'cores'")) {
            try parse(text)
        }
    }

    @Test("text for cores")
    func textForNumber() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: four
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        #expect(
            throws: error(4, 12, "sites[0].cores: expected a positive number, found 'four'")
        ) {
            try parse(text)
        }
    }

    @Test("zero cores")
    func zeroCores() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 0
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        #expect(throws: error(4, 12, "sites[0].cores: expected a positive number, found '0'")) {
            try parse(text)
        }
    }

    @Test("quoted seed")
    func quotedSeed() {
        let text = """
            name: tiny
            seed: "7"
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        let expected = error(
            2, 7, "seed: expected a whole number from 0 to 2^64 - 1, found '7'")
        #expect(throws: expected) { try parse(text) }
    }

    @Test("list for name")
    func listForText() {
        let text = """
            name: [tiny]
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        #expect(throws: error(1, 7, "name: expected a text, found a list")) {
            try parse(text)
        }
    }

    @Test("duration in months")
    func durationMonths() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            broker:
              offer-lifetime: P1M
            """
        let expected = error(
            9, 19,
            "broker.offer-lifetime: invalid ISO-8601 value 'P1M': years and months have no "
                + "fixed length; use days (P30D) or weeks")
        #expect(throws: expected) { try parse(text) }
    }

    @Test("duration in words")
    func durationWords() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            client:
              back-off: 5 minutes
            """
        let expected = error(
            9, 13,
            "client.back-off: invalid ISO-8601 value '5 minutes': a duration starts with 'P', "
                + "as in PT5M")
        #expect(throws: expected) { try parse(text) }
    }

    @Test("zero horizon")
    func zeroHorizon() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            broker:
              horizon: PT0S
            """
        let expected = error(
            9, 12, "broker.horizon: expected a duration longer than zero, found 'PT0S'")
        #expect(throws: expected) { try parse(text) }
    }

    @Test("size in unknown unit")
    func sizeUnknownUnit() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16 gigs
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        let expected = error(
            5, 13,
            "sites[0].memory: expected a size with a unit (B, kB, MB, GB, TB, PB, KiB, MiB, "
                + "GiB, TiB, PiB), such as 16GiB or 500MB, found '16 gigs'")
        #expect(throws: expected) { try parse(text) }
    }

    @Test("size without unit")
    func sizeWithoutUnit() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16384
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        let expected = error(
            5, 13,
            "sites[0].memory: expected a size with a unit (B, kB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB), such as 16GiB or 500MB, found '16384'"
        )
        #expect(throws: expected) { try parse(text) }
    }

    @Test("bandwidth without per second")
    func bandwidthNoRate() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
                staging-bandwidth: 10Gbps
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        let expected = error(
            6, 24,
            "sites[0].staging-bandwidth: expected a bandwidth up to 1PB/s, such as 10Gbit/s or 500MB/s, "
                + "found '10Gbps'")
        #expect(throws: expected) { try parse(text) }
    }

    @Test("zero bandwidth")
    func bandwidthZero() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
                staging-bandwidth: 0Gbit/s
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        let expected = error(
            6, 24,
            "sites[0].staging-bandwidth: expected a bandwidth up to 1PB/s, such as 10Gbit/s or 500MB/s, "
                + "found '0Gbit/s'")
        #expect(throws: expected) { try parse(text) }
    }

    @Test("unknown policy")
    func unknownPolicy() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            broker:
              policy: fastest
            """
        let expected = error(
            9, 11,
            "broker.policy: expected one of earliest-start, best-fit, least-loaded, data-local, "
                + "random, found 'fastest'")
        #expect(throws: expected) { try parse(text) }
    }

    @Test("unknown choice")
    func unknownChoice() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            client:
              choice: cheapest
            """
        let expected = error(
            9, 11,
            "client.choice: expected first, earliest-start, random or {preferred-site: NAME}, "
                + "found 'cheapest'")
        #expect(throws: expected) { try parse(text) }
    }

    @Test("preferred site not in sites")
    func preferredSiteUnknown() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            client:
              choice: {preferred-site: gamma}
            """
        let expected = error(
            9, 28, "client.choice.preferred-site: site 'gamma' is not in sites")
        #expect(throws: expected) { try parse(text) }
    }

    @Test("replica at unknown site")
    func replicaUnknownSite() {
        let text = """
            name: tiny
            catalogue:
              datasets:
                - {name: survey, size: 1TB, replicas: [alpha, gamma]}
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        let expected = error(
            4, 51, "catalogue.datasets[0].replicas[1]: site 'gamma' is not in sites")
        #expect(throws: expected) { try parse(text) }
    }

    @Test("both swf and synthetic")
    func bothSources() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
              swf: trace.swf
            """
        #expect(throws: error(7, 3, "workload: expected exactly one of 'swf' and 'synthetic'")) {
            try parse(text)
        }
    }

    @Test("neither swf nor synthetic")
    func noSource() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              load-scale: 2
            """
        #expect(throws: error(7, 3, "workload: expected exactly one of 'swf' and 'synthetic'")) {
            try parse(text)
        }
    }

    @Test("duplicate site name")
    func duplicateSite() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
              - name: alpha
                cores: 8
                memory: 32GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        #expect(throws: error(6, 5, "sites[1].name: duplicate site 'alpha'")) {
            try parse(text)
        }
    }

    @Test("two replications")
    func twoReplications() throws {
        let text = """
            name: tiny
            seed: 9
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            replications: 2
            """
        let scenario = try parse(text)
        #expect(scenario.replications == 2)
        // Replication 0 keeps the scenario's seed; the next is keyed from it.
        #expect(
            scenario.runPlans.map(\.seed) == [
                9, KeyedRandom(seed: 9).raw("replication", entity: Int64(1)),
            ])
        #expect(scenario.runPlans.map(\.replication) == [0, 1])
    }

    @Test("zero replications")
    func zeroReplications() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            replications: 0
            """
        let expected = error(
            8, 15, "replications: expected a whole number from 1 to 1000, found '0'")
        #expect(throws: expected) { try parse(text) }
    }

    @Test("variants")
    func variants() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            variants: [{seed: 2}]
            """
        let expected = error(
            8, 13, "variants[0]: unknown key 'seed'; expected one of name, broker, client")
        #expect(throws: expected) { try parse(text) }
    }

    @Test("variants override settings")
    func variantOverrides() throws {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            broker: {offer-lifetime: PT10M}
            client: {retries: 1}
            variants:
              - name: hold
              - name: no-hold
                broker: {hold: false, policy: best-fit}
                client: {choice: first}
            """
        let scenario = try parse(text)
        #expect(scenario.variants.map(\.name) == ["hold", "no-hold"])
        #expect(scenario.variants[0].broker == scenario.broker)
        #expect(scenario.variants[0].changes.isEmpty)
        let changed = scenario.variants[1]
        #expect(changed.broker.hold == false)
        #expect(changed.broker.policy == .bestFit)
        // Keys the variant leaves alone keep the scenario's values.
        #expect(changed.broker.offerLifetime == 600_000)
        #expect(changed.client.retries == 1)
        #expect(changed.client.choice == .first)
        #expect(
            changed.changes == [
                "broker.hold: false", "broker.policy: best-fit", "client.choice: first",
            ])
    }

    @Test("variant errors")
    func variantErrors() {
        let base = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}

            """
        #expect(throws: error(8, 30, "variants[1].name: duplicate variant 'a'")) {
            try parse(base + "variants: [{name: a}, {name: a}]")
        }
        #expect(
            throws: error(
                8, 39,
                "variants[0].broker.policy: expected one of earliest-start, best-fit, least-loaded, data-local, random, found 'fastest'"
            )
        ) {
            try parse(base + "variants: [{name: a, broker: {policy: fastest}}]")
        }
        #expect(
            throws: error(8, 11, "variants: expected a list of 1 to 100 variants, found a list")
        ) {
            try parse(base + "variants: []")
        }
    }

    @Test("YAML syntax error")
    func syntaxError() {
        // The indented line continues the plain scalar `tiny`, and a plain
        // scalar that spans lines cannot be a key.
        let text = """
            name: tiny
              seed: 3
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            """
        #expect(throws: error(2, 7, "mapping values are not allowed in this context")) {
            try parse(text)
        }
    }

    @Test("duplicate key")
    func duplicateKey() {
        let text = """
            name: tiny
            sites:
              - name: alpha
                cores: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}
            name: again
            """
        #expect(throws: error(8, 1, "duplicate key 'name' (first at line 1, column 1)")) {
            try parse(text)
        }
    }

    @Test("error description")
    func errorDescription() {
        let thrown = #expect(throws: YAMLError.self) {
            try parse("name: tiny\n")
        }
        #expect(thrown?.description == "scenario.yaml:1:1: scenario: missing required key 'sites'")
    }
}

@Test func syntheticRejectsTraceOnlyKeys() throws {
    let text = """
        name: s
        sites:
          - {name: a, cores: 4, memory: 8GiB}
        workload:
          memory-per-core: 2GiB
          synthetic: {jobs: 10, arrivals-per-hour: 5}
        """
    #expect(
        throws: YAMLError(
            file: "s.yaml", line: 5, column: 3,
            message:
                "workload.memory-per-core: applies to 'swf' traces only; use workload.synthetic.memory-per-core"
        )
    ) {
        try ScenarioLoader.parse(Data(text.utf8), file: "s.yaml")
    }
}

@Test func preloadedImagesMustFitCache() throws {
    let text = """
        name: s
        catalogue:
          images: [{name: a}, {name: b}]
        sites:
          - name: x
            cores: 4
            memory: 8GiB
            image-cache: {capacity: 1, pull-time: PT1M, preloaded: [a, b]}
        workload:
          synthetic: {jobs: 10, arrivals-per-hour: 5}
        """
    #expect(
        throws: YAMLError(
            file: "s.yaml", line: 8, column: 64,
            message:
                "sites[0].image-cache.preloaded: 2 or more images do not fit in a cache of capacity 1"
        )
    ) {
        try ScenarioLoader.parse(Data(text.utf8), file: "s.yaml")
    }
}
