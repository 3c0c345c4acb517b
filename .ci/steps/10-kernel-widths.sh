#!/usr/bin/env bash
# The generated per-example kernels on every vector path they have (about 3 minutes: one extra build, four test runs).
# .ci/run itself runs them on the default path (the widest the CPU accelerates: 512 bits on AVX-512 hardware), with
# DOTNET_EnableAVX=0 (the 128-bit path on .NET 10) and with DOTNET_EnableHWIntrinsic=0 (scalar). This step adds the
# 256-bit and 128-bit paths explicitly, and the portable Vector<T> path, which only the netstandard2.1 build of the
# networks has (what Unity compiles): for that the tests are built once more against that build, into a folder under
# artifacts/ (inside the repository, where the tests find their data), so the main build's outputs stay as they are
# for later steps. KernelPathTests prints the path each run takes and fails when it is not the one
# NETGEN_EXPECT_KERNEL_PATH names. Which run covers which path: docs/generated-code.md, "Kernel paths".
set -uo pipefail
cd "$(dirname "$0")/../.."

kernels='FullyQualifiedName~Forward|FullyQualifiedName~Gradients|FullyQualifiedName~GeneratedCode|FullyQualifiedName~EmbeddedWeights|FullyQualifiedName~Optimizers'
project=tests/NetGen.Tests/NetGen.Tests.csproj
status=0

# The path a run should take, from what this CPU has (/proc/cpuinfo flags; CI is Linux x64 or arm64).
flags=$(grep -m1 -E '^(flags|Features)' /proc/cpuinfo 2>/dev/null || true)
has() { grep -qw "$1" <<<"$flags"; }

run() { # expected-path description env-settings... [-- extra dotnet args]
  local expected=$1 description=$2; shift 2
  local settings=() extra=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do settings+=("$1"); shift; done
  [ "${1:-}" = "--" ] && { shift; extra=("$@"); }
  echo "== generated kernels, $description (${settings[*]:-default settings}; expecting path ${expected:-any})"
  env "${settings[@]}" NETGEN_EXPECT_KERNEL_PATH="$expected" \
    dotnet test "$project" -c Release --filter "$kernels" "${extra[@]}" \
    --logger "console;verbosity=normal" 2>&1 | grep -v '^\s*Passed NetGen' 
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
}

# .NET 8/9 name the AVX-512 switch EnableAVX512F, .NET 10 EnableAVX512; setting both works on each.
if has avx2; then
  run 256 "256-bit path" DOTNET_EnableAVX512F=0 DOTNET_EnableAVX512=0 -- --no-build
else
  echo "== no AVX2 on this CPU: the 256-bit path cannot be selected here"
fi
if has pni || has asimd; then  # pni is how /proc/cpuinfo spells SSE3
  run 128 "128-bit path" DOTNET_EnableAVX2=0 DOTNET_EnableAVX=0 -- --no-build
fi

# The netstandard2.1 networks: Vector<T> where the runtime accelerates it, scalar with intrinsics off.
ns21=(-p:NetGenNetworksFramework=netstandard2.1 --artifacts-path artifacts/kernel-widths-netstandard2.1)
run vector "portable Vector<T> path (netstandard2.1 networks)" -- "${ns21[@]}"
run scalar "scalar path (netstandard2.1 networks, intrinsics off)" DOTNET_EnableHWIntrinsic=0 -- "${ns21[@]}" --no-build

exit "$status"
