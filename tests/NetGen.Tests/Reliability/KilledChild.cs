using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace NetGen.Tests.Reliability;

/// <summary>
/// Runs tests/NetGen.KilledChild (copied beside the tests by the project reference) in a child process. Every wait has a
/// hard timeout and every exit path kills the child, so a stuck child fails the test instead of hanging CI.
/// </summary>
internal sealed class KilledChild : IDisposable
{
    /// <summary>Generous for a loaded 2-core machine: the child starts in well under a second when idle.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Task<string> _error;

    private KilledChild(Process process)
    {
        _process = process;
        _error = process.StandardError.ReadToEndAsync();
    }

    private static string Dll => Path.Combine(AppContext.BaseDirectory, "NetGen.KilledChild.dll");

    /// <summary>Starts the child with <paramref name="arguments"/>.</summary>
    public static KilledChild Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // The child is one of several processes on a shared machine; it needs no tiered-compilation warm-up tricks.
        start.Environment["DOTNET_TieredPGO"] = "0";
        return new KilledChild(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Runs the child to completion (killing it after <paramref name="timeout"/>) and fails unless it exits 0.</summary>
    public static void Run(TimeSpan timeout, params string[] arguments)
    {
        using KilledChild child = Start(arguments);
        child.WaitForExit(timeout);
    }

    /// <summary>Waits for the child's "ready" line; throws (after killing it) if it exits or takes longer than <paramref name="timeout"/>.</summary>
    public void WaitUntilReady(TimeSpan timeout)
    {
        Task<string?> line = _process.StandardOutput.ReadLineAsync();
        if (!line.Wait(timeout))
        {
            Kill();
            throw new TimeoutException($"the child did not report ready within {timeout.TotalSeconds} s");
        }

        if (line.Result != "ready")
        {
            Kill();
            throw new InvalidOperationException($"the child printed '{line.Result}' instead of 'ready'; stderr: {Error()}");
        }
    }

    /// <summary>Whether the child has exited by itself.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL (Process.Kill on Unix), then waits for the exit so the file system sees no further writes.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        if (!_process.WaitForExit(30_000)) throw new TimeoutException("a killed child did not exit within 30 s");
    }

    /// <summary>Waits for a normal exit; kills the child and throws after <paramref name="timeout"/> or on a non-zero exit code.</summary>
    public void WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            Kill();
            throw new TimeoutException($"the child did not finish within {timeout.TotalSeconds} s");
        }

        _process.WaitForExit();
        if (_process.ExitCode != 0) throw new InvalidOperationException($"the child exited with code {_process.ExitCode}; stderr: {Error()}");
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    private string Error() => _error.Wait(5000) ? _error.Result : "(not available)";
}
