#!/usr/bin/env python3
"""Writes all_bytes_4_8_3.safetensors for NetGen.TestNetworks.AllBytesNetwork (4-8-3, 67 parameters).

The parameters' little-endian bytes run 1, 2, ..., 255, 0, 1, ..., so the data holds every byte value, 0x00 and
0x80-0x9F among them (what text decoding of an AdditionalFile would corrupt). Every fourth byte (a float's sign and
high exponent bits) is then a multiple of 4, never 0x7F or 0xFF, so every float is finite; the script checks both.
Run: python3 make_all_bytes.py
"""
import json
import struct

LAYERS = [(4, 8), (8, 3)]  # (inputs, units)
count = sum(o * i + o for i, o in LAYERS)
data = bytearray((i + 1) % 256 for i in range(4 * count))
assert set(data) == set(range(256))
assert all(not ((data[4 * k + 3] & 0x7F) == 0x7F and (data[4 * k + 2] & 0x80)) for k in range(count))

header, offset = {}, 0
for n, (i, o) in enumerate(LAYERS):
    for name, shape in ((f"layers.{n}.weight", [o, i]), (f"layers.{n}.bias", [o])):
        size = 4
        for s in shape:
            size *= s
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
text = json.dumps(header, separators=(",", ":"))
text += " " * (-len(text) % 8)
with open("all_bytes_4_8_3.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text.encode() + bytes(data))
