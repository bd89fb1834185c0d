#!/usr/bin/env bash
# Scale benchmark of simrun: builds the release binary, then runs a synthetic
# scenario of each size with the results database on and off, and prints a
# Markdown table of wall time, throughput and peak resident memory.
#
# Usage: benchmarks/run.sh [JOBS...]    (default: 10000 100000 1000000)
#
# Environment:
#   BENCH_TIMEOUT  seconds one simrun run may take before it is stopped
#                  (default 3600); a stopped run shows "timed out".
#   BENCH_SEED     scenario seed (default 20260101).
#
# Progress goes to standard error and the table to standard output.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
    sizes=(10000 100000 1000000)
fi
for size in "${sizes[@]}"; do
    if ! [[ $size =~ ^[1-9][0-9]*$ ]]; then
        echo "run.sh: invalid job count '$size'; expected a whole number of at least 1" >&2
        exit 64
    fi
done
timeout_seconds=${BENCH_TIMEOUT:-3600}
seed=${BENCH_SEED:-20260101}

if [ ! -x /usr/bin/time ]; then
    echo "run.sh: /usr/bin/time is missing; installing the Debian package 'time'" >&2
    apt-get update
    apt-get install -y time
fi

echo "run.sh: building the release binary" >&2
swift build -c release >&2
simrun="$root/.build/release/simrun"

work=$(mktemp -d "${TMPDIR:-/tmp}/simrun-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Converts the "h:mm:ss" or "m:ss" wall time of GNU time to seconds.
wall_seconds() {
    awk -F: '{ seconds = 0; for (i = 1; i <= NF; i++) seconds = seconds * 60 + $i; printf "%.2f", seconds }' <<<"$1"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
for size in "${sizes[@]}"; do
    scenario="$work/bench-$size.yaml"
    python3 "$root/benchmarks/make-scenario.py" "$size" --seed "$seed" --output "$scenario"

    for database in no yes; do
        options=(--out "$work/run" --replace --no-progress --stats)
        if [ "$database" = no ]; then
            options+=(--no-database)
        fi
        echo "run.sh: $size jobs, database $database" >&2

        status=0
        timeout "$timeout_seconds" /usr/bin/time -v -o "$work/time.txt" \
            "$simrun" "$scenario" "${options[@]}" >"$work/stdout.txt" 2>"$work/stderr.txt" || status=$?
        if [ "$status" -eq 124 ]; then
            rows+=("| $size | $database | timed out after $timeout_seconds s | | | | |")
            continue
        fi
        if [ "$status" -ne 0 ]; then
            echo "run.sh: simrun failed with status $status on $size jobs, database $database:" >&2
            cat "$work/stderr.txt" >&2
            exit 1
        fi

        # stats: S sites, J jobs, E events, T s
        stats=$(grep '^stats:' "$work/stderr.txt")
        jobs=$(sed -E 's/.* ([0-9]+) jobs,.*/\1/' <<<"$stats")
        events=$(sed -E 's/.* ([0-9]+) events,.*/\1/' <<<"$stats")
        run_seconds=$(sed -E 's/.* events, ([0-9.]+) s$/\1/' <<<"$stats")
        wall=$(wall_seconds "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$work/time.txt")")
        peak_kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")

        row=$(awk -v jobs="$jobs" -v database="$database" -v wall="$wall" -v run="$run_seconds" \
            -v events="$events" -v kib="$peak_kib" 'BEGIN {
                printf "| %d | %s | %.2f | %.2f | %.0f | %.0f | %.0f |",
                    jobs, database, wall, run, jobs / wall, events / wall, kib / 1024
            }')
        rows+=("$row")
        echo "$row" >&2
    done
done

echo "| Jobs | Database | Wall s | Run s | Jobs/s | Events/s | Peak RSS MiB |"
echo "|---:|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Wall s, jobs/s and events/s cover the whole simrun process, timed by GNU time."
echo "Run s is simrun's own --stats time: generating the workload, simulating,"
echo "summarising and writing results.sqlite. It leaves out reading the scenario,"
echo "the first workload pass that checks for input errors, and the summary files."
echo "Load average (1, 5, 15 min) on $(nproc) cores: $load_before before the runs,"
echo "$(cut -d' ' -f1-3 /proc/loadavg) after them."
