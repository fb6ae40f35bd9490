namespace SmbSyncCluster.Sync.Jobs;

/// <summary>
/// A local path as the operating system resolves it: absolute, every symbolic link along it followed as far
/// as the path exists (what does not exist yet is appended as written). Two paths naming the same directory
/// through different links have the same real path, so containment is decided on what would be opened.
/// </summary>
public static class RealPath
{
    /// <summary>Links followed at most while resolving one path (a loop ends here rather than never).</summary>
    private const int MaxLinks = 40;

    /// <summary>The real path of <paramref name="path"/> (absolute, or made so against the current directory).</summary>
    public static string Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var links = 0;
        // Not Path.GetFullPath: it drops "x/.." as text, where the system would first follow a link x.
        return Resolve(Path.IsPathFullyQualified(path) ? path : Path.Combine(Environment.CurrentDirectory, path), ref links);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or lies under it (both real paths).</summary>
    public static bool IsSameOrUnder(string path, string directory)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(directory);
        var dir = Path.TrimEndingDirectorySeparator(directory);
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var p = Path.TrimEndingDirectorySeparator(path);
        return p.Equals(dir, comparison) || p.StartsWith(dir.EndsWith(Path.DirectorySeparatorChar) ? dir : dir + Path.DirectorySeparatorChar, comparison);
    }

    /// <summary>True when <paramref name="path"/> has a "." or ".." segment.</summary>
    public static bool HasDotSegments(string path) =>
        path.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries).Any(s => s is "." or "..");

    private static string Resolve(string full, ref int links)
    {
        var root = Path.GetPathRoot(full)!;
        var segments = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < segments.Length; i++)
        {
            var next = segments[i] switch
            {
                "." => current,
                ".." => Path.GetDirectoryName(current) ?? current,
                var name => Path.Combine(current, name),
            };
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"too many symbolic links under {current}");
                }
                // The target is read as written (relative to the link's directory), then resolved in turn.
                next = Resolve(Path.Combine(current, target), ref links);
            }
            else if (!info.Exists && !Directory.Exists(next))
            {
                return Path.Combine([next, .. segments[(i + 1)..]]);
            }
            current = next;
        }
        return current;
    }
}
