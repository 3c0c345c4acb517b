using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// Snapshot testing with Verify's conventions, so switching to Verify later only changes this file: the expected text
/// lives in <c>{TestClass}.{TestMethod}.verified.cs</c> beside the test's source file; a mismatch writes
/// <c>{TestClass}.{TestMethod}.received.cs</c> next to it and fails with a diff hint; a match deletes a stale received
/// file. Setting the environment variable <c>NETGEN_ACCEPT=1</c> accepts: received text overwrites the verified file.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "NETGEN_ACCEPT";

    /// <summary>Checks <paramref name="actual"/> against the verified file of the calling test.</summary>
    public static void Verify(object testClass, string actual, [CallerMemberName] string testMethod = "", [CallerFilePath] string callerFile = "")
    {
        string directory = Path.GetDirectoryName(callerFile) ?? "";
        Assert.True(Directory.Exists(directory), $"Snapshot directory '{directory}' (from the test's source path) does not exist; snapshots need the source tree.");
        bool accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";
        string? failure = Compare(directory, testClass.GetType().Name + "." + testMethod, actual, accept);
        Assert.True(failure is null, failure);
    }

    /// <summary>Compares and maintains the files; returns null on a match (or accept), otherwise the failure message.</summary>
    public static string? Compare(string directory, string name, string actual, bool accept)
    {
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        string received = Normalize(actual);

        if (accept)
        {
            File.WriteAllText(verifiedPath, received);
            File.Delete(receivedPath);
            return null;
        }

        string? verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (verified == received)
        {
            File.Delete(receivedPath);
            return null;
        }

        File.WriteAllText(receivedPath, received);
        string what = verified is null ? $"No verified snapshot '{verifiedPath}' yet." : $"Snapshot '{name}' differs: {FirstDifference(verified, received)}";
        return $"{what}\nReceived text written to '{receivedPath}'.\n"
               + $"Review:  diff -u '{verifiedPath}' '{receivedPath}'\n"
               + $"Accept:  mv '{receivedPath}' '{verifiedPath}'   (or rerun the tests with {AcceptVariable}=1)";
    }

    /// <summary>Line endings follow the checkout's git settings, not the generator, so compare with '\n' only.</summary>
    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static string FirstDifference(string verified, string received)
    {
        string[] a = verified.Split('\n'), b = received.Split('\n');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            string left = i < a.Length ? a[i] : "<end of file>", right = i < b.Length ? b[i] : "<end of file>";
            if (left != right) return $"first difference at line {i + 1}\n  verified: {left}\n  received: {right}";
        }

        return "texts differ only in line endings";
    }
}
