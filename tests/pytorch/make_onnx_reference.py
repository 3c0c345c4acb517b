#!/usr/bin/python3
"""Writes the PyTorch-exported ONNX model NetGen's tests load and embed, and PyTorch's outputs for it:

  tests/NetGen.TestNetworks/Weights/pytorch_4_16_8_3.onnx   torch.onnx.export of a seeded nn.Sequential
                                                             (Linear 4->16, Tanh, Linear 16->8, LeakyReLU(0.2),
                                                             Linear 8->3, Softmax(dim=1)), opset 13, dynamic batch
  tests/NetGen.Tests/TestData/pytorch_4_16_8_3_onnx.json     fixed inputs and PyTorch's float32 outputs for them

The .onnx file is checked with onnx.checker.check_model before it is written out. NetGen.TestNetworks bakes it into
PyTorchOnnxNetwork with [EmbeddedWeights]; NetGen.Tests loads it with net.Load and compares both with the outputs.
Run with Debian's python3-torch and python3-onnx: /usr/bin/python3 tests/pytorch/make_onnx_reference.py
"""
import io
import json
import os

import onnx
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "..", "NetGen.TestNetworks", "Weights", "pytorch_4_16_8_3.onnx")
OUTPUTS = os.path.join(HERE, "..", "NetGen.Tests", "TestData", "pytorch_4_16_8_3_onnx.json")

torch.manual_seed(20261201)
model = nn.Sequential(
    nn.Linear(4, 16), nn.Tanh(),
    nn.Linear(16, 8), nn.LeakyReLU(0.2),
    nn.Linear(8, 3), nn.Softmax(dim=1),
).eval()

buffer = io.BytesIO()
torch.onnx.export(
    model, torch.zeros(1, 4), buffer,
    input_names=["features"], output_names=["probabilities"],
    dynamic_axes={"features": {0: "batch"}, "probabilities": {0: "batch"}},
    opset_version=13, do_constant_folding=True,
)
proto = onnx.load_from_string(buffer.getvalue())
onnx.checker.check_model(proto, full_check=True)
with open(MODEL, "wb") as f:
    f.write(buffer.getvalue())

inputs = torch.randn(9, 4) * 2
with torch.no_grad():
    outputs = model(inputs)
with open(OUTPUTS, "w") as f:
    json.dump({
        "torch": torch.__version__,
        "onnx": onnx.__version__,
        "model": str(model),
        "nodes": [n.op_type for n in proto.graph.node],
        "inputs": inputs.tolist(),
        "outputs": outputs.tolist(),
    }, f, indent=1)
print("nodes:", [n.op_type for n in proto.graph.node])
print("initializers:", [(i.name, list(i.dims)) for i in proto.graph.initializer])
