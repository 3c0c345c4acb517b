using System;
using System.IO;

namespace NetGen;

/// <summary>Replaces a file so that readers (and a crash) see either the old content or the complete new one, never a mix.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes a temporary file beside <paramref name="path"/> (same directory, so the final rename stays on one file
    /// system and is atomic), flushes it to the disk, then renames it over the target. If <paramref name="write"/> or
    /// anything before the rename fails, the temporary file is deleted and the target is untouched. A temporary file
    /// left by a process killed mid-write is never read (its name is unique) and does not affect later writes.
    /// </summary>
    /// <exception cref="IOException">The file system refused the write (a full disk, a read-only folder); the message names the target.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written; the message names the target.</exception>
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
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            // The OS message names the temporary file; say which file the caller asked for and that it survived.
            throw new IOException(Unchanged(fullPath, ex), ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new UnauthorizedAccessException(Unchanged(fullPath, ex), ex);
        }
        finally
        {
            if (!renamed) TryDelete(temp);
        }
    }

    private static string Unchanged(string target, Exception ex) =>
        $"Could not write '{target}': {ex.Message} The existing file, if any, is unchanged.";

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
