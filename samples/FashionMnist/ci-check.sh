#!/usr/bin/env bash
# CI check of the main job, run exactly as the README's first command runs it: on the bundled digits (always), asserting
# the reported test accuracy is at least 0.95, and on Fashion-MNIST with default options when it is installed, asserting
# at least 0.89. Exits non-zero on any failure. Takes about 1.5 minutes with Fashion-MNIST on 2 cores, seconds without.
set -uo pipefail
cd "$(dirname "$0")/../.."

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0

dotnet build samples/FashionMnist -c Release -v quiet -nologo >"$out/build.log" 2>&1 || { cat "$out/build.log"; echo "FAIL: build"; exit 1; }

# check NAME MINIMUM ARGS...: runs the main job, echoes its output, and compares the final "Test accuracy: 0.xxxx" line.
check() {
  local name=$1 minimum=$2
  shift 2
  echo "== main job on $name: dotnet run -c Release --project samples/FashionMnist -- $*"
  dotnet run -c Release --no-build --project samples/FashionMnist -- "$@" --out "$out/$name" </dev/null | tee "$out/$name.log"
  local code=${PIPESTATUS[0]}
  local last
  last=$(grep -v '^[[:space:]]*$' "$out/$name.log" | tail -n 1)
  if [ "$code" -ne 0 ] || ! [[ "$last" =~ ^Test\ accuracy:\ ([01]\.[0-9]{4})$ ]]; then
    echo "FAIL: $name: exit code $code, last line '$last'"
    status=1
    return
  fi
  local accuracy=${BASH_REMATCH[1]}
  if awk -v a="$accuracy" -v m="$minimum" 'BEGIN { exit !(a >= m) }'; then
    echo "PASS: $name: test accuracy $accuracy >= $minimum"
  else
    echo "FAIL: $name: test accuracy $accuracy < $minimum"
    status=1
  fi
}

check digits 0.95 --dataset digits
if [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  check fashion-mnist 0.89
else
  echo "SKIP: Fashion-MNIST is not installed (sudo apt-get install dataset-fashion-mnist)"
fi
exit $status
