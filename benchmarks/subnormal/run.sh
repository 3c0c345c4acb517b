#!/usr/bin/env bash
# The subnormal penalty of the CPU at hand (see subnormal_penalty.c). Run on a quiet machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
gcc -O2 -mavx2 -o "$bin/subnormal_penalty" "$here/subnormal_penalty.c"
lscpu | sed -n 's/^Model name: *//p'
"$bin/subnormal_penalty"
