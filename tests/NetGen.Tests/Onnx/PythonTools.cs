using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace NetGen.Tests.Onnx;

/// <summary>
/// Finds a Python 3 that can import given modules (Debian's python3-onnx / python3-torch install into /usr/bin/python3,
/// which a pyenv shim earlier on PATH would hide, so that one is tried first) and runs scripts with it.
/// </summary>
public static class PythonTools
{
    private static readonly ConcurrentDictionary<string, string?> Found = new();

    /// <summary>The interpreter that imports every module in <paramref name="modules"/> (comma-separated), or null.</summary>
    public static string? Find(string modules) => Found.GetOrAdd(modules, m =>
    {
        foreach (string candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                (int exit, _, _) = Run(candidate, new[] { "-c", "import " + m }, TimeSpan.FromSeconds(60));
                if (exit == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name.
            }
        }

        return null;
    });

    /// <summary>Why a test needing <paramref name="modules"/> is skipped, or null when a Python has them.</summary>
    public static string? SkipReason(string modules, string debianPackages) =>
        Find(modules) is null ? $"no python3 with {modules} (apt-get install {debianPackages}; .ci/steps/30-onnx.sh installs it in CI)" : null;

    /// <summary>The interpreter for a test marked <see cref="FactWhenPythonHasAttribute"/>; fails the test when there is none.</summary>
    public static string Require(string modules) =>
        Find(modules) ?? throw new InvalidOperationException($"NETGEN_REQUIRE_PYTHON=1 but no python3 imports {modules}.");

    /// <summary>Runs <paramref name="python"/> with <paramref name="arguments"/>; returns the exit code and both outputs.</summary>
    public static (int ExitCode, string Output, string Error) Run(string python, string[] arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // One thread per process: tests already run in parallel on a shared machine.
        start.Environment["OMP_NUM_THREADS"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{python} {string.Join(" ", arguments)} did not finish in {timeout.TotalSeconds} s");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}

/// <summary>A fact that runs only where a Python with the given modules is installed; skipped, saying why, elsewhere.</summary>
public sealed class FactWhenPythonHasAttribute : Xunit.FactAttribute
{
    public FactWhenPythonHasAttribute(string modules, string debianPackages)
    {
        // CI sets NETGEN_REQUIRE_PYTHON=1 after installing the packages, so a broken install fails instead of skipping.
        if (Environment.GetEnvironmentVariable("NETGEN_REQUIRE_PYTHON") != "1") Skip = PythonTools.SkipReason(modules, debianPackages);
    }
}
