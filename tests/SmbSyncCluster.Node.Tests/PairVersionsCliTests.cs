using System.Text.Json;
using SmbSyncCluster.Sync.Versions;
using SmbSyncCluster.Testing;
using static SmbSyncCluster.Node.Tests.SambaPair;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// <c>smbsync versions</c> and <c>smbsync restore</c> on one-shot pairs, as users run them (the executable, a real
/// Samba share): the versions syncs keep are listed on their side, one is brought back, and the next sync carries it
/// over; input that leads elsewhere is one line and changes nothing.
/// </summary>
public sealed class PairVersionsCliTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private const string Password = SambaServer.Password;

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static Task<CliResult> Cli(params string[] args) => CliProcess.RunAsync(Password, args);

    /// <summary>A pair synced once with docs/report.txt (v1) and docs/gone.txt, then synced again after the local side overwrote the one and deleted the other.</summary>
    private async Task<SambaPair> PairWithRemoteVersionsAsync()
    {
        var pair = SambaPair.New(samba.Server);
        Write(pair.Local, "docs/report.txt", "v1");
        Write(pair.Local, "docs/gone.txt", "deleted later");
        Assert.Equal(0, (await Cli(pair.Args())).Code);
        Write(pair.Local, "docs/report.txt", "v2", new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        File.Delete(Path.Combine(pair.Local, "docs", "gone.txt"));
        var second = await Cli(pair.Args());
        Assert.True(second.Code == 0 && second.Count("uploaded") == 1 && second.Count("deletedRemote") == 1, second.ToString());
        return pair;
    }

    private static string OnlyVersion(CliResult listed) =>
        JsonDocument.Parse(listed.Out).RootElement.EnumerateArray().Single().GetProperty("name").GetString()!;

    [Fact]
    public async Task A_version_is_listed_on_the_side_that_lost_it_restored_and_carried_over_by_the_next_sync()
    {
        var pair = await PairWithRemoteVersionsAsync();

        var listed = await Cli("versions", pair.Local, pair.Url, "docs/report.txt", "--json");
        var table = await Cli("versions", pair.Local, pair.Url, "docs/report.txt");
        var gone = await Cli("versions", pair.Local, pair.Url, "docs/gone.txt", "--json");
        var version = JsonDocument.Parse(listed.Out).RootElement.EnumerateArray().Single();
        var name = version.GetProperty("name").GetString()!;
        var restored = await Cli("restore", pair.Local, pair.Url, "docs/report.txt", name);
        var back = await Cli("restore", pair.Local, pair.Url, "docs/gone.txt", OnlyVersion(gone), "--side", "remote");
        var onDisk = File.ReadAllText(Path.Combine(pair.RemoteDisk, "docs", "report.txt"));
        var third = await Cli(pair.Args());

        Assert.True(listed.Code == 0, listed.ToString());
        Assert.Equal(("remote", 2), (version.GetProperty("side").GetString(), version.GetProperty("size").GetInt32()));
        Assert.Matches(@"^report~\d{8}-\d{6}-\d{3}\.txt$", name);
        Assert.Equal(["SIDE", "VERSION", "KEPT", "SIZE", "MODIFIED"], Lines(table.Out)[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("remote  " + name, Lines(table.Out)[1], StringComparison.Ordinal);
        Assert.True(restored.Code == 0, restored.ToString());
        Assert.Equal($"restored docs/report.txt on the remote side from {name}; the next sync carries it to the local side", Lines(restored.Out)[0]);
        Assert.StartsWith("the file that was there is kept as report~", Lines(restored.Out)[1], StringComparison.Ordinal);
        Assert.True(back.Code == 0, back.ToString());
        Assert.Single(Lines(back.Out)); // nothing was there to keep
        Assert.Equal("v1", onDisk);
        Assert.Equal("v2", File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(pair.RemoteDisk, VersionNames.Area, "docs"), "report~*"))));
        Assert.True(third.Code == 0 && third.Count("downloaded") == 2, third.ToString());
        Assert.Equal(["docs/gone.txt=deleted later", "docs/report.txt=v1"], Tree(pair.Local));
        Assert.Equal(Tree(pair.Local), Tree(pair.RemoteDisk));
        Assert.Equal("v2", File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(pair.Local, VersionNames.Area, "docs"), "report~*"))));
        Assert.DoesNotContain(Password, string.Concat(listed, table, gone, restored, back), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pair_synced_without_name_encoding_is_read_without_it()
    {
        // A full-width colon typed by a user: with encoding on it would be stored escaped, so only the pair's own
        // setting finds the version under its name.
        const string file = "docs/ratio\uFF1A1.txt";
        var pair = SambaPair.New(samba.Server);
        Write(pair.Local, file, "v1");
        Assert.Equal(0, (await Cli(pair.Args("--no-encode-names"))).Code);
        Write(pair.Local, file, "v2", new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(1, (await Cli(pair.Args("--no-encode-names"))).Count("uploaded"));

        var encoded = await Cli("versions", pair.Local, pair.Url, file, "--json");
        var plain = await Cli("versions", pair.Local, pair.Url, file, "--json", "--no-encode-names");
        var restored = await Cli("restore", pair.Local, pair.Url, file, OnlyVersion(plain), "--no-encode-names");

        Assert.True(encoded.Code == 0 && encoded.Out.Trim() == "[]", encoded.ToString());
        Assert.True(restored.Code == 0, restored.ToString());
        Assert.Equal("v1", File.ReadAllText(Path.Combine(pair.RemoteDisk, file)));
    }

    [Fact]
    public async Task A_local_version_is_restored_with_the_password_from_a_file_and_uploaded_by_the_next_sync()
    {
        var pair = SambaPair.New(samba.Server);
        Write(pair.Local, "notes.md", "mine");
        Assert.Equal(0, (await Cli(pair.Args())).Code);
        Write(pair.RemoteDisk, "notes.md", "theirs", new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(1, (await Cli(pair.Args())).Count("downloaded"));
        var passwordFile = Path.Combine(pair.Data, "password");
        File.WriteAllText(passwordFile, Password + "\n");

        var listed = await CliProcess.RunAsync(null, "versions", pair.Local, pair.Url, "notes.md", "--json", "--password-file", passwordFile);
        var name = OnlyVersion(listed);
        var restored = await CliProcess.RunAsync(null, "restore", pair.Local, pair.Url, "notes.md", name, "--side", "local", "--password-file", passwordFile);
        var next = await Cli(pair.Args());

        Assert.Equal("local", JsonDocument.Parse(listed.Out).RootElement[0].GetProperty("side").GetString());
        Assert.True(restored.Code == 0, restored.ToString());
        Assert.StartsWith($"restored notes.md on the local side from {name}; the next sync carries it to the remote side", restored.Out, StringComparison.Ordinal);
        Assert.True(next.Code == 0 && next.Count("uploaded") == 1, next.ToString());
        Assert.Equal(["notes.md=mine"], Tree(pair.RemoteDisk));
    }

    [Fact]
    public async Task A_path_with_no_versions_says_so_and_a_missing_password_is_the_line_sync_gives()
    {
        var pair = await PairWithRemoteVersionsAsync();

        var none = await Cli("versions", pair.Local, pair.Url, "docs/never.txt");
        var empty = await Cli("versions", pair.Local, pair.Url, "docs/never.txt", "--json");
        var noPassword = await CliProcess.RunAsync(null, "versions", pair.Local, pair.Url, "docs/report.txt");
        var noPasswordRestore = await CliProcess.RunAsync(null, "restore", pair.Local, pair.Url, "docs/report.txt", "report~20200101-000000-000.txt");
        var noSync = await CliProcess.RunAsync(null, pair.Args());

        Assert.Equal((0, "no versions of docs/never.txt kept\n"), (none.Code, none.Out));
        Assert.Equal((0, "[]"), (empty.Code, empty.Out.Trim()));
        Assert.Equal((2, noSync.Err), (noPassword.Code, noPassword.Err));
        Assert.Equal((2, noSync.Err), (noPasswordRestore.Code, noPasswordRestore.Err));
        Assert.Equal("smbsync: no password: set SMBSYNC_PASSWORD or use --password-file\n", noSync.Err);
    }

    [Fact]
    public async Task A_pair_whose_local_root_looks_replaced_or_whose_remote_is_gone_is_refused_in_one_line()
    {
        var replaced = await PairWithRemoteVersionsAsync();
        var gone = await PairWithRemoteVersionsAsync();
        // A volume put in the local root's place: empty, without the marker the syncs left.
        foreach (var entry in Directory.GetFileSystemEntries(replaced.Local))
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
        Directory.Delete(gone.RemoteDisk, recursive: true);

        var listed = await Cli("versions", replaced.Local, replaced.Url, "docs/report.txt");
        var restored = await Cli("restore", replaced.Local, replaced.Url, "docs/report.txt", "report~20200101-000000-000.txt", "--side", "remote");
        var missing = await Cli("versions", gone.Local, gone.Url, "docs/report.txt");

        Assert.True(listed.Code == 3 && Lines(listed.Err).Length == 1, listed.ToString());
        Assert.Contains("is empty and lacks the marker .smbsync-root", listed.Err, StringComparison.Ordinal);
        Assert.True(restored.Code == 3 && Lines(restored.Err).Length == 1, restored.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(replaced.Local)); // not marked, so the next sync stops too
        Assert.True(missing.Code == 3 && Lines(missing.Err).Length == 1, missing.ToString());
        Assert.StartsWith("smbsync: ", missing.Err, StringComparison.Ordinal);
    }

    /// <summary>Everything on both sides, versions areas included, with content: what a refused request must leave as it was.</summary>
    private static string[] Everything(SambaPair pair) =>
        [.. new[] { pair.Local, pair.RemoteDisk }.SelectMany(root => Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => f + "=" + File.ReadAllText(f)))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("../outside.txt", "report~20200101-000000-000.txt", 2, "'../outside.txt' is not a relative path")]
    [InlineData("docs/../../outside.txt", "outside~20200101-000000-000.txt", 2, "is not a relative path")]
    [InlineData("/etc/passwd", "passwd~20200101-000000-000", 2, "'/etc/passwd' is not a relative path")]
    [InlineData(".smbsync-versions/docs/report.txt", "report~20200101-000000-000.txt", 2, "is not the path of a synced file")]
    [InlineData(".SMBSYNC-VERSIONS/docs/report.txt", "report~20200101-000000-000.txt", 2, "is not the path of a synced file")]
    [InlineData("docs/report.txt", "report.txt", 2, "'report.txt' is not a version of 'docs/report.txt'")]
    [InlineData("docs/report.txt", "../../report~20261207-201500-123.txt", 2, "is not a version of 'docs/report.txt'")]
    [InlineData("docs/report.txt", "docs/report~20261207-201500-123.txt", 2, "is not a version of 'docs/report.txt'")]
    [InlineData("docs/report.txt", "other~20261207-201500-123.txt", 2, "'other~20261207-201500-123.txt' is not a version of 'docs/report.txt'")]
    [InlineData("docs/report.txt", "report~20200101-000000-000.txt", 3, "neither side holds a version 'report~20200101-000000-000.txt' of 'docs/report.txt'")]
    public async Task Input_that_leads_elsewhere_or_to_nothing_is_one_line_and_changes_nothing(string path, string version, int code, string error)
    {
        var pair = await PairWithRemoteVersionsAsync();
        var before = Everything(pair);

        var restored = await Cli("restore", pair.Local, pair.Url, path, version);
        var listed = path == "docs/report.txt" ? null : await Cli("versions", pair.Local, pair.Url, path);

        Assert.True(restored.Code == code, restored.ToString());
        Assert.Equal("", restored.Out);
        Assert.Single(Lines(restored.Err));
        Assert.StartsWith("smbsync: ", restored.Err, StringComparison.Ordinal);
        Assert.Contains(error, restored.Err, StringComparison.Ordinal);
        if (listed is not null)
        {
            Assert.True(listed.Code == 2 && Lines(listed.Err).Length == 1, listed.ToString());
        }
        Assert.Equal(before, Everything(pair));
    }

    [Fact]
    public async Task A_link_planted_in_the_local_versions_area_is_neither_listed_nor_followed_by_a_restore()
    {
        var pair = await PairWithRemoteVersionsAsync();
        var outside = Directory.CreateTempSubdirectory("smbsync-outside-").FullName;
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "secret");
        Directory.CreateDirectory(Path.Combine(pair.Local, VersionNames.Area, "docs"));
        var planted = "report~20200101-000000-000.txt";
        File.CreateSymbolicLink(Path.Combine(pair.Local, VersionNames.Area, "docs", planted), Path.Combine(outside, "secret.txt"));
        var before = Everything(pair);

        var listed = await Cli("versions", pair.Local, pair.Url, "docs/report.txt", "--json");
        var restored = await Cli("restore", pair.Local, pair.Url, "docs/report.txt", planted, "--side", "local");

        Assert.Equal("remote", Assert.Single(JsonDocument.Parse(listed.Out).RootElement.EnumerateArray()).GetProperty("side").GetString());
        Assert.True(restored.Code == 3, restored.ToString());
        Assert.Single(Lines(restored.Err));
        Assert.Equal("v2", File.ReadAllText(Path.Combine(pair.Local, "docs", "report.txt")));
        Assert.Equal("secret", File.ReadAllText(Path.Combine(outside, "secret.txt")));
        Assert.Equal(before, Everything(pair));
    }
}
