#!/usr/bin/env bash
# The long reliability campaign, one command:   bash tools/reliability/long-campaign.sh
# The same tests as .ci/steps/40-hardening.sh with campaign-sized counts (override any through the environment):
#   NETGEN_FUZZ_INPUTS=1000000   distinct inputs per parser (CsCheck property suites)
#   NETGEN_GENERATOR_EDITS=100000 keystroke edits through the generator driver
#   NETGEN_KILLS=500             SIGKILLs delivered to a child process saving weights
#   NETGEN_CHECKPOINT_KILLS=100  SIGKILLs delivered to a child process training with checkpoints (each run resumed)
#   NETGEN_SOAK_SECONDS=600      seconds of each 16-thread inference soak (two soaks)
# Prints the figures docs/reliability.md reports (the tests write them to their detailed output). The
# coverage-guided AFL campaign is separate: bash tests/fuzz/run-campaign.sh. Runs for about an hour on 2 cores.
set -uo pipefail
cd "$(dirname "$0")/../.."
export NETGEN_FUZZ_INPUTS="${NETGEN_FUZZ_INPUTS:-1000000}" NETGEN_GENERATOR_EDITS="${NETGEN_GENERATOR_EDITS:-100000}"
export NETGEN_KILLS="${NETGEN_KILLS:-500}" NETGEN_CHECKPOINT_KILLS="${NETGEN_CHECKPOINT_KILLS:-100}" NETGEN_SOAK_SECONDS="${NETGEN_SOAK_SECONDS:-600}"
status=0
dotnet build tests/NetGen.Tests/NetGen.Tests.csproj -c Release -v q --nologo || exit 1
dotnet build tests/NetGen.Generator.Tests/NetGen.Generator.Tests.csproj -c Release -v q --nologo || exit 1
started=$(date +%s)
dotnet test tests/NetGen.Tests/NetGen.Tests.csproj -c Release --no-build \
  --filter "FullyQualifiedName~NetGen.Tests.Fuzzing|FullyQualifiedName~NetGen.Tests.Reliability" \
  --logger "console;verbosity=detailed" 2>&1 | grep -vE '^\s*Passed NetGen' || status=1
dotnet test tests/NetGen.Generator.Tests/NetGen.Generator.Tests.csproj -c Release --no-build \
  --filter "FullyQualifiedName~Robustness" --logger "console;verbosity=detailed" 2>&1 | grep -vE '^\s*Passed NetGen' || status=1
echo "long campaign finished in $(( $(date +%s) - started )) s with NETGEN_FUZZ_INPUTS=$NETGEN_FUZZ_INPUTS NETGEN_GENERATOR_EDITS=$NETGEN_GENERATOR_EDITS" \
  "NETGEN_KILLS=$NETGEN_KILLS NETGEN_CHECKPOINT_KILLS=$NETGEN_CHECKPOINT_KILLS NETGEN_SOAK_SECONDS=$NETGEN_SOAK_SECONDS"
exit "$status"
