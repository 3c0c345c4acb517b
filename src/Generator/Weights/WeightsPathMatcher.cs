using System;
using System.Collections.Generic;

namespace NetGen.Generator.Weights;

/// <summary>
/// Decides which AdditionalFile an <c>[EmbeddedWeights]</c> path names. Separators '/' and '\' are alike, '.' and
/// '..' segments are resolved, and comparison ignores case (so a project moves between Windows and Linux unchanged).
/// <list type="number">
/// <item>A rooted path must equal the AdditionalFile's path.</item>
/// <item>A relative path, when MSBuild supplies the project directory, is resolved against it and must equal the AdditionalFile's path.</item>
/// <item>Otherwise (Unity, in-memory compilations) it must equal the trailing segments of the AdditionalFile's path:
/// <c>policy.safetensors</c> matches <c>/any/dir/policy.safetensors</c> but not <c>/any/dir/mypolicy.safetensors</c>.</item>
/// </list>
/// </summary>
internal static class WeightsPathMatcher
{
    public static bool Matches(string additionalFilePath, string attributePath, string? projectDirectory)
    {
        string file = Normalize(additionalFilePath);
        string wanted = Normalize(attributePath);
        if (wanted.Length == 0) return false;
        if (IsRooted(wanted)) return string.Equals(file, wanted, StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(projectDirectory))
            return string.Equals(file, Normalize(projectDirectory + "/" + attributePath), StringComparison.OrdinalIgnoreCase);
        return file.Equals(wanted, StringComparison.OrdinalIgnoreCase)
               || (file.Length > wanted.Length
                   && file[file.Length - wanted.Length - 1] == '/'
                   && file.EndsWith(wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Forward slashes, no empty or '.' segments, '..' applied where a segment precedes it; a leading '/' or drive kept.</summary>
    public static string Normalize(string path)
    {
        string unified = path.Replace('\\', '/');
        bool rooted = unified.StartsWith("/", StringComparison.Ordinal);
        var segments = new List<string>();
        foreach (string segment in unified.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..") segments.RemoveAt(segments.Count - 1);
            else segments.Add(segment);
        }

        return (rooted ? "/" : "") + string.Join("/", segments);
    }

    private static bool IsRooted(string normalized) =>
        normalized.StartsWith("/", StringComparison.Ordinal) || (normalized.Length >= 2 && normalized[1] == ':');
}
