#!/usr/bin/python3
"""Writes the PyTorch reference files NetGen's tests load (tests/NetGen.Tests/TestData/):

  pytorch_sequential_4_8_8_3.safetensors  the state dict of a seeded nn.Sequential
                                          (Linear 4->8, Tanh, Linear 8->8, ReLU, Linear 8->3, Softmax), F32,
                                          tensor names as PyTorch gives them: 0.weight, 0.bias, 2.weight, ...
  pytorch_sequential_4_8_8_3.json         fixed inputs and PyTorch's float32 outputs for them

The safetensors file is written by hand (8-byte little-endian header length, JSON header, data) because the
safetensors package is not installed here; the format is https://github.com/huggingface/safetensors.
Run with Debian's python3-torch: /usr/bin/python3 tests/pytorch/make_reference.py
"""
import json
import os
import struct

import torch
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "NetGen.Tests", "TestData")
NAME = "pytorch_sequential_4_8_8_3"


def save_safetensors(path, tensors, metadata):
    header = {"__metadata__": metadata}
    chunks, offset = [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # pad so the data buffer is 8-byte aligned, as the reference writer does
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for c in chunks:
            f.write(c)


def main():
    torch.manual_seed(20261123)
    model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=-1))
    # Larger-than-default weights so the outputs are far from uniform and a wrong layer shows clearly.
    with torch.no_grad():
        for p in model.parameters():
            p.mul_(2.0)
    inputs = torch.randn(16, 4, generator=torch.Generator().manual_seed(7)) * 1.5
    with torch.no_grad():
        outputs = model(inputs)

    os.makedirs(OUT, exist_ok=True)
    save_safetensors(os.path.join(OUT, NAME + ".safetensors"), model.state_dict(),
                     {"format": "pt", "source": "tests/pytorch/make_reference.py", "torch": torch.__version__})
    with open(os.path.join(OUT, NAME + ".json"), "w") as f:
        json.dump({"torch": torch.__version__,
                   "model": str(model),
                   "inputs": inputs.tolist(),
                   "outputs": outputs.tolist()}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
