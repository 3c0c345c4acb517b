#!/usr/bin/env bash
# Packaging: `dotnet pack -c Release -o artifacts` at the root (the command docs/package.md gives), then
# tests/NetGen.Package.Tests: the package's layout, the README's Install steps and tour in a fresh `dotnet new console`
# project that adds the package from artifacts/ (JIT, then NativeAOT publish and run), and NG warnings suppressed and
# escalated in real builds of such projects. About 5 minutes on 2 cores (the test run took 5 min 24 s on a loaded machine; the NativeAOT publish is the largest part); restores
# the consumer projects into a packages folder of their own, so it needs the NuGet feed (ILCompiler for NativeAOT).
set -uo pipefail
cd "$(dirname "$0")/../.."

# NativeAOT links with the platform toolchain.
if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1 || ! ldconfig -p 2>/dev/null | grep -q libz.so; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev >/dev/null || exit 1
fi

rm -rf artifacts
dotnet pack -c Release -o artifacts || { echo "dotnet pack failed"; exit 1; }
dotnet test tests/NetGen.Package.Tests/NetGen.Package.Tests.csproj -c Release
