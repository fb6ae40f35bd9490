using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Scanning;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Sync.Tests.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Sync.Tests.Scanning;

public sealed class TreeScannerTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private static void MakeTree(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "a", "b", "c"));
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        Directory.CreateDirectory(Path.Combine(root, "node_modules", "x"));
        File.WriteAllText(Path.Combine(root, "top.txt"), "12345");
        File.WriteAllText(Path.Combine(root, "a", "one.txt"), "1");
        File.WriteAllText(Path.Combine(root, "a", "b", "two.jpg"), "22");
        File.WriteAllText(Path.Combine(root, "a", "b", "c", "three.txt"), "333");
        File.WriteAllText(Path.Combine(root, "node_modules", "x", "big.js"), "x");
        File.WriteAllText(Path.Combine(root, "a", TempNames.Unowned().For("half-written")), "partial");
    }

    private static Dictionary<string, EntryState> AsDictionary(TreeSnapshot t) => t.ToDictionary(e => e.Key, e => e.Value);

    [Fact]
    public async Task Scans_every_file_and_directory_but_temp_files()
    {
        var root = Directory.CreateTempSubdirectory("smbsync-scan-").FullName;
        MakeTree(root);

        var result = await new TreeScanner(new LocalFileStore(root), PathFilter.None).ScanAsync(default);

        var tree = AsDictionary(result.Tree);
        Assert.Equal(
            ["a", "a/b", "a/b/c", "a/b/c/three.txt", "a/b/two.jpg", "a/one.txt", "empty", "node_modules", "node_modules/x", "node_modules/x/big.js", "top.txt"],
            tree.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new EntryState(EntryKind.File, 5, File.GetLastWriteTimeUtc(Path.Combine(root, "top.txt")).Ticks), tree["top.txt"]);
        Assert.Equal(EntryKind.Directory, tree["a/b"].Kind);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public async Task Filters_prune_directories_and_keep_included_files()
    {
        var root = Directory.CreateTempSubdirectory("smbsync-scan-").FullName;
        MakeTree(root);

        var result = await new TreeScanner(new LocalFileStore(root), new PathFilter(["node_modules"], ["*.txt"])).ScanAsync(default);

        Assert.Equal(
            ["a", "a/b", "a/b/c", "a/b/c/three.txt", "a/one.txt", "empty", "top.txt"],
            result.Tree.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Links_are_reported_not_followed()
    {
        var root = Directory.CreateTempSubdirectory("smbsync-scan-").FullName;
        File.CreateSymbolicLink(Path.Combine(root, "link"), "/etc/passwd");

        var result = await new TreeScanner(new LocalFileStore(root), PathFilter.None).ScanAsync(default);

        Assert.Equal(0, result.Tree.Count);
        Assert.Equal("link", Assert.Single(result.Issues).Path);
    }

    [Fact]
    public async Task Fifos_and_names_that_are_not_utf8_are_reported_and_never_opened()
    {
        var root = Directory.CreateTempSubdirectory("smbsync-scan-").FullName;
        File.WriteAllText(Path.Combine(root, "empty.txt"), "");
        // mkfifo(1), and a name no UTF-8 decoding gives back (byte 0xFF): the runtime lists it with U+FFFD, under which nothing exists.
        ExternalTool.Run(ExternalTool.Find("bash", "install bash"), ["-c", "mkfifo \"$1/fifo\" && touch \"$1/bad\"$'\\377'", "-", root]);
        var store = new LocalFileStore(root);

        var result = await new TreeScanner(store, PathFilter.None).ScanAsync(default);
        var reading = Task.Run(() => store.OpenReadAsync("fifo", default));

        Assert.Equal(["empty.txt"], result.Tree.Select(e => e.Key));
        var issues = result.Issues.OrderBy(i => i.Path, StringComparer.Ordinal).Select(i => i.Reason).ToArray();
        Assert.Equal(2, issues.Length);
        Assert.Contains("not valid UTF-8", issues[0], StringComparison.Ordinal);
        Assert.Contains("FIFO", issues[1], StringComparison.Ordinal);
        await Assert.ThrowsAsync<IOException>(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task An_unreadable_directory_is_an_item_issue_and_the_rest_is_scanned()
    {
        var root = Directory.CreateTempSubdirectory("smbsync-scan-").FullName;
        MakeTree(root);
        var store = new FaultyStore(new LocalFileStore(root), (op, path) => op == "list" && path == "a/b" ? new UnauthorizedAccessException("permission denied") : null);

        var result = await new TreeScanner(store, PathFilter.None).ScanAsync(default);

        Assert.Equal("a/b", Assert.Single(result.Issues).Path);
        Assert.Contains("a/b", result.UnreadableDirectories);
        Assert.True(result.Tree.TryGet("a/one.txt", out _));
        Assert.False(result.Tree.TryGet("a/b/two.jpg", out _));
    }

    [Fact]
    public async Task A_run_fatal_error_stops_the_scan_with_that_error()
    {
        var root = Directory.CreateTempSubdirectory("smbsync-scan-").FullName;
        MakeTree(root);
        var store = new FaultyStore(new LocalFileStore(root), (op, path) => op == "list" && path == "a" ? new SmbAuthenticationException(NtStatus.LogonFailure, "session lost its logon") : null);

        await Assert.ThrowsAsync<SmbAuthenticationException>(() => new TreeScanner(store, PathFilter.None).ScanAsync(default));
    }

    [Fact]
    public async Task Scanning_the_same_tree_over_smb_gives_the_same_snapshot()
    {
        var name = "scan" + Guid.NewGuid().ToString("N")[..8];
        var disk = Path.Combine(samba.Server.SharePath(), name);
        MakeTree(disk);
        var options = new SmbClientOptions
        {
            Host = "127.0.0.1", Port = samba.Server.Port,
            Credentials = new SmbCredentials(SambaServer.Domain, SambaServer.UserName, SambaServer.Password),
        };
        await using var smb = await SmbFileStore.OpenAsync(options, SambaServer.ShareName, name, default);

        var overSmb = await new TreeScanner(smb, PathFilter.None).ScanAsync(default);
        var local = await new TreeScanner(new LocalFileStore(disk), PathFilter.None).ScanAsync(default);

        var files = AsDictionary(local.Tree).Where(e => e.Value.Kind == EntryKind.File);
        Assert.Equal(files.OrderBy(e => e.Key, StringComparer.Ordinal), AsDictionary(overSmb.Tree).Where(e => e.Value.Kind == EntryKind.File).OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(local.Tree.Count, overSmb.Tree.Count);
    }
}
