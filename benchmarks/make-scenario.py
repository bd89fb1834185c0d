#!/usr/bin/env python3
"""Write a synthetic simrun scenario for the scale benchmark.

The scenario has 20 sites of different sizes, five of them with GPUs, and a
synthetic workload of N jobs with Poisson arrivals. The arrival rate gives
an offered load of 80 % of all cores:

    rate [jobs/h] = 0.8 * total cores / (mean cores per job * mean run time [h])

The offered load counts the run time, not the requested duration (run time
* 1.5, rounded up to PT1M).

The broker and client sections are left out, so simrun's defaults apply.

Usage: make-scenario.py JOBS [--seed N] [--output FILE]
"""

import argparse
import sys

# Cores and GPUs of each site, largest first. Every site fits the largest
# job (16 cores), and memory is 4 GiB per core, twice what a job requests.
SITES = [
    # (name, cores, gpu count, gpu model)
    ("site-01", 1024, 16, "A100"),
    ("site-02", 512, 8, "H100"),
    ("site-03", 512, 0, None),
    ("site-04", 256, 8, "V100"),
    ("site-05", 256, 0, None),
    ("site-06", 256, 0, None),
    ("site-07", 128, 8, "A100"),
    ("site-08", 128, 0, None),
    ("site-09", 128, 0, None),
    ("site-10", 128, 0, None),
    ("site-11", 96, 4, "L40S"),
    ("site-12", 96, 0, None),
    ("site-13", 64, 0, None),
    ("site-14", 64, 0, None),
    ("site-15", 64, 0, None),
    ("site-16", 48, 0, None),
    ("site-17", 48, 0, None),
    ("site-18", 32, 0, None),
    ("site-19", 32, 0, None),
    ("site-20", 32, 0, None),
]
MEMORY_PER_SITE_CORE_GIB = 4

# Job sizes: cores drawn evenly from this list, 2 GiB of memory per core.
JOB_CORES = [1, 2, 4, 8, 16]
MEMORY_PER_JOB_CORE = "2GiB"
# One job in 20 requests one GPU of any model listed here.
JOB_GPUS = [0] * 19 + [1]
GPU_MODELS = sorted({model for _, _, gpus, model in SITES if gpus > 0})
# Run time is exponential with this mean, in hours (PT1H).
MEAN_RUN_TIME_HOURS = 1.0
OFFERED_LOAD = 0.8
USERS = 200


def arrivals_per_hour() -> float:
    """Return the Poisson arrival rate that gives OFFERED_LOAD of all cores."""
    total_cores = sum(cores for _, cores, _, _ in SITES)
    mean_cores = sum(JOB_CORES) / len(JOB_CORES)
    return OFFERED_LOAD * total_cores / (mean_cores * MEAN_RUN_TIME_HOURS)


def yaml_flow_sequence(values) -> str:
    return "[" + ", ".join(str(value) for value in values) + "]"


def scenario_text(jobs: int, seed: int) -> str:
    rate = arrivals_per_hour()
    lines = [
        f"# Scale benchmark: {jobs} synthetic jobs over {len(SITES)} sites.",
        "# Written by benchmarks/make-scenario.py; the rate gives 80 % offered",
        "# load of cores. The broker and client sections are left out so that",
        "# the defaults apply.",
        f"name: bench-{jobs}",
        f"seed: {seed}",
        "epoch: 2026-01-01T00:00:00Z",
        "",
        "sites:",
    ]
    for name, cores, gpus, model in SITES:
        lines.append(f"  - name: {name}")
        lines.append(f"    cores: {cores}")
        lines.append(f"    memory: {cores * MEMORY_PER_SITE_CORE_GIB}GiB")
        if gpus > 0:
            lines.append(f"    gpus: {{count: {gpus}, model: {model}}}")
    lines += [
        "",
        "workload:",
        "  synthetic:",
        f"    jobs: {jobs}",
        f"    arrivals-per-hour: {rate:.6f}",
        f"    cores: {{empirical: {yaml_flow_sequence(JOB_CORES)}}}",
        f"    memory-per-core: {MEMORY_PER_JOB_CORE}",
        f"    gpus: {{empirical: {yaml_flow_sequence(JOB_GPUS)}}}",
        f"    gpu-models: {yaml_flow_sequence(GPU_MODELS)}",
        "    run-time: {exponential: {mean: PT1H}}",
        "    duration: {run-time-factor: 1.5, round-up-to: PT1M}",
        f"    users: {USERS}",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Write a synthetic simrun scenario with 80 % offered load of cores.")
    parser.add_argument("jobs", type=int, help="number of jobs, at least 1")
    parser.add_argument("--seed", type=int, default=20260101, help="scenario seed (default 20260101)")
    parser.add_argument("--output", help="file to write (default: standard output)")
    arguments = parser.parse_args()
    if arguments.jobs < 1:
        parser.error(f"invalid job count {arguments.jobs}; expected a whole number of at least 1")

    text = scenario_text(arguments.jobs, arguments.seed)
    if arguments.output:
        with open(arguments.output, "w", encoding="utf-8") as file:
            file.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
