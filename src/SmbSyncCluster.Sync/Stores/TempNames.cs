namespace SmbSyncCluster.Sync.Stores;

/// <summary>The temporary names atomic writes use; scanners skip them so an interrupted run leaves no ghost files behind in the plan.</summary>
public static class TempNames
{
    private const string Prefix = ".smbsync-";
    private const string Suffix = ".partial";

    /// <summary>A fresh temporary path beside <paramref name="path"/>.</summary>
    public static string For(string path)
    {
        var slash = path.LastIndexOf('/');
        var dir = slash < 0 ? "" : path[..(slash + 1)];
        return $"{dir}{Prefix}{Guid.NewGuid():N}{Suffix}";
    }

    /// <summary>True for a name produced by <see cref="For"/>.</summary>
    public static bool IsTemp(string name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(Suffix, StringComparison.Ordinal);
}
