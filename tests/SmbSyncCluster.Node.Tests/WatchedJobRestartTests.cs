using System.Net;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>A watched job on a node killed with SIGKILL watches again once the node is back, catching up first.</summary>
public sealed class WatchedJobRestartTests
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(60);

    private static async Task UntilAsync(Func<bool> condition, string what, NodeProcess node)
    {
        for (var deadline = DateTime.UtcNow + Arrival; !condition(); await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} never happened; node log:\n{node.Log}");
        }
    }

    [Fact]
    public async Task A_watched_job_catches_up_on_what_changed_while_its_node_was_down_and_goes_on_watching()
    {
        var data = Directory.CreateTempSubdirectory("smbsync-data-").FullName;
        var local = Directory.CreateTempSubdirectory("smbsync-local-").FullName;
        var remote = Directory.CreateTempSubdirectory("smbsync-remote-").FullName;
        File.WriteAllText(Path.Combine(local, "before.txt"), "before");
        var first = NodeProcess.Start(CliProcess.Executable, data, []);
        await first.WaitReadyAsync();
        using (var created = await first.PostJsonAsync("/api/jobs", new { id = "watched", localPath = local, remote, watch = true }))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }
        await UntilAsync(() => File.Exists(Path.Combine(remote, "before.txt")), "the first sync", first);

        first.Kill();
        await first.DisposeAsync();
        File.WriteAllText(Path.Combine(local, "while-down.txt"), "while the node was down");
        await using var second = NodeProcess.Start(CliProcess.Executable, data, [], port: first.Port);
        await second.WaitReadyAsync();

        // Nobody asks the job anything: the node brings it back by itself, and it rescans before it watches.
        await UntilAsync(() => File.Exists(Path.Combine(remote, "while-down.txt")), "catching up after the restart", second);
        File.WriteAllText(Path.Combine(local, "after.txt"), "after the restart");
        await UntilAsync(() => File.Exists(Path.Combine(remote, "after.txt")), "a change after the restart", second);
    }
}
