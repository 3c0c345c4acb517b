using System;
using System.IO;

namespace NetGen;

/// <summary>Replaces a file so that readers (and a crash) see either the old content or the complete new one, never a mix.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes a temporary file beside <paramref name="path"/> (same directory, so the final rename stays on one file
    /// system and is atomic), flushes it to the disk, then renames it over the target. If <paramref name="write"/> or
    /// anything before the rename fails, the temporary file is deleted and the target is untouched.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        string temp = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        bool renamed = false;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                write(stream);
                // Flush(true) reaches the disk (fsync), so a power loss after the rename cannot leave an empty file.
                stream.Flush(flushToDisk: true);
            }

            Replace(temp, fullPath);
            renamed = true;
        }
        finally
        {
            if (!renamed) TryDelete(temp);
        }
    }

    private static void Replace(string source, string destination)
    {
#if NET5_0_OR_GREATER
        File.Move(source, destination, overwrite: true);
#else
        // netstandard2.1 has no overwriting Move; File.Replace swaps atomically but needs an existing target.
        if (File.Exists(destination)) File.Replace(source, destination, destinationBackupFileName: null);
        else File.Move(source, destination);
#endif
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original failure is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
