#!/usr/bin/python3
"""PyTorch and numpy peers of benchmarks/peers: one measurement per process, one JSON line on stdout.

  peers.py export  --work DIR [--data DIR]
  peers.py infer   --peer torch|numpy --workload i1-tiny|i1-medium|i2 --work DIR
                   [--warmup S] [--seconds S] [--out FILE]
  peers.py train   --peer torch|numpy --work DIR --epochs E [--data DIR]
  peers.py blas    (which BLAS and OpenBLAS core type this process runs)

Thread counts are set by run.sh in the environment before the interpreter starts (OMP_NUM_THREADS,
OPENBLAS_NUM_THREADS, MKL_NUM_THREADS), because OpenMP and OpenBLAS read them once at load; torch.set_num_threads
is called as well. Inference times repeated calls on the same inputs: batches of calls sized to last about 10 ms, one
sample per batch, median and min over the samples taken in --seconds after --warmup seconds of the same calls.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402


def blas_info():
    """The BLAS libraries this process loaded, with OpenBLAS's core type (the kernels it picked)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return [{"error": "threadpoolctl not installed (apt-get install python3-threadpoolctl)"}]
    return [{k: lib.get(k) for k in ("internal_api", "version", "architecture", "num_threads", "filepath")}
            for lib in threadpool_info() if lib.get("user_api") == "blas"]


def time_calls(call, warmup_seconds, seconds):
    """(median, min) seconds per call: samples of `per_sample` back-to-back calls, after warm-up."""
    end = time.perf_counter() + warmup_seconds
    calls = 0
    while time.perf_counter() < end or calls < 3:
        call()
        calls += 1
    start = time.perf_counter()
    call()
    one = max(time.perf_counter() - start, 1e-7)
    per_sample = max(1, int(0.01 / one))
    samples = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or len(samples) < 5:
        start = time.perf_counter()
        for _ in range(per_sample):
            call()
        samples.append((time.perf_counter() - start) / per_sample)
    return statistics.median(samples), min(samples), len(samples), per_sample


# ---------------------------------------------------------------- numpy

_NUMPY_ACTIVATIONS = {
    "Tanh": lambda z: np.tanh(z, out=z),
    "Relu": lambda z: np.maximum(z, 0, out=z),
    "Identity": lambda z: z,
}


def numpy_softmax(z):
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


def numpy_forward(layers, activations, x):
    """Dense layers as x @ W.T + b (W stays [out, in]; BLAS reads it transposed without a copy)."""
    a = x
    for (w, b), activation in zip(layers, activations):
        z = a @ w.T
        z += b
        a = numpy_softmax(z) if activation == "Softmax" else _NUMPY_ACTIVATIONS[activation](z)
    return a


# ---------------------------------------------------------------- torch

def torch_model(sizes, activations, layers):
    import torch
    from torch import nn

    modules = []
    for (fan_in, fan_out), activation, (w, b) in zip(zip(sizes, sizes[1:]), activations, layers):
        linear = nn.Linear(fan_in, fan_out)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(w))
            linear.bias.copy_(torch.from_numpy(b))
        modules.append(linear)
        if activation == "Tanh":
            modules.append(nn.Tanh())
        elif activation == "Relu":
            modules.append(nn.ReLU())
        elif activation == "Softmax":
            modules.append(nn.Softmax(dim=-1))
    return nn.Sequential(*modules)


def threads_from_environment():
    return int(os.environ.get("OMP_NUM_THREADS", "1"))


def infer(args):
    network, _ = models.WORKLOADS[args.workload]
    sizes, activations, layers = models.read_network(args.work, network)
    x = models.read_input(args.work, args.workload)
    threads = threads_from_environment()
    version = {"numpy": np.__version__}
    if args.peer == "torch":
        import torch
        torch.set_num_threads(threads)
        torch.set_flush_denormal(True)
        model = torch_model(sizes, activations, layers).eval()
        tx = torch.from_numpy(x)
        version["torch"] = torch.__version__

        def call():
            with torch.inference_mode():
                return model(tx)

        outputs = call().numpy()
    else:
        def call():
            return numpy_forward(layers, activations, x)

        outputs = call()
    if args.out:
        np.ascontiguousarray(outputs, dtype="<f4").tofile(args.out)
    median, fastest, samples, per_sample = time_calls(call, args.warmup, args.seconds)
    print(json.dumps({"peer": "pytorch" if args.peer == "torch" else "numpy", "workload": args.workload,
                      "threads": threads, "examples": x.shape[0], "median_s": median, "min_s": fastest,
                      "samples": samples, "calls_per_sample": per_sample, "versions": version,
                      "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", ""), "blas": blas_info()}))


# ---------------------------------------------------------------- training

BATCH, LEARNING_RATE = 64, 1e-3


def train_torch(layers, activations, sizes, train, test, epochs, threads, seed):
    import torch

    torch.manual_seed(seed)  # the shuffle only: the weights come from the export
    torch.set_num_threads(threads)
    # Its best setting on Intel cores: Adam's moments decay into the subnormal range for rarely-lit pixels, and each
    # subnormal operation takes a microcode assist (benchmarks/subnormal). NetGen's optimizers flush those values too.
    torch.set_flush_denormal(True)
    # The model ends in logits: CrossEntropyLoss applies log-softmax, the same function as NetGen's softmax + CCE.
    model = torch_model(sizes, activations[:-1] + ["Identity"], layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_fn = torch.nn.CrossEntropyLoss()
    x, y = torch.from_numpy(train[0]), torch.from_numpy(train[1])
    times = []
    for _ in range(epochs):
        order = torch.randperm(x.shape[0])
        start = time.perf_counter()
        for b in range(0, x.shape[0], BATCH):
            idx = order[b:b + BATCH]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
        times.append(time.perf_counter() - start)
    with torch.inference_mode():
        predicted = model(torch.from_numpy(test[0])).argmax(dim=1).numpy()
    return times, float((predicted == test[1]).mean()), {"torch": torch.__version__, "flush_denormal": True}


def train_numpy(layers, activations, train, test, epochs, seed):
    """Hand-written forward, backward and Adam (PyTorch's update, bias-corrected), vectorised per batch."""
    params = [p for layer in layers for p in layer]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    scratch = [np.empty_like(p) for p in params]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    x, y = train
    onehot = np.eye(10, dtype=np.float32)[y]
    rng = np.random.default_rng(seed)
    step, times = 0, []
    for _ in range(epochs):
        order = rng.permutation(x.shape[0])
        start = time.perf_counter()
        for b in range(0, x.shape[0], BATCH):
            idx = order[b:b + BATCH]
            xb, tb = x[idx], onehot[idx]
            acts = [xb]
            for i, ((w, bias), activation) in enumerate(zip(layers, activations)):
                z = acts[-1] @ w.T
                z += bias
                acts.append(numpy_softmax(z) if activation == "Softmax" else np.maximum(z, 0, out=z))
            delta = (acts[-1] - tb) / np.float32(xb.shape[0])  # d(mean CE)/d(logits) through softmax
            grads = [None] * len(params)
            for i in range(len(layers) - 1, -1, -1):
                w = layers[i][0]
                grads[2 * i] = delta.T @ acts[i]
                grads[2 * i + 1] = delta.sum(axis=0)
                if i > 0:
                    delta = delta @ w
                    delta *= acts[i] > 0  # ReLU'(z) from its output
            step += 1
            c1, c2 = 1 - beta1 ** step, 1 - beta2 ** step
            for p, g, mi, vi, s in zip(params, grads, m, v, scratch):
                mi *= beta1
                mi += (1 - beta1) * g
                vi *= beta2
                np.multiply(g, g, out=s)
                s *= 1 - beta2
                vi += s
                np.divide(vi, c2, out=s)
                np.sqrt(s, out=s)
                s += eps
                np.divide(mi, s, out=s)
                s *= LEARNING_RATE / c1
                p -= s
        times.append(time.perf_counter() - start)
    predicted = numpy_forward(layers, activations, test[0]).argmax(axis=1)
    return times, float((predicted == test[1]).mean()), {"numpy": np.__version__}


def train(args):
    sizes, activations, layers = models.read_network(args.work, "large")
    train_set = models.fashion(args.data, "train")
    test_set = models.fashion(args.data, "t10k")
    threads = threads_from_environment()
    if args.peer == "torch":
        times, accuracy, version = train_torch(layers, activations, sizes, train_set, test_set, args.epochs, threads, args.seed)
    else:
        times, accuracy, version = train_numpy(layers, activations, train_set, test_set, args.epochs, args.seed)
    print(json.dumps({"peer": "pytorch" if args.peer == "torch" else "numpy", "workload": "t1", "threads": threads,
                      "epoch_s": times, "test_accuracy": accuracy, "epochs": args.epochs, "versions": version,
                      "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", ""), "blas": blas_info()}))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("export")
    p.add_argument("--work", required=True)
    p.add_argument("--data", default=models.FASHION_DIR)
    p = sub.add_parser("infer")
    p.add_argument("--peer", choices=["torch", "numpy"], required=True)
    p.add_argument("--workload", choices=list(models.WORKLOADS), required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--warmup", type=float, default=1.0)
    p.add_argument("--seconds", type=float, default=2.0)
    p.add_argument("--out")
    p = sub.add_parser("train")
    p.add_argument("--peer", choices=["torch", "numpy"], required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--seed", type=int, default=models.SEED, help="the shuffle's seed (the weights are the export's)")
    p.add_argument("--data", default=models.FASHION_DIR)
    sub.add_parser("blas")
    args = parser.parse_args()
    if args.command == "export":
        models.export(args.work, args.data)
    elif args.command == "infer":
        infer(args)
    elif args.command == "train":
        train(args)
    else:
        import torch  # noqa: F401  (loads libblas.so.3 as the torch peer does)
        print(json.dumps({"blas": blas_info()}))


if __name__ == "__main__":
    main()
