namespace SmbSyncCluster.Sync.Tests.Execution;

/// <summary>Helpers to arrange and compare real directory trees.</summary>
internal static class Trees
{
    public static readonly DateTime Old = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static void Write(string root, string path, string content, DateTime? mtime = null)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        File.SetLastWriteTimeUtc(full, mtime ?? Old);
    }

    public static string Read(string root, string path) => File.ReadAllText(Path.Combine(root, path));

    /// <summary>Every file and directory under a root with content and mtime, for equality checks.</summary>
    public static SortedDictionary<string, string> Snapshot(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, entry).Replace('\\', '/');
            result[relative] = File.Exists(entry)
                ? $"{File.ReadAllText(entry)} @{File.GetLastWriteTimeUtc(entry).Ticks}"
                : "<dir>";
        }
        return result;
    }
}
