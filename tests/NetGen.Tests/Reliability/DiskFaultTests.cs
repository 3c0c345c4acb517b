using System;
using System.Diagnostics;
using System.IO;
using NetGen.Tests.Data;
using Xunit;

namespace NetGen.Tests.Reliability;

/// <summary>
/// A full disk and a read-only folder, made real with small tmpfs mounts (root in a container that may mount, as on the
/// development machine and in CI). Where mounting is not permitted the tests are skipped with the reason (root ignores
/// file permissions, so chmod cannot stand in for a read-only folder).
/// </summary>
public sealed class DiskFaultTests
{
    [SkippableFactWhenMountable]
    public void AFullDiskGivesAClearErrorAndKeepsTheOldFile()
    {
        using var dir = new TempDirectory();
        using var mount = TmpfsMount.Create(dir.Path, "size=2m");
        string target = Path.Combine(dir.Path, "model.safetensors");
        DynamicNetwork old = Big(1), next = Big(2);
        old.Save(target); // 1.2 MB of the 2 MB; the new file's 1.2 MB cannot fit beside it
        byte[] before = File.ReadAllBytes(target);

        var ex = Assert.Throws<IOException>(() => next.Save(target));
        Assert.Contains(target, ex.Message);
        Assert.Contains("unchanged", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(target));
        Assert.Equal(new[] { target }, Directory.GetFiles(dir.Path)); // the partial temporary file is gone
    }

    [SkippableFactWhenMountable]
    public void AReadOnlyFolderGivesAClearErrorAndKeepsTheOldFile()
    {
        using var dir = new TempDirectory();
        using var mount = TmpfsMount.Create(dir.Path, "size=4m");
        string target = Path.Combine(dir.Path, "model.safetensors");
        Big(1).Save(target);
        byte[] before = File.ReadAllBytes(target);
        mount.Remount("ro");

        Exception ex = Assert.ThrowsAny<Exception>(() => Big(2).Save(target));
        Assert.True(ex is IOException or UnauthorizedAccessException, ex.ToString());
        Assert.Contains(target, ex.Message);
        Assert.Contains("unchanged", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(target));
    }

    private static DynamicNetwork Big(int seed) =>
        DynamicNetwork.Builder(64).Dense(512, Activation.Relu).Dense(512, Activation.Relu).Dense(10, Activation.Softmax).Build(seed);
}

/// <summary>A tmpfs mounted over a test directory for the test's duration.</summary>
internal sealed class TmpfsMount : IDisposable
{
    private readonly string _path;

    private TmpfsMount(string path) => _path = path;

    public static TmpfsMount Create(string path, string options)
    {
        Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path);
        return new TmpfsMount(path);
    }

    /// <summary>Why tmpfs cannot be mounted here, or null when it can (probed once with a throwaway mount).</summary>
    public static readonly string? Unavailable = Probe();

    public void Remount(string options) => Run("mount", "-o", "remount," + options, _path);

    public void Dispose() => Run("umount", "-l", _path);

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "tmpfs mounts need Linux";
        string probe = Path.Combine(Path.GetTempPath(), "netgen-mount-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(probe);
        try
        {
            Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe);
            Run("umount", probe);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            return "mounting a tmpfs is not permitted here (needs root with CAP_SYS_ADMIN): " + ex.Message;
        }
        finally
        {
            Directory.Delete(probe);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(15_000))
        {
            process.Kill();
            throw new TimeoutException($"{program} {string.Join(" ", arguments)} did not finish in 15 s");
        }

        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(" ", arguments)} failed ({process.ExitCode}): {error.Result.Trim()}");
    }
}

/// <summary>A fact skipped, with the reason, where tmpfs cannot be mounted.</summary>
public sealed class SkippableFactWhenMountableAttribute : FactAttribute
{
    public SkippableFactWhenMountableAttribute()
    {
        if (TmpfsMount.Unavailable is { } reason) Skip = reason;
    }
}
