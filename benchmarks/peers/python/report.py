#!/usr/bin/python3
"""Checks and tables for benchmarks/peers/run.sh.

  report.py check --work DIR          every peer's outputs (DIR/outputs/<config>-<workload>.f32) against NetGen's
  report.py table --work DIR --md F   the ratio table from DIR/results.jsonl, DIR/peaks.jsonl and DIR/machine.json

results.jsonl holds one object per measurement: {"round": r, "config": name, "result": <the runner's JSON line>}.
"""
import argparse
import glob
import json
import os
import statistics
import sys

import numpy as np

# Largest |peer - NetGen| accepted. Peers sum the same float32 products in other orders (BLAS blocking, SIMD lanes,
# Eigen's and ORT's tanh/exp approximations). The float32 bound on reordering a sum of n terms is about n * 2^-24 times
# the sum of the terms' magnitudes: for the 784-input layers 784 * 6e-8 = 4.7e-5 times sum|w x|, which these PyTorch-
# initialised weights and [0, 1] pixels keep below 2, so 1e-4 holds for any correct peer and catches a wrong layer,
# a wrong activation or transposed weights (those differ by more than 1e-2).
TOLERANCE = 1e-4

COLUMNS = [("netgen", "NetGen"), ("ort", "ONNX Runtime C#"), ("rtneural", "RTNeural ModelT"), ("pytorch", "PyTorch"),
           ("numpy", "numpy"), ("torchsharp", "TorchSharp")]

# workload key -> (label, unit, higher is better)
ROWS = [
    ("i1-tiny/1", "I1 16-32-32-4 tanh, one sample", "ns/call", False),
    ("i1-medium/1", "I1 784-128-10 softmax, one sample", "µs/call", False),
    ("i2/1", "I2 784-256-128-10, batch 256, 1 thread", "examples/s", True),
    ("i2/2", "I2 same, 2 threads", "examples/s", True),
    ("t1/1", "T1 Fashion-MNIST epoch, Adam, batch 64, 1 thread", "s/epoch", False),
    ("t1/2", "T1 same, 2 threads", "s/epoch", False),
]

# Multiply-adds of one 784-256-128-10 example: 2 flops each.
I2_FLOPS_PER_EXAMPLE = 2 * (784 * 256 + 256 * 128 + 128 * 10)


def check(work):
    outputs = os.path.join(work, "outputs")
    worst, failures = 0.0, []
    for reference in sorted(glob.glob(os.path.join(outputs, "netgen-*.f32"))):
        suffix = os.path.basename(reference)[len("netgen-"):]
        expected = np.fromfile(reference, dtype="<f4")
        for path in sorted(glob.glob(os.path.join(outputs, "*-" + suffix))):
            config = os.path.basename(path)[:-len(suffix) - 1]
            if config == "netgen":
                continue
            got = np.fromfile(path, dtype="<f4")
            if got.shape != expected.shape:
                failures.append(f"{config} {suffix}: {got.size} outputs, NetGen has {expected.size}")
                continue
            diff = float(np.max(np.abs(got - expected)))
            worst = max(worst, diff)
            verdict = "ok" if diff <= TOLERANCE else "DIFFERS"
            print(f"  {suffix[:-4]:<14} {config:<18} max |peer - NetGen| = {diff:.2e}  {verdict}")
            if diff > TOLERANCE:
                failures.append(f"{config} {suffix}: max difference {diff:.3g} > {TOLERANCE}")
    print(f"  largest difference {worst:.2e} (tolerance {TOLERANCE:g})")
    if failures:
        print("Outputs disagree with NetGen's:\n  " + "\n  ".join(failures), file=sys.stderr)
        sys.exit(1)


def load_results(work):
    cells = {}  # (workload/threads, column) -> {config: [values]}
    extra = {}  # NetGen allocation, accuracies, methods
    with open(os.path.join(work, "results.jsonl")) as f:
        for line in f:
            entry = json.loads(line)
            r, config = entry["result"], entry["config"]
            key = f"{r['workload']}/{r['threads']}"
            column = r["peer"]
            if "seed" in entry:  # --accuracy-seeds: only the test accuracy counts
                extra.setdefault(("seeds", column), []).append((entry["seed"], r["epochs"], r["test_accuracy"]))
                continue
            if r["workload"] == "t1":
                timed = r["epoch_s"][1:] or r["epoch_s"]  # the first epoch is warm-up
                values = timed
                extra.setdefault(("accuracy", key, column), []).append((r["epochs"], r["test_accuracy"]))
                if "allocated_bytes_per_epoch" in r:
                    extra.setdefault(("alloc", key), []).append(r["allocated_bytes_per_epoch"])
            else:
                scale = {"i1-tiny": 1e9, "i1-medium": 1e6}.get(r["workload"])
                values = [r["median_s"] * scale] if scale else [r["examples"] / r["median_s"]]
                if column == "netgen":
                    extra.setdefault(("alloc", key), []).append(r["allocated_bytes_per_call"])
            if "method" in r:
                extra[("method", key, column)] = r["method"]
            if "blas" in r:
                extra[("blas", column)] = r["blas"]
            cells.setdefault((key, column), {}).setdefault(config, []).extend(values)
    return cells, extra


def seed_spreads(extra):
    """{column: (label, [accuracy per shuffle seed])}: the rounds' own seed (their median) and every --accuracy-seeds run."""
    spreads = {}
    for column, label in COLUMNS:
        seeded = extra.get(("seeds", column))
        rounds = extra.get(("accuracy", "t1/1", column))
        if not seeded or not rounds:
            continue
        epochs = rounds[0][0]
        spreads[column] = (label, [statistics.median(a for _, a in rounds)] + [a for _, e, a in seeded if e == epochs])
    return spreads


def summarise(values_by_config, higher_better):
    """(best config's median, that config, all configs' medians)."""
    medians = {c: statistics.median(v) for c, v in values_by_config.items()}
    best = (max if higher_better else min)(medians, key=medians.get)
    return medians[best], best, medians


def fmt(value, unit):
    if value is None:
        return "—"
    if unit == "examples/s":
        return f"{value / 1000:,.0f}k"
    if unit == "s/epoch":
        return f"{value:.2f}"
    return f"{value:,.0f}" if unit == "ns/call" else f"{value:.2f}"


def table(work, md_path):
    cells, extra = load_results(work)
    with open(os.path.join(work, "machine.json")) as f:
        machine = json.load(f)
    peaks = {}
    with open(os.path.join(work, "peaks.jsonl")) as f:
        for line in f:
            p = json.loads(line)
            if p.get("supported"):
                peaks[(p["bits"], p["threads"])] = p["gflops"]
    widest = max((bits for bits, _ in peaks), default=None)

    out = []
    out.append(f"# Peer benchmark, {machine['date']}")
    out.append("")
    out.append(f"CPU: **{machine['cpu']}** ({machine['cores']} cores; {machine['flags']})  ")
    peak_text = ", ".join(
        f"{bits}-bit {peaks[(bits, 1)]:.0f} (1 core) / {peaks.get((bits, machine['cores']), float('nan')):.0f} ({machine['cores']} cores)"
        for bits in sorted({b for b, _ in peaks}, reverse=True))
    out.append(f"FMA peak, GFLOP/s: {peak_text}  ")
    out.append(f"Load before: `{machine['uptime_before']}`; after: `{machine['uptime_after']}`  ")
    out.append(f"Rounds: {machine['rounds']}{' (--quick)' if machine['quick'] else ''}; OpenBLAS core type for PyTorch/numpy: "
               f"{machine['openblas']}  ")
    out.append(f"Versions: {machine['versions']}")
    out.append("")
    header = ["workload", "unit"] + [label for _, label in COLUMNS] + ["best peer", "NetGen vs best", "NetGen allocated"]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "|".join(["---", "---"] + ["---:"] * (len(header) - 2)) + "|")
    ratios, values, notes = {}, {}, []
    for key, label, unit, higher in ROWS:
        row = [label, unit]
        best_peer, best_value = None, None
        for column, column_label in COLUMNS:
            data = cells.get((key, column))
            if not data:
                row.append("—")
                continue
            value, config, medians = summarise(data, higher)
            values[(key, column)] = value
            text = fmt(value, unit)
            if len(medians) > 1:
                text += f" ({config})"
                notes.append(f"{label}, {column_label}: " + ", ".join(f"{c} {fmt(v, unit)}" for c, v in sorted(medians.items())))
            row.append(text)
            if column != "netgen" and (best_value is None or (value > best_value if higher else value < best_value)):
                best_peer, best_value = column_label, value
        netgen = values.get((key, "netgen"))
        ratio = None
        if netgen is not None and best_value is not None:
            ratio = netgen / best_value if higher else best_value / netgen
            ratios[key] = ratio
        row.append(f"{best_peer} {fmt(best_value, unit)}" if best_peer else "—")
        row.append(f"{ratio:.2f}x" if ratio is not None else "—")
        alloc = extra.get(("alloc", key))
        row.append((f"{statistics.median(alloc):,.0f} B/epoch" if key.startswith("t1") else f"{statistics.median(alloc):,.1f} B/call")
                   if alloc else "—")
        out.append("| " + " | ".join(row) + " |")
    out.append("")
    out.append("Speeds are medians over rounds (I1, I2: of each process's median per call; T1: of every timed epoch after "
               "each process's warm-up epoch). \"NetGen vs best\" is NetGen's speed divided by the best peer's (above 1: NetGen is faster).")
    for key, column in [("i2/2", "netgen")]:
        if ("method", key, column) in extra:
            out.append(f"NetGen at 2 threads (I2): {extra[('method', key, column)]}.")
    for note in notes:
        out.append(f"- {note}")
    accuracy_lines = []
    for column, column_label in COLUMNS:
        acc = extra.get(("accuracy", "t1/1", column))
        if acc:
            epochs = acc[0][0]
            accuracy_lines.append((column, column_label, epochs, statistics.median(a for _, a in acc)))
    if accuracy_lines:
        out.append("")
        out.append("Test accuracy (10,000 test images) after the T1 run's epochs, 1 thread: " + ", ".join(
            f"{label} {a:.4f} ({e} epochs)" for _, label, e, a in accuracy_lines))
    spreads = seed_spreads(extra)  # also judges the accuracy goal below
    if spreads:
        out.append("")
        out.append("Test accuracy over shuffle seeds (the rounds' seed and the `--accuracy-seeds` runs; T1, 1 thread): " + "; ".join(
            f"{label} mean {statistics.mean(accs):.4f}, range {min(accs):.4f} to {max(accs):.4f} over {len(accs)} seeds"
            for label, accs in spreads.values()))

    # Goals of issue 9.
    def goal(text, met):
        out.append(f"| {text} | {'met' if met else ('not met' if met is not None else 'not measured')} |")

    def ratio_vs(key, column):
        n, p = values.get((key, "netgen")), values.get((key, column))
        if n is None or p is None:
            return None
        return p / n  # times: the peer's over NetGen's

    out.append("")
    out.append("| goal (issue 9, on this machine) | status |")
    out.append("|---|---|")
    for key, name in [("i1-tiny/1", "16-32-32-4"), ("i1-medium/1", "784-128-10")]:
        r = ratio_vs(key, "rtneural")
        alloc = extra.get(("alloc", key))
        goal(f"I1 {name}: ≥ 1.5x RTNeural's speed ({'%.2fx' % r if r else 'no RTNeural run'}) with 0 bytes allocated "
             f"({'%.1f' % statistics.median(alloc) if alloc else '?'} B/call)",
             None if r is None or not alloc else (r >= 1.5 and statistics.median(alloc) == 0))
    for key, name in [("i2/1", "1 thread"), ("i2/2", "2 threads"), ("t1/1", "1 thread"), ("t1/2", "2 threads")]:
        target = 1.1 if key.startswith("i2") else 2.5
        r = ratios.get(key)
        goal(f"{key.split('/')[0].upper()} {name}: ≥ {target}x the best peer ({'%.2fx' % r if r else '?'})",
             None if r is None else r >= target)
    i2 = values.get(("i2/1", "netgen"))
    if i2 is not None and widest is not None:
        gflops = i2 * I2_FLOPS_PER_EXAMPLE / 1e9
        share = gflops / peaks[(widest, 1)]
        goal(f"I2 1 thread: ≥ 90% of the {widest}-bit FMA peak of one core ({gflops:.0f} GFLOP/s = {share:.0%})", share >= 0.9)
    for workload, higher in [("i2", True), ("t1", False)]:
        one, two = values.get((f"{workload}/1", "netgen")), values.get((f"{workload}/2", "netgen"))
        if one is not None and two is not None:
            scaling = two / one if higher else one / two
            goal(f"{workload.upper()}: 2 threads ≥ 1.8x 1 thread ({scaling:.2f}x)", scaling >= 1.8)
    ng = extra.get(("accuracy", "t1/1", "netgen"))
    pt = extra.get(("accuracy", "t1/1", "pytorch"))
    if "netgen" in spreads and "pytorch" in spreads and ng and ng[0][0] == 4:
        a, b = statistics.mean(spreads["netgen"][1]), statistics.mean(spreads["pytorch"][1])
        n = min(len(spreads["netgen"][1]), len(spreads["pytorch"][1]))
        goal(f"T1 test accuracy after 4 epochs within 0.01 of PyTorch's (means over {n} shuffle seeds: {a:.4f} vs {b:.4f})",
             abs(a - b) <= 0.01)
    elif ng and pt:
        a, b = statistics.median(x for _, x in ng), statistics.median(x for _, x in pt)
        epochs = ng[0][0]
        goal(f"T1 test accuracy after {epochs} epochs within 0.01 of PyTorch's ({a:.4f} vs {b:.4f})"
             + ("" if epochs == 4 else " — the goal is stated for 4 epochs; this run used fewer"),
             abs(a - b) <= 0.01 if epochs == 4 else None)
    else:
        goal("T1 test accuracy after 4 epochs within 0.01 of PyTorch's", None)
    goal("Main job ≥ 3x faster than before issue 9 (`dotnet run -c Release --project samples/FashionMnist`; not run here)", None)
    blas = [f"{c}: {', '.join(str(b.get('architecture')) + ' ' + str(b.get('version')) for b in extra[('blas', c)])}"
            for c in ("pytorch", "numpy") if ("blas", c) in extra]
    if blas:
        out.append("")
        out.append("BLAS seen by the Python peers (threadpoolctl): " + "; ".join(blas))
    text = "\n".join(out) + "\n"
    print(text)
    if md_path:
        os.makedirs(os.path.dirname(os.path.abspath(md_path)), exist_ok=True)
        with open(md_path, "w") as f:
            f.write(text)
        print(f"Written to {md_path}")


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check")
    p.add_argument("--work", required=True)
    p = sub.add_parser("table")
    p.add_argument("--work", required=True)
    p.add_argument("--md")
    args = parser.parse_args()
    if args.command == "check":
        check(args.work)
    else:
        table(args.work, args.md)


if __name__ == "__main__":
    main()
