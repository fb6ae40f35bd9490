using Akka.Actor;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>Jobs between two temporary local directories, and waiting for a job to reach a state.</summary>
internal static class TestJobs
{
    /// <summary>A spec whose local side holds <paramref name="files"/> small files and whose remote side is empty.</summary>
    public static JobSpec WithFiles(string id, int files)
    {
        var local = Directory.CreateTempSubdirectory($"smbsync-{id}-l-").FullName;
        var remote = Directory.CreateTempSubdirectory($"smbsync-{id}-r-").FullName;
        for (var i = 0; i < files; i++)
        {
            File.WriteAllText(Path.Combine(local, $"f{i:000}.txt"), $"file {i}");
        }
        return new JobSpec { Id = id, LocalPath = local, Remote = remote, Workers = 1 };
    }

    /// <summary>Runs on the default dispatcher between two local directories, the remote one seen through <paramref name="remote"/> (e.g. a <see cref="Testing.FaultyStore"/>).</summary>
    public static RunEnvironment Environment(Func<IFileStore, IFileStore> remote) => new()
    {
        Dispatcher = "akka.actor.default-dispatcher",
        OpenStores = (spec, _, _) => Task.FromResult(new JobStores(new LocalFileStore(spec.LocalPath), remote(new LocalFileStore(spec.Remote)))),
    };

    /// <summary>A job's answer to <paramref name="query"/> once <paramref name="condition"/> holds, asked every 20 ms until <paramref name="wait"/> is over.</summary>
    public static async Task<T> AskUntilAsync<T>(IActorRef job, object query, Func<T, bool> condition, TimeSpan wait)
    {
        for (var deadline = DateTime.UtcNow + wait; DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            var answer = await job.Ask<T>(query, wait);
            if (condition(answer))
            {
                return answer;
            }
        }
        throw new TimeoutException($"the answer to {query} never was as expected");
    }
}
