#!/usr/bin/env bash
# ONNX interop and the PyTorch scale-out path (issue 12): installs Debian's python3-onnx and python3-torch, then runs
# the ONNX tests with NETGEN_REQUIRE_PYTHON=1 so the python-dependent ones (onnx.checker over every export, the
# 2-process DistributedDataParallel epoch) execute instead of skipping. About 1.5 minutes with the packages present,
# 3-4 minutes when they must be installed first.
set -uo pipefail
cd "$(dirname "$0")/../.."

have_python_deps() { /usr/bin/python3 -c 'import onnx, torch, torch.distributed as d; assert d.is_gloo_available()' >/dev/null 2>&1; }

if ! have_python_deps && command -v apt-get >/dev/null 2>&1; then
  echo "installing python3-onnx python3-torch (log: /tmp/netgen-onnx-apt.log)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-onnx python3-torch) >/tmp/netgen-onnx-apt.log 2>&1 \
    || echo "note: apt-get could not install python3-onnx/python3-torch (see /tmp/netgen-onnx-apt.log)"
fi

if have_python_deps; then
  export NETGEN_REQUIRE_PYTHON=1
  echo "python: $(/usr/bin/python3 -c 'import onnx, torch; print("onnx", onnx.__version__, "torch", torch.__version__)')"
else
  echo "WARNING: /usr/bin/python3 cannot import onnx and torch; the onnx.checker and DDP tests below are reported SKIPPED, not run."
fi

# --no-build: .ci/run has just built everything with the README command.
dotnet test tests/NetGen.Tests/NetGen.Tests.csproj -c Release --no-build --filter "FullyQualifiedName~NetGen.Tests.Onnx" 2>&1
