#!/usr/bin/env bash
# samples/GameAgent three ways on this machine, one after the other: the JIT (dotnet run), NativeAOT at default settings,
# and NativeAOT compiled for this CPU's instruction set (IlcInstructionSet=native). Prints each run's kernel width and
# per-decision time. Publishing takes a few minutes; the runs take seconds. Run it on a quiet machine.
#
#   bash benchmarks/nativeaot/run.sh [frames]
set -euo pipefail
cd "$(dirname "$0")/../.."
frames=${1:-4000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "CPU: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p')"
dotnet build samples/GameAgent -c Release -v quiet -nologo >/dev/null
dotnet publish samples/GameAgent -c Release -r linux-x64 -p:GameAgentAot=true -o "$out/aot-default" -v quiet -nologo >/dev/null
dotnet publish samples/GameAgent -c Release -r linux-x64 -p:GameAgentAot=true -p:IlcInstructionSet=native \
  -o "$out/aot-native" -v quiet -nologo >/dev/null

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in 1 2 3; do
  echo "== round $round"
  echo "-- JIT (dotnet run)";                   dotnet run -c Release --no-build --project samples/GameAgent -- "$frames" | grep -E "kernels|Per decision"
  echo "-- NativeAOT, default settings";        "$out/aot-default/GameAgent" "$frames" | grep -E "kernels|Per decision"
  echo "-- NativeAOT, IlcInstructionSet=native"; "$out/aot-native/GameAgent" "$frames" | grep -E "kernels|Per decision"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
