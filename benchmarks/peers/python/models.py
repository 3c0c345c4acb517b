"""The benchmark's three networks, their seeded weights and inputs, and the files every peer reads.

Written once per run by `export` (run.sh calls it) into a work folder:

  <name>.safetensors   nn.Sequential state dict (0.weight, 0.bias, 2.weight, ...) plus netgen.activations: NetGen's Load
  <name>.onnx          torch.onnx.export of the same module (softmax included), dynamic batch axis: ONNX Runtime
  <name>.f32           NetGen's Parameters layout (per layer W row-major [out, in], then b), little-endian float32:
                       RTNeural, numpy and TorchSharp read this
  <name>.json          layer sizes and activations, so the readers of .f32 need no other description
  <workload>.input.f32 the inputs of an inference workload (I1: one example; I2: 256 examples)
  <workload>.torch.f32 PyTorch's float32 outputs for them, a reference printed beside the peers' differences

Fashion-MNIST images (real ones, not random) are the 784-wide inputs, so ReLU rows are as sparse as in use.
"""
import gzip
import json
import os
import struct

import numpy as np

SEED = 20261201

# name -> (sizes, activations of each Dense layer), as NetGen declares them (NetGen names in the metadata).
NETWORKS = {
    "tiny": ([16, 32, 32, 4], ["Tanh", "Tanh", "Identity"]),
    "medium": ([784, 128, 10], ["Relu", "Softmax"]),
    "large": ([784, 256, 128, 10], ["Relu", "Relu", "Softmax"]),
}

# workload -> (network, examples)
WORKLOADS = {"i1-tiny": ("tiny", 1), "i1-medium": ("medium", 1), "i2": ("large", 256)}

FASHION_DIR = "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    """IDX images (magic 0x803) as float32 [n, rows*cols] scaled to [0, 1], or labels (0x801) as int64 [n]."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    magic, count = struct.unpack(">II", raw[:8])
    if magic == 0x803:
        rows, cols = struct.unpack(">II", raw[8:16])
        pixels = np.frombuffer(raw, dtype=np.uint8, offset=16, count=count * rows * cols)
        return pixels.reshape(count, rows * cols).astype(np.float32) / np.float32(255)
    if magic == 0x801:
        return np.frombuffer(raw, dtype=np.uint8, offset=8, count=count).astype(np.int64)
    raise ValueError(f"{path}: magic {magic:#x} is neither IDX images (0x803) nor labels (0x801)")


def fashion(data_dir, split):
    """(images, labels) of 'train' or 't10k'."""
    images = read_idx(os.path.join(data_dir, f"{split}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(data_dir, f"{split}-labels-idx1-ubyte.gz"))
    return images, labels


def read_network(work, name):
    """(sizes, activations, [(W [out, in], b [out]) per layer]) from <name>.json and <name>.f32."""
    with open(os.path.join(work, name + ".json")) as f:
        meta = json.load(f)
    flat = np.fromfile(os.path.join(work, name + ".f32"), dtype="<f4")
    sizes, layers, at = meta["sizes"], [], 0
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        w = flat[at:at + fan_in * fan_out].reshape(fan_out, fan_in)
        at += fan_in * fan_out
        b = flat[at:at + fan_out]
        at += fan_out
        layers.append((w.copy(), b.copy()))
    if at != flat.size:
        raise ValueError(f"{name}.f32 holds {flat.size} floats; {sizes} needs {at}")
    return sizes, meta["activations"], layers


def read_input(work, workload):
    network, examples = WORKLOADS[workload]
    sizes = NETWORKS[network][0]
    return np.fromfile(os.path.join(work, workload + ".input.f32"), dtype="<f4").reshape(examples, sizes[0])


def export(work, data_dir):
    import torch
    from torch import nn

    os.makedirs(work, exist_ok=True)
    modules = {"Tanh": nn.Tanh, "Relu": nn.ReLU, "Softmax": lambda: nn.Softmax(dim=-1)}
    for index, (name, (sizes, activations)) in enumerate(NETWORKS.items()):
        torch.manual_seed(SEED + index)
        layers = []
        for (fan_in, fan_out), activation in zip(zip(sizes, sizes[1:]), activations):
            layers.append(nn.Linear(fan_in, fan_out))
            if activation != "Identity":
                layers.append(modules[activation]())
        model = nn.Sequential(*layers).eval()
        _save_safetensors(os.path.join(work, name + ".safetensors"), model.state_dict(),
                          {"netgen.activations": ",".join(activations), "source": "benchmarks/peers/python/models.py"})
        flat = []
        for layer in model:
            if isinstance(layer, nn.Linear):
                flat.append(layer.weight.detach().numpy().astype("<f4").ravel())
                flat.append(layer.bias.detach().numpy().astype("<f4").ravel())
        np.concatenate(flat).tofile(os.path.join(work, name + ".f32"))
        with open(os.path.join(work, name + ".json"), "w") as f:
            json.dump({"sizes": sizes, "activations": activations, "seed": SEED + index}, f)
        with torch.no_grad():
            torch.onnx.export(model, torch.zeros(1, sizes[0]), os.path.join(work, name + ".onnx"),
                              input_names=["x"], output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}},
                              opset_version=13)

    test_images, _ = fashion(data_dir, "t10k")
    generator = np.random.default_rng(SEED)
    inputs = {
        "i1-tiny": generator.standard_normal((1, 16), dtype=np.float32),
        "i1-medium": test_images[:1],
        "i2": test_images[:256],
    }
    for workload, x in inputs.items():
        np.ascontiguousarray(x, dtype="<f4").tofile(os.path.join(work, workload + ".input.f32"))


def _save_safetensors(path, state, metadata):
    """Safetensors by hand (the package is not in Debian): 8-byte header length, JSON header, data buffer."""
    header, chunks, offset = {"__metadata__": metadata}, [], 0
    for key, tensor in state.items():
        data = tensor.detach().contiguous().numpy().astype("<f4").tobytes()
        header[key] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for chunk in chunks:
            f.write(chunk)
