using System.Security.Cryptography;
using System.Text;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// The smbsync executable against a real Samba share: another spelling of a synced pair is the same job, a job
/// stored under the id the pair had before keeps it, and a run without a base says so.
/// </summary>
public sealed class PairIdentityCliTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private const string Password = SambaServer.Password;
    private const string Notice = "smbsync: first sync of this pair: files missing on one side will be copied, not deleted";

    private (string Local, string RemoteDisk, string Name, string Data) NewPair()
    {
        var name = "ident-" + Guid.NewGuid().ToString("N")[..8];
        var disk = Directory.CreateDirectory(Path.Combine(samba.Server.SharePath(), name)).FullName;
        File.WriteAllText(Path.Combine(disk, "kept.txt"), "kept");
        File.WriteAllText(Path.Combine(disk, "deleted.txt"), "deleted locally after the first sync");
        return (Directory.CreateTempSubdirectory("smbsync-local-").FullName, disk, name, Directory.CreateTempSubdirectory("smbsync-data-").FullName);
    }

    private string Url(string user, string share, string path) => $"smb://{user}@127.0.0.1:{samba.Server.Port}/{share}/{path}";

    private static Task<CliResult> SyncAsync(string local, string url, string data, params string[] extra) =>
        CliProcess.RunAsync(Password, ["sync", local, url, "--data-dir", data, .. extra]);

    [Fact]
    public async Task Another_spelling_of_the_pair_is_the_same_job_and_deletes_what_was_deleted()
    {
        var (local, disk, name, data) = NewPair();
        var first = await SyncAsync(local, Url(SambaServer.UserName, SambaServer.ShareName, name), data, "--json");
        Assert.True(first.Code == 0, first.ToString());
        File.Delete(Path.Combine(local, "deleted.txt"));

        var respelled = Url(SambaServer.UserName.ToUpperInvariant(), SambaServer.ShareName.ToUpperInvariant(), name + "//") + "?protection=sign";
        var second = await SyncAsync(local + "/", respelled, data, "--json");

        Assert.True(second.Code == 0, second.ToString());
        Assert.Equal(first.Summary.GetProperty("jobId").GetString(), second.Summary.GetProperty("jobId").GetString());
        Assert.True(first.Summary.GetProperty("firstSync").GetBoolean());
        Assert.False(second.Summary.TryGetProperty("firstSync", out _), second.Out);
        Assert.Equal(1, second.Count("deletedRemote"));
        Assert.Equal(["kept.txt"], Directory.GetFiles(disk).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_pair_synced_under_the_id_hashed_from_its_spelling_keeps_that_job()
    {
        var (local, disk, name, data) = NewPair();
        var url = Url(SambaServer.UserName, SambaServer.ShareName, name);
        var earlierId = "sync-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(local + "\n" + url)))[..16];
        // What an earlier smbsync stored: the same pair, under the default id it hashed from the URL as written.
        var earlier = await SyncAsync(local, url, data, "--json", "--job", earlierId);
        Assert.True(earlier.Code == 0, earlier.ToString());
        File.Delete(Path.Combine(local, "deleted.txt"));

        var now = await SyncAsync(local, url, data, "--json");

        Assert.True(now.Code == 0, now.ToString());
        Assert.Equal(earlierId, now.Summary.GetProperty("jobId").GetString());
        Assert.False(now.Summary.TryGetProperty("firstSync", out _), now.Out);
        Assert.Equal(1, now.Count("deletedRemote"));
        Assert.Equal(["kept.txt"], Directory.GetFiles(disk).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_first_sync_says_so_on_its_own_line_and_the_next_does_not()
    {
        var (local, _, name, data) = NewPair();
        var url = Url(SambaServer.UserName, SambaServer.ShareName, name);

        var first = await SyncAsync(local, url, data);
        var second = await SyncAsync(local, url, data);
        var otherHost = await SyncAsync(local, url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), data);

        Assert.True(first.Code == 0, first.ToString());
        Assert.Contains(Notice, first.Err.Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.True(second.Code == 0, second.ToString());
        Assert.DoesNotContain("first sync", second.Err, StringComparison.Ordinal);
        Assert.True(otherHost.Code == 0, otherHost.ToString());
        Assert.Contains(Notice, otherHost.Err.Split('\n').Select(l => l.TrimEnd('\r')));
    }
}
