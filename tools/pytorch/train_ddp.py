#!/usr/bin/python3
"""Trains a NetGen-shaped dense network with PyTorch DistributedDataParallel and writes files NetGen loads unchanged.

The network is the one a NetGen class declares as

    [Network(4)] [Dense(16, Activation.Tanh)] [Dense(3, Activation.Softmax)]

i.e. nn.Sequential(Linear(4, 16), Tanh(), Linear(16, 3)) trained on logits with cross-entropy (NetGen's Softmax output
with categorical cross-entropy), on a CSV data set whose last column is a text class label (default: data/iris.csv).

Outputs, written by rank 0 into --out:
  model.safetensors   the state dict (0.weight, 0.bias, 2.weight, 2.bias, F32) with the standardizer in NetGen's
                      metadata keys, so `net.Load(path)` returns it; loads and embeds ([EmbeddedWeights]) unchanged
  model.onnx          torch.onnx.export of the same network with a final Softmax (opset 13, dynamic batch)
  reference.json      the first rows of the data (standardized), PyTorch's probabilities for them, and the run's facts

Launch on one machine (this spawns --nproc processes, each a DDP rank on the gloo backend, CPU only):
    python3 tools/pytorch/train_ddp.py --nproc 2 --epochs 1 --out out/ddp
Launch under torchrun (one process per rank; torchrun sets RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT):
    torchrun --nnodes 2 --nproc-per-node 4 --rdzv-backend c10d --rdzv-endpoint HOST:29400 tools/pytorch/train_ddp.py --out out/ddp
docs/scale-out.md describes both and what has been run where.
"""
import argparse
import csv
import json
import os
import socket
import struct

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

HIDDEN = 16


def load_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    classes = sorted({r[-1] for r in rows})
    x = torch.tensor([[float(v) for v in r[:-1]] for r in rows], dtype=torch.float32)
    y = torch.tensor([classes.index(r[-1]) for r in rows], dtype=torch.long)
    return header, classes, x, y


def g9(values):
    # NetGen's metadata format: comma-separated floats that round-trip float32 exactly.
    return ",".join(repr(float(v)) for v in values.tolist())


def save_safetensors(path, tensors, metadata):
    # Written by hand (8-byte little-endian header length, JSON header, data): the safetensors package is not in Debian.
    header = {"__metadata__": metadata}
    chunks, offset = [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * (-len(text) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text.encode() + b"".join(chunks))
    os.replace(tmp, path)


def train(rank, world_size, args):
    dist.init_process_group("gloo", rank=rank, world_size=world_size)
    torch.manual_seed(args.seed)  # the same initial weights on every rank (DDP also broadcasts rank 0's)
    header, classes, x, y = load_csv(args.data)
    means, stds = x.mean(0), x.std(0, unbiased=False)
    xs = (x - means) / stds
    dataset = TensorDataset(xs, y)
    # Each rank sees its own shard of every epoch; DDP averages the gradients across ranks after each backward.
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True, seed=args.seed)
    loader = DataLoader(dataset, batch_size=args.batch_size, sampler=sampler)
    model = nn.Sequential(nn.Linear(x.shape[1], HIDDEN), nn.Tanh(), nn.Linear(HIDDEN, len(classes)))
    ddp = DistributedDataParallel(model)
    optimizer = torch.optim.Adam(ddp.parameters(), lr=args.lr)
    loss_fn = nn.CrossEntropyLoss()
    steps = 0
    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        for xb, yb in loader:
            optimizer.zero_grad()
            loss_fn(ddp(xb), yb).backward()
            optimizer.step()
            steps += 1

    # Every rank must hold the same weights after synchronized steps; gather them to prove it.
    flat = torch.cat([p.detach().flatten() for p in model.parameters()])
    gathered = [torch.zeros_like(flat) for _ in range(world_size)]
    dist.all_gather(gathered, flat)
    if rank == 0:
        spread = max(float((g - flat).abs().max()) for g in gathered)
        write_outputs(args, model.eval(), header, classes, xs, means, stds, world_size, steps, spread)
    dist.barrier()
    dist.destroy_process_group()


def write_outputs(args, model, header, classes, xs, means, stds, world_size, steps, spread):
    os.makedirs(args.out, exist_ok=True)
    metadata = {
        "format": "pt",
        "netgen.standardizer.means": g9(means),
        "netgen.standardizer.stds": g9(stds),
        "trained_by": f"tools/pytorch/train_ddp.py, DistributedDataParallel gloo, world size {world_size}",
    }
    save_safetensors(os.path.join(args.out, "model.safetensors"), model.state_dict(), metadata)
    exported = nn.Sequential(*model, nn.Softmax(dim=1)).eval()
    onnx_path = os.path.join(args.out, "model.onnx")
    torch.onnx.export(exported, torch.zeros(1, xs.shape[1]), onnx_path + ".tmp",
                      input_names=["features"], output_names=["probabilities"],
                      dynamic_axes={"features": {0: "batch"}, "probabilities": {0: "batch"}}, opset_version=13)
    os.replace(onnx_path + ".tmp", onnx_path)
    sample = xs[:: max(1, len(xs) // 12)]
    with torch.no_grad():
        probabilities = exported(sample)
    with open(os.path.join(args.out, "reference.json"), "w") as f:
        json.dump({
            "torch": torch.__version__, "world_size": world_size, "epochs": args.epochs, "steps_per_rank": steps,
            "replica_max_difference": spread, "classes": classes, "features": header[:-1],
            "inputs": sample.tolist(), "outputs": probabilities.tolist(),
        }, f, indent=1)
    print(f"rank 0: {steps} steps per rank on {world_size} ranks; replicas differ by at most {spread}; wrote {args.out}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=os.path.join(here, "..", "..", "data", "iris.csv"))
    parser.add_argument("--out", default="out/ddp")
    parser.add_argument("--nproc", type=int, default=2, help="processes to spawn when not started by torchrun")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=16, help="per rank")
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(1)
    if "RANK" in os.environ and "WORLD_SIZE" in os.environ:
        train(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), args)  # torchrun / a cluster launcher
        return
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", str(free_port()))
    mp.spawn(train, args=(args.nproc, args), nprocs=args.nproc, join=True)


if __name__ == "__main__":
    main()
