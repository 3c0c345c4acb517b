#!/usr/bin/env bash
# The long fuzzing campaign, one command:   bash tests/fuzz/run-campaign.sh [SECONDS_PER_TARGET] [TARGET...]
#
# 1. Coverage-guided: builds the SharpFuzz harness, instruments NetGen.Runtime.dll with the sharpfuzz tool, and runs
#    afl-fuzz (AFL++, Debian package afl++) on every target for SECONDS_PER_TARGET (default 3600) starting from the
#    checked-in seeds in tests/fuzz/corpus. Every crash or hang AFL finds is replayed through the harness and copied to
#    tests/fuzz/regressions/TARGET/, where FuzzRegressionTests replays it on every test run (commit it with its fix).
# 2. Property-based: the CsCheck suites with NETGEN_FUZZ_INPUTS inputs per parser (default 1,000,000; 0 skips them,
#    for an AFL-only run: tools/reliability/long-campaign.sh runs the same suites).
# Needs root for apt-get (or afl++ already installed). Findings and AFL state go to tests/fuzz/findings/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-3600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(idx-images idx-labels csv safetensors weight-metadata onnx)

if ! command -v afl-fuzz >/dev/null; then
  apt-get update -qq && apt-get install -y -qq afl++
fi
tools="tests/fuzz/findings/.tools"
[ -x "$tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools"

out="tests/fuzz/findings/harness" plain="tests/fuzz/findings/harness-plain"
# A fresh folder: publish keeps a newer (instrumented) NetGen.Runtime.dll from the last run, and sharpfuzz refuses to
# instrument an assembly twice.
rm -rf "$out" "$plain"
dotnet publish tests/fuzz/NetGen.Fuzz/NetGen.Fuzz.csproj -c Release -o "$out" --nologo -v q
# Replays run on an uninstrumented copy: instrumented code writes AFL's coverage map and fails outside afl-fuzz
# (NullReferenceException, AccessViolationException), which would pass for findings.
cp -r "$out" "$plain"
# Instrument only the code under test: AFL then steers by coverage of the parsers, not of the harness or the BCL.
"$tools/sharpfuzz" "$out/NetGen.Runtime.dll"

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
status=0
for target in "${targets[@]}"; do
  findings="tests/fuzz/findings/$target"
  # afl-fuzz refuses an output folder from an earlier run; its crashes and hangs were copied to regressions/ then.
  rm -rf "$findings"
  # AFL reads every file of its input folder as a test case; a corpus's README.md is not one.
  inputs="tests/fuzz/findings/.inputs/$target"
  rm -rf "$inputs" && mkdir -p "$inputs"
  find "tests/fuzz/corpus/$target" -maxdepth 1 -type f ! -name README.md -exec cp {} "$inputs/" \;
  # -t: 10 s per input covers the .NET start-up of the fork server; -m none: the CLR reserves far more address space than AFL's default limit.
  afl-fuzz -i "$inputs" -o "$findings" -V "$seconds" -t 10000 -m none -- dotnet "$out/NetGen.Fuzz.dll" "$target" || status=1
  grep -E "run_time|execs_done|execs_per_sec|corpus_count|edges_found|bitmap_cvg|stability|saved_crashes|saved_hangs|slowest_exec_ms" \
    "$findings/default/fuzzer_stats" || true
  # The queue (every input AFL kept for new coverage) replayed against the 2 s bound: AFL's -t is 10 s.
  dotnet "$plain/NetGen.Fuzz.dll" replay "$target" "$findings/default/queue" || status=1
  for kind in crashes hangs; do
    dir="$findings/default/$kind"
    if compgen -G "$dir/id*" >/dev/null; then
      # The replay fails on a contract violation and on an input slower than 2 s twice (a hang AFL saw under load may not be one).
      dotnet "$plain/NetGen.Fuzz.dll" replay "$target" "$dir" || status=1
      # AFL's names (id:000000,sig:06,src:000001,...) without the colons and commas that not every file system takes.
      mkdir -p "tests/fuzz/regressions/$target"
      for file in "$dir"/id*; do
        name="$(basename "$file")"
        cp "$file" "tests/fuzz/regressions/$target/${kind%s}-${name//[:,]/_}"
      done
    fi
  done
done

inputs="${NETGEN_FUZZ_INPUTS:-1000000}"
[ "$inputs" = 0 ] && exit $status
NETGEN_FUZZ_INPUTS="$inputs" dotnet test tests/NetGen.Tests/NetGen.Tests.csproj -c Release \
  --filter "FullyQualifiedName~NetGen.Tests.Fuzzing" --logger "console;verbosity=detailed" || status=1
exit $status
