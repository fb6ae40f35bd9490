namespace SmbSyncCluster.Sync.Stores;

/// <summary>Checks and joins store-relative paths ('/'-separated, no '.', '..', or empty components).</summary>
public static class RelativePath
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="path"/> is a clean relative path ("" is the root).</summary>
    public static string Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return path;
        }
        if (path[0] == '/' || path[^1] == '/' || path.Contains('\\', StringComparison.Ordinal) || path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{path}' is not a relative path with '/' separators", nameof(path));
        }
        foreach (var part in path.Split('/'))
        {
            if (part is "" or "." or "..")
            {
                throw new ArgumentException($"'{path}' has an empty, '.' or '..' component", nameof(path));
            }
        }
        return path;
    }

    /// <summary>Joins a directory and a name.</summary>
    public static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    /// <summary>The parent directory ("" for a top-level name).</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }
}
