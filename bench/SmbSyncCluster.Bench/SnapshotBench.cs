using System.Diagnostics;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Bench;

/// <summary>
/// How long a job tracking many paths takes to snapshot and to recover from its snapshot: encodes a
/// state whose base holds <c>paths</c> files and decodes it, best of three, and prints the size.
/// </summary>
public static class SnapshotBench
{
    /// <summary>Builds the state, measures and prints.</summary>
    /// <param name="paths">Files in the base.</param>
    public static void Run(int paths)
    {
        var state = new JobState();
        state.Apply(new JobDefined("bench", new JobSpec { Id = "bench", LocalPath = "/srv/data", Remote = "smb://svc@nas/share" }));
        var changes = new BaseChange[paths];
        for (var i = 0; i < paths; i++)
        {
            changes[i] = new BaseChange($"projects/p{i / 10_000:D3}/src/module-{i / 40:D5}/file-{i:D7}.cs", EntryState.OfFile(1000 + (i % 5000), 638_000_000_000_000_000 + i));
        }
        state.Apply(new ItemsSynced("bench", "r0", changes, 0));
        var bytes = JobSnapshotCodec.Encode(state);
        var encode = Best(() => JobSnapshotCodec.Encode(state));
        var decode = Best(() => JobSnapshotCodec.Decode(bytes));
        Console.WriteLine($"Snapshot of a job tracking {paths:N0} paths");
        Console.WriteLine($"{"size",-36}{bytes.Length / 1048576.0,8:F1} MiB");
        Console.WriteLine($"{"encode, best of 3",-36}{encode.TotalMilliseconds,8:F0} ms");
        Console.WriteLine($"{"decode (recovery), best of 3",-36}{decode.TotalMilliseconds,8:F0} ms");
    }

    private static TimeSpan Best(Action action)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = sw.Elapsed < best ? sw.Elapsed : best;
        }
        return best;
    }
}
