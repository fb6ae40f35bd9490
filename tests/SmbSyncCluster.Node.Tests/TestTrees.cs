using System.Security.Cryptography;
using SmbSyncCluster.Sync.Versions;
using SmbSyncCluster.Sync.Runs;

namespace SmbSyncCluster.Node.Tests;

/// <summary>Trees of files for the end-to-end tests: written with random content, compared by path and hash.</summary>
internal static class TestTrees
{
    /// <summary>Writes <paramref name="count"/> files of <paramref name="size"/> random bytes, f00000.bin onwards.</summary>
    public static void WriteFiles(string root, int count, int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < count; i++)
        {
            Random.Shared.NextBytes(bytes);
            File.WriteAllBytes(Path.Combine(root, $"f{i:D5}.bin"), bytes);
        }
    }

    /// <summary>
    /// Every synced file under <paramref name="root"/> as "relative path=SHA-256", sorted: equal lists mean equal
    /// trees. The versions area, which each side keeps for itself, and a job's root marker are not content.
    /// </summary>
    public static string[] Hashes(string root) =>
        [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !VersionNames.IsInArea(Path.GetRelativePath(root, f)) && !RootMarker.IsMarker(Path.GetFileName(f)))
            .Select(f => Path.GetRelativePath(root, f) + "=" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))
            .Order(StringComparer.Ordinal)];
}
