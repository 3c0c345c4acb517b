#!/usr/bin/env bash
# DynamicNetwork's equivalence with the generated classes on the kernels other machines take: AVX off (the
# Vector<float> kernels netstandard2.1 builds use) and hardware intrinsics off (the scalar path). About 1 minute.
# Needs no packages; runs after the README's test command has built the tests in Release.
set -uo pipefail
status=0
for setting in DOTNET_EnableAVX=0 DOTNET_EnableHWIntrinsic=0; do
  echo "== DynamicNetwork with $setting"
  env "$setting" dotnet test tests/NetGen.Tests/NetGen.Tests.csproj -c Release --no-build --filter "FullyQualifiedName~NetGen.Tests.Dynamic" || status=1
done
exit "$status"
