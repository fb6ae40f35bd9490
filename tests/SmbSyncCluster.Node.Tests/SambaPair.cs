using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Versions;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>A fresh local directory, remote directory (on the share's disk and as a URL) and data directory, for CLI runs against Samba.</summary>
internal sealed record SambaPair(string Local, string RemoteDisk, string Url, string Data)
{
    /// <summary>The arguments of a JSON sync of the pair, then <paramref name="extra"/>.</summary>
    public string[] Args(params string[] extra) => [.. new[] { "sync", Local, Url, "--data-dir", Data, "--json" }, .. extra];

    /// <summary>The same sync for people: no --json.</summary>
    public string[] TextArgs(params string[] extra) => [.. new[] { "sync", Local, Url, "--data-dir", Data }, .. extra];

    public static SambaPair New(SambaServer server, string share = SambaServer.ShareName)
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var disk = Path.Combine(server.SharePath(share), name);
        Directory.CreateDirectory(disk);
        return new SambaPair(
            Directory.CreateTempSubdirectory("smbsync-local-").FullName,
            disk,
            $"smb://{SambaServer.UserName}@127.0.0.1:{server.Port}/{share}/{name}",
            Directory.CreateTempSubdirectory("smbsync-data-").FullName);
    }

    public static void Write(string root, string path, string content, DateTime? modified = null)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        File.SetLastWriteTimeUtc(full, modified ?? new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    /// <summary>The synced tree under <paramref name="root"/> as "relative path=content", sorted: the versions area and the root marker, each side's own, left out.</summary>
    public static string[] Tree(string root) =>
        [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f))
            .Where(f => !VersionNames.IsInArea(f) && !RootMarker.IsMarker(Path.GetFileName(f))).Select(f => f + "=" + File.ReadAllText(Path.Combine(root, f))).Order(StringComparer.Ordinal)];
}
