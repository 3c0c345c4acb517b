#!/usr/bin/env bash
# Issue 4's training comparison in one run: one epoch of 784-256-128-10 (ReLU, softmax, Adam 1e-3, batch 64) over
# 60,000 examples, PyTorch (Debian's python3-torch; 1 and 2 threads, 2 threads also with OMP_WAIT_POLICY=PASSIVE)
# and NetGen (BenchmarkDotNet TrainingEpochBenchmarks, 1 and 2 threads), then a side-by-side table of medians.
# Takes a few minutes. Other processes on the machine skew both sides: the load average is printed before and after.
#
#   bash benchmarks/run-training-comparison.sh [--epochs N]     (PyTorch epochs per setting, default 4; the first is warm-up)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=4
if [ "${1:-}" = "--epochs" ]; then epochs=$2; fi

# Debian's torch links the generic libblas.so.3; with only the reference (netlib) BLAS behind it an epoch takes about
# 12 s instead of 1.6. Use OpenBLAS (apt-get install libopenblas0-pthread) for this process only when it is there,
# so the system-wide BLAS choice is left alone.
openblas=/usr/lib/x86_64-linux-gnu/openblas-pthread
if [ -e "$openblas/libblas.so.3" ]; then
  export LD_LIBRARY_PATH="$openblas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  echo "PyTorch BLAS: OpenBLAS ($openblas)"
else
  echo "PyTorch BLAS: the system's libblas.so.3 ($(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)); install libopenblas0-pthread for a fair comparison"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "PyTorch ($epochs epochs per setting, median of all but the first)..."
/usr/bin/python3 benchmarks/pytorch/train_epoch.py --threads 1 2 --epochs "$epochs" > "$work/torch.jsonl"
/usr/bin/python3 benchmarks/pytorch/train_epoch.py --threads 2 --epochs "$epochs" --passive >> "$work/torch.jsonl"

echo "NetGen (BenchmarkDotNet)..."
dotnet run -c Release --project benchmarks/NetGen.Benchmarks -- --filter '*TrainingEpochBenchmarks*' \
  --exporters json --artifacts "$work/bdn" > "$work/netgen.log"

echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$work" <<'PY'
import glob, json, sys
work = sys.argv[1]
examples = 60_000
rows = []
for line in open(f"{work}/torch.jsonl"):
    r = json.loads(line)
    label = f"PyTorch {r['torch']}, {r['threads']} thread{'s' if r['threads'] > 1 else ''}" + (", OMP passive" if r["passive"] else "")
    rows.append((label, r["median_seconds"], None))
report = glob.glob(f"{work}/bdn/results/*TrainingEpochBenchmarks-report-full-compressed.json")[0]
for b in json.load(open(report))["Benchmarks"]:
    threads = b["Parameters"].split("=")[1]
    rows.append((f"NetGen, {threads} thread{'s' if threads != '1' else ''}", b["Statistics"]["Median"] / 1e9,
                 b["Memory"]["BytesAllocatedPerOperation"]))
best_torch = min(s for label, s, _ in rows if label.startswith("PyTorch"))
print()
print(f"| {'setting':<40} | {'s/epoch (median)':>16} | {'examples/s':>10} | {'vs best PyTorch':>15} | {'allocated/epoch':>15} |")
print(f"|{'-' * 42}|{'-' * 17}:|{'-' * 11}:|{'-' * 16}:|{'-' * 16}:|")
for label, seconds, allocated in rows:
    alloc = "n/a" if allocated is None else f"{allocated:,} B"
    print(f"| {label:<40} | {seconds:>16.3f} | {examples / seconds:>10,.0f} | {best_torch / seconds:>14.2f}x | {alloc:>15} |")
PY
