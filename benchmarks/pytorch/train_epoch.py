#!/usr/bin/python3
"""PyTorch reference for NetGen's training benchmark (issue 4).

One epoch of a 784-256-128-10 MLP (ReLU hidden, softmax output through CrossEntropyLoss on logits), Adam(lr=1e-3),
batch 64, over 60,000 examples -- the same workload as benchmarks/NetGen.Benchmarks TrainingEpochBenchmarks.

Thread pools are pinned per run through the environment, which torch reads only at import, so each thread setting runs
in a fresh interpreter:  OMP_NUM_THREADS = OPENBLAS_NUM_THREADS = MKL_NUM_THREADS = n, and optionally
OMP_WAIT_POLICY=PASSIVE (without it Debian's OpenMP and OpenBLAS pools spin against each other on two cores).

Debian's torch uses the system libblas.so.3; with only the reference BLAS installed an epoch is ~8x slower. Install
libopenblas0-pthread (run-training-comparison.sh points LD_LIBRARY_PATH at it for its own processes).

Usage:  /usr/bin/python3 train_epoch.py [--threads 1 2] [--epochs 4] [--passive]
Prints one line per setting: threads, median seconds per epoch, examples per second (epoch 1 is warm-up).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

EXAMPLES, BATCH, INPUTS, CLASSES = 60_000, 64, 784, 10


def run_child(epochs: int) -> None:
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(int(os.environ["OMP_NUM_THREADS"]))
    x = torch.rand(EXAMPLES, INPUTS)
    y = torch.randint(0, CLASSES, (EXAMPLES,))
    model = torch.nn.Sequential(
        torch.nn.Linear(INPUTS, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, CLASSES))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    times = []
    for _ in range(epochs):
        order = torch.randperm(EXAMPLES)
        start = time.perf_counter()
        for b in range(0, EXAMPLES, BATCH):
            idx = order[b:b + BATCH]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
        times.append(time.perf_counter() - start)
    steady = times[1:] if len(times) > 1 else times
    median = statistics.median(steady)
    print(json.dumps({"threads": torch.get_num_threads(), "epoch_seconds": times,
                      "median_seconds": median, "examples_per_second": EXAMPLES / median,
                      "torch": torch.__version__}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--passive", action="store_true", help="set OMP_WAIT_POLICY=PASSIVE")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.epochs)
        return
    for n in args.threads:
        env = dict(os.environ, OMP_NUM_THREADS=str(n), OPENBLAS_NUM_THREADS=str(n), MKL_NUM_THREADS=str(n))
        if args.passive:
            env["OMP_WAIT_POLICY"] = "PASSIVE"
        out = subprocess.run([sys.executable, __file__, "--child", "--epochs", str(args.epochs)],
                             env=env, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        result = json.loads(out)
        result["passive"] = args.passive
        print(json.dumps(result))


if __name__ == "__main__":
    main()
