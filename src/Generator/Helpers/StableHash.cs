namespace NetGen.Generator.Helpers;

/// <summary>
/// FNV-1a over UTF-16 code units: the same string gives the same hash in every process and on every platform, which
/// <see cref="string.GetHashCode()"/> does not promise; generated file names depend on it.
/// </summary>
internal static class StableHash
{
    public static string Hex8(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text) hash = unchecked((hash ^ c) * 16777619);
        return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }
}
