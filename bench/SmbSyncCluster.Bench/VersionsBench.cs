using System.Diagnostics;
using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Bench;

/// <summary>
/// What keeping versions costs a delete- and overwrite-heavy run: N files of 4 KiB deleted on the share, then N
/// replaced on the share (uploads over existing files), each through the executor's <see cref="ActionRunner"/>
/// with 8 in flight as a run does, once with versions off (deleted for good, replaced in place) and once on
/// (renamed into .smbsync-versions first). Best of the runs, each on a fresh directory.
/// </summary>
internal static class VersionsBench
{
    private const int Workers = 8;
    private static readonly DateTime Old = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task RunAsync(int files, int runs)
    {
        await using var samba = await SambaServer.StartAsync();
        var options = new SmbClientOptions
        {
            Host = "127.0.0.1", Port = samba.Port,
            Credentials = new SmbCredentials(SambaServer.Domain, SambaServer.UserName, SambaServer.Password),
        };
        var local = Directory.CreateTempSubdirectory("smbsync-bench-versions-").FullName;
        var content = new byte[4096];
        for (var i = 0; i < files; i++)
        {
            var path = Path.Combine(local, $"f{i:D5}.bin");
            File.WriteAllBytes(path, content);
            File.SetLastWriteTimeUtc(path, Old.AddHours(1));
        }
        Console.WriteLine($"Samba {samba.Port} on loopback; {files} files of 4 KiB, {Workers} in flight, best of {runs}");
        foreach (var kind in new[] { SyncActionKind.DeleteRemote, SyncActionKind.Upload })
        {
            foreach (var keep in new[] { false, true })
            {
                var best = TimeSpan.MaxValue;
                for (var run = 0; run < runs; run++)
                {
                    best = Min(best, await TimeAsync(samba, options, local, files, kind, keep));
                }
                var what = kind == SyncActionKind.Upload ? "replace" : "delete ";
                Console.WriteLine($"{what} versions {(keep ? "on " : "off")}: {best.TotalSeconds,6:0.000} s  {files / best.TotalSeconds,8:0} files/s");
            }
        }
        Directory.Delete(local, recursive: true);
    }

    private static async Task<TimeSpan> TimeAsync(SambaServer samba, SmbClientOptions options, string local, int files, SyncActionKind kind, bool keep)
    {
        var name = "v" + Guid.NewGuid().ToString("N")[..10];
        var disk = Path.Combine(samba.SharePath(), name);
        Directory.CreateDirectory(disk);
        var old = new byte[4096];
        for (var i = 0; i < files; i++)
        {
            var path = Path.Combine(disk, $"f{i:D5}.bin");
            File.WriteAllBytes(path, old);
            File.SetLastWriteTimeUtc(path, Old);
        }
        await using var remote = await SmbFileStore.OpenAsync(options, SambaServer.ShareName, name, default, connections: 4);
        var runner = new ActionRunner(new LocalFileStore(local), remote, new ExecutorOptions { KeepVersions = keep, Workers = Workers });
        var before = new EntryState(EntryKind.File, 4096, Old.Ticks);
        var actions = Enumerable.Range(0, files).Select(i => kind == SyncActionKind.Upload
            ? new SyncAction(kind, $"f{i:D5}.bin") { Expected = new EntryState(EntryKind.File, 4096, Old.AddHours(1).Ticks), Replaces = before }
            : new SyncAction(kind, $"f{i:D5}.bin") { Expected = before }).ToList();
        var clock = Stopwatch.StartNew();
        var failed = 0;
        await Parallel.ForEachAsync(actions, new ParallelOptions { MaxDegreeOfParallelism = Workers }, async (action, ct) =>
        {
            if ((await runner.RunAsync(action, _ => { }, ct)).Failure is not null)
            {
                Interlocked.Increment(ref failed);
            }
        });
        var elapsed = clock.Elapsed;
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} of {files} actions failed");
        }
        Directory.Delete(disk, recursive: true);
        return elapsed;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
