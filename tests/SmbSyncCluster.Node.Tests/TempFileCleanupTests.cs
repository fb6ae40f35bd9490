using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// What a run removes of the temporary-looking files it finds, on a real share and a real local disk: its
/// own job's leftovers of earlier runs, and nothing else (another job's upload, a user's look-alike).
/// </summary>
public sealed class TempFileCleanupTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    [Fact]
    public async Task Only_the_jobs_own_leftovers_of_earlier_runs_are_removed_and_a_look_alike_is_synced()
    {
        var name = "tmp-" + Guid.NewGuid().ToString("N")[..8];
        var remote = Path.Combine(samba.Server.SharePath(), name);
        Directory.CreateDirectory(Path.Combine(remote, "sub"));
        var local = Directory.CreateTempSubdirectory("smbsync-local-").FullName;
        Directory.CreateDirectory(Path.Combine(local, "sub"));
        var data = Directory.CreateTempSubdirectory("smbsync-data-").FullName;
        var url = $"smb://{SambaServer.UserName}@127.0.0.1:{samba.Server.Port}/{SambaServer.ShareName}/{name}";
        var job = new JobSpec { Id = "cleanup", LocalPath = local, Remote = url };
        var earlier = DateTimeOffset.UtcNow.AddHours(-1);
        string Temp(JobSpec spec, DateTimeOffset run) => Path.GetFileName(TempNames.ForRun(spec, run).For("x"));
        var ours = Temp(job, earlier);
        var anotherJobs = Temp(job with { Id = "overlapping" }, earlier);
        var laterRun = Temp(job, DateTimeOffset.UtcNow.AddDays(1));
        static string LookAlike(string side) => $".smbsync-{side}-notes.partial";
        foreach (var (root, side) in new[] { (local, "local"), (remote, "remote") })
        {
            foreach (var file in new[] { ours, anotherJobs, laterRun })
            {
                File.WriteAllText(Path.Combine(root, "sub", file), "half written");
            }
            File.WriteAllText(Path.Combine(root, "sub", LookAlike(side)), "the user's own notes");
        }

        var run = await CliProcess.RunAsync(SambaServer.Password, "sync", local, url, "--job", job.Id, "--data-dir", data, "--json");

        Assert.True(run.Code == 0, run.ToString());
        foreach (var root in new[] { local, remote })
        {
            var left = Directory.GetFiles(Path.Combine(root, "sub")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
            Assert.Equal(new[] { anotherJobs, laterRun, LookAlike("local"), LookAlike("remote") }.Order(StringComparer.Ordinal), left);
        }
        Assert.Equal("the user's own notes", File.ReadAllText(Path.Combine(remote, "sub", LookAlike("local"))));
        Assert.Equal("the user's own notes", File.ReadAllText(Path.Combine(local, "sub", LookAlike("remote"))));
    }
}
