#!/usr/bin/env bash
# Generator cost in the build (issue 10, item 8). Run on a quiet machine (timings on a shared CPU mean nothing):
#   bash benchmarks/GeneratorCost/measure.sh [repeats]
# (`bash benchmarks/GeneratorCost/measure.sh 1` is a functional check of the script, about 5 minutes on a loaded 2-core
# machine; its numbers mean nothing.)
# For each configuration it compiles this project `repeats` times (default 15) after one warm-up, each a full
# rebuild of this project only (--no-incremental, project references already built), and prints the median wall time:
#   1. 20 networks, generator and analyzers off (-p:WithGenerator=false)
#   2. 20 networks, generator and analyzers on            -> the difference is the generator's added cost (goal < 50 ms)
#   3. as 2 plus a 784-256-128-10 network embedding a 235,146-parameter safetensors file (-p:WithEmbeddedWeights=true)
# It then prints csc's own per-generator and per-analyzer times (-p:ReportAnalyzer=true) for configurations 2 and 3.
set -euo pipefail
cd "$(dirname "$0")"
repeats=${1:-15}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

# The weights file for configuration 3: NetGen's own tensor names (layers.{i}.weight [out, in], layers.{i}.bias [out]),
# F32 little-endian, values from a fixed seed.
mkdir -p obj
/usr/bin/python3 - <<'PY'
import json, random, struct
random.seed(1)
shapes = [(256, 784), (128, 256), (10, 128)]
header, blobs, offset = {}, [], 0
for i, (rows, cols) in enumerate(shapes):
    for name, count, shape in ((f"layers.{i}.weight", rows * cols, [rows, cols]), (f"layers.{i}.bias", rows, [rows])):
        data = struct.pack(f"<{count}f", *(random.uniform(-0.05, 0.05) for _ in range(count)))
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
text = json.dumps(header, separators=(",", ":")).encode()
text += b" " * (-len(text) % 8)
with open("obj/mnist_784_256_128_10.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
PY

dotnet build GeneratorCost.csproj -c Release -p:WithGenerator=true -p:WithEmbeddedWeights=true >/dev/null   # restore + references

median_ms() {
  local times=()
  for _ in $(seq 0 "$repeats"); do
    local start end
    start=$(date +%s%N)
    dotnet build GeneratorCost.csproj -c Release --no-restore --no-incremental -p:BuildProjectReferences=false "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  # The first build is the warm-up.
  printf '%s\n' "${times[@]:1}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}

without=$(median_ms -p:WithGenerator=false)
with=$(median_ms -p:WithGenerator=true)
weights=$(median_ms -p:WithGenerator=true -p:WithEmbeddedWeights=true)
echo "median build of 20 networks: without generator ${without} ms, with ${with} ms (+$((with - without)) ms);" \
     "with the 235k-parameter [EmbeddedWeights] network too ${weights} ms (+$((weights - with)) ms); ${repeats} builds each"

for extra in "" "-p:WithEmbeddedWeights=true"; do
  echo "== csc's generator and analyzer times ${extra:-(20 networks)}"
  # shellcheck disable=SC2086
  dotnet build GeneratorCost.csproj -c Release --no-restore --no-incremental -p:BuildProjectReferences=false -p:WithGenerator=true $extra \
    -p:ReportAnalyzer=true -v:d \
    | grep -E '^ *Total (analyzer|generator) execution time|^ *[0-9.<]+ +[0-9<]+ +NetGen\.Generator(\.|,)' | sed 's/^ *//' | sort -u || true
done
