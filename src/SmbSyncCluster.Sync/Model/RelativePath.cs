namespace SmbSyncCluster.Sync.Model;

/// <summary>
/// The job-relative path form every snapshot uses: components joined by '/', no leading or
/// trailing '/', no empty, "." or ".." component. The root itself is never an entry.
/// </summary>
public static class RelativePath
{
    /// <summary>Whether <paramref name="path"/> has the relative path form.</summary>
    /// <param name="path">The candidate path.</param>
    public static bool IsValid(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty)
        {
            return false;
        }
        foreach (var range in path.Split('/'))
        {
            var component = path[range];
            if (component.IsEmpty || component is "." or "..")
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The parent directory of <paramref name="path"/>, empty for a top-level entry.</summary>
    /// <param name="path">A relative path.</param>
    public static ReadOnlySpan<char> Parent(ReadOnlySpan<char> path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? [] : path[..slash];
    }

    /// <summary>The last component of <paramref name="path"/>.</summary>
    /// <param name="path">A relative path.</param>
    public static ReadOnlySpan<char> Name(ReadOnlySpan<char> path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>
    /// <paramref name="path"/> itself or the nearest of its directories that <paramref name="paths"/>
    /// holds ("" for the root, which holds everything), or null when none.
    /// </summary>
    /// <param name="path">A relative path.</param>
    /// <param name="paths">Relative paths, "" for the root.</param>
    public static string? SelfOrAncestorIn(ReadOnlySpan<char> path, IReadOnlySet<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            return null;
        }
        for (var p = path; !p.IsEmpty; p = Parent(p))
        {
            if (paths.Contains(p.ToString()))
            {
                return p.ToString();
            }
        }
        return paths.Contains("") ? "" : null;
    }

    /// <summary>Joins a parent directory (empty for the root) and a name.</summary>
    /// <param name="parent">The directory, empty for the root.</param>
    /// <param name="name">The component to append.</param>
    public static string Combine(ReadOnlySpan<char> parent, ReadOnlySpan<char> name) =>
        parent.IsEmpty ? name.ToString() : string.Concat(parent, "/", name);

    /// <summary>
    /// Returns <paramref name="path"/> when it is a valid relative path or "" (the root); throws
    /// <see cref="ArgumentException"/> otherwise. Stores call it on every path they are given, so that
    /// no path ('..', absolute, empty component) can lead outside their root. A '\\' is a character of a name
    /// here, as on Linux; a store whose server takes it for a separator refuses it itself.
    /// </summary>
    public static string Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length > 0 && (!IsValid(path) || path.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{path}' is not a relative path ('/'-separated, no empty, '.' or '..' component)", nameof(path));
        }
        return path;
    }
}
