using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SmbSyncCluster.Testing;
using SmbSyncCluster.Sync.Runs;

namespace SmbSyncCluster.Node.Tests;

/// <summary>A sync killed with SIGKILL mid-run finishes on the next start, redoing nothing the journal recorded.</summary>
public sealed class CrashRecoveryTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private const int Files = 1500;

    [Fact]
    public async Task A_run_killed_mid_transfer_resumes_without_copying_recorded_files_again()
    {
        var name = "crash-" + Guid.NewGuid().ToString("N")[..8];
        var remote = Path.Combine(samba.Server.SharePath(), name);
        Directory.CreateDirectory(remote);
        var local = Directory.CreateTempSubdirectory("smbsync-crash-").FullName;
        var data = Directory.CreateTempSubdirectory("smbsync-data-").FullName;
        for (var i = 0; i < Files; i++)
        {
            var path = Path.Combine(local, $"d{i % 10}", $"f{i:0000}.bin");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, $"file {i} " + new string('x', i % 300));
        }
        string[] args = ["sync", local, $"smb://{SambaServer.UserName}@127.0.0.1:{samba.Server.Port}/{SambaServer.ShareName}/{name}",
            "--data-dir", data, "--json", "--workers", "1", "--mode", "upload"];

        // One worker keeps the run long enough to be killed once some items are recorded and some are not.
        using (var doomed = Process.Start(CliProcess.StartInfo(args, SambaServer.Password))!)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
            while (RecordedPaths(data).Count < 100 && !doomed.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
            doomed.Kill(entireProcessTree: true); // SIGKILL: no shutdown hook runs
            await doomed.WaitForExitAsync();
        }
        var recorded = RecordedPaths(data);
        var copiedAtKill = Directory.GetFiles(remote, "*.bin", SearchOption.AllDirectories).Length;
        Assert.True(recorded.Count >= 100 && copiedAtKill < Files, $"the kill must land mid-run: {recorded.Count} recorded, {copiedAtKill} copied");
        var inodes = recorded.ToDictionary(p => p, p => Inode(Path.Combine(remote, p)));

        var resumed = await CliProcess.RunAsync(SambaServer.Password, args);

        Assert.True(resumed.Code == 0, resumed.ToString());
        Assert.Contains("interrupted earlier", resumed.Err, StringComparison.Ordinal);
        foreach (var (path, inode) in inodes)
        {
            Assert.True(Inode(Path.Combine(remote, path)) == inode, $"{path} was recorded before the kill and copied again");
        }
        var localFiles = Directory.GetFiles(local, "*", SearchOption.AllDirectories).Where(f => !RootMarker.IsMarker(Path.GetFileName(f))).Select(f => Path.GetRelativePath(local, f)).Order().ToList();
        var remoteFiles = Directory.GetFiles(remote, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(remote, f)).Order().ToList();
        Assert.Equal(localFiles, remoteFiles); // nothing lost, no temp file left
        Assert.All(localFiles, f => Assert.Equal(File.ReadAllText(Path.Combine(local, f)), File.ReadAllText(Path.Combine(remote, f))));
    }

    [Fact]
    public async Task Ctrl_C_stops_the_run_cleanly_and_the_next_sync_finishes_the_job()
    {
        var name = "sigint-" + Guid.NewGuid().ToString("N")[..8];
        var remote = Path.Combine(samba.Server.SharePath(), name);
        Directory.CreateDirectory(remote);
        var local = Directory.CreateTempSubdirectory("smbsync-sigint-").FullName;
        var data = Directory.CreateTempSubdirectory("smbsync-data-").FullName;
        for (var i = 0; i < Files; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(local, $"f{i:0000}.txt"), $"file {i}");
        }
        string[] args = ["sync", local, $"smb://{SambaServer.UserName}@127.0.0.1:{samba.Server.Port}/{SambaServer.ShareName}/{name}",
            "--data-dir", data, "--json", "--workers", "1"];

        using var interrupted = Process.Start(CliProcess.StartInfo(args, SambaServer.Password))!;
        var stdout = interrupted.StandardOutput.ReadToEndAsync();
        var stderr = interrupted.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (Directory.GetFiles(remote).Length < 100 && !interrupted.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        using (var sigint = Process.Start("kill", ["-INT", interrupted.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await sigint.WaitForExitAsync();
        }
        await interrupted.WaitForExitAsync();
        var stopped = new CliResult(interrupted.ExitCode, await stdout, await stderr);
        var finished = await CliProcess.RunAsync(SambaServer.Password, args);

        Assert.True(stopped.Code == 3, stopped.ToString());
        Assert.Contains("run stopped", stopped.Err, StringComparison.Ordinal);
        Assert.InRange(stopped.Count("uploaded"), 1, Files - 1);
        Assert.True(finished.Code == 0, finished.ToString());
        Assert.Equal(0, stopped.Count("failed")); // the transfer in flight was cancelled, not failed
        // Each file copied at most once, by one of the two runs. The one action in flight at the stop may
        // land on the share while its cancellation is seen (the server renamed before the answer came):
        // counted by neither run, it is found converged by the next one and not copied again.
        Assert.InRange(stopped.Count("uploaded") + finished.Count("uploaded"), Files - 1, Files);
        Assert.Equal(Files, Directory.GetFiles(remote).Length);
    }

    /// <summary>Paths the journal recorded as synced (ItemsSynced events), read while the writer may be running.</summary>
    private static HashSet<string> RecordedPaths(string dataDir)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var database = Path.Combine(dataDir, "journal.db");
        if (!File.Exists(database))
        {
            return paths;
        }
        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
            connection.Open();
            using var query = new SqliteCommand("SELECT message FROM journal WHERE manifest = 'ItemsSynced.v1'", connection);
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                using var e = JsonDocument.Parse((byte[])reader[0]);
                foreach (var change in e.RootElement.GetProperty("changes").EnumerateArray())
                {
                    if (change.TryGetProperty("state", out var state) && state.ValueKind != JsonValueKind.Null && change.GetProperty("path").GetString() is { } p && p.EndsWith(".bin", StringComparison.Ordinal))
                    {
                        paths.Add(p);
                    }
                }
            }
        }
        catch (SqliteException)
        {
            // the table does not exist yet, or the writer holds a lock: read again later
        }
        return paths;
    }

    private static long Inode(string path)
    {
        var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true })!;
        var text = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return long.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
