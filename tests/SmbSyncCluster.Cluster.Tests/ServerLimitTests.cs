using Akka.Actor;
using Akka.TestKit.Xunit2;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Limits;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>
/// The per-server limit across jobs: runs of jobs whose remotes are on one server take transfer slots from the
/// <see cref="ServerGate"/>, and a holder that is gone gives its slots back.
/// </summary>
public sealed class ServerLimitTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Two_jobs_on_one_server_with_a_limit_of_1_never_transfer_at_once_and_with_8_they_do()
    {
        var gate = Sys.ActorOf(ServerGate.Props());
        Assert.Equal(1, (await gate.Ask<ServerLimitView>(new SetServerLimit("NAS.test.", 1), Wait)).Limit);

        var limited = await RunTwoJobsAsync(gate, "one");
        await gate.Ask<ServerLimitView>(new SetServerLimit("nas.test", 8), Wait);
        var wider = await RunTwoJobsAsync(gate, "eight");
        var after = await gate.Ask<ServerLimitList>(new GetServerLimits("nas.test"), Wait);

        Assert.Equal((1, 12), (limited.Max, limited.Writes));
        Assert.True(wider.Max > 1, "without a limit of 1 the counter sees transfers at once (it can see them)");
        Assert.Equal(12, wider.Writes);
        Assert.Equal((0, 0), (Assert.Single(after.Servers).InUse, after.Servers[0].Waiting));
    }

    [Fact]
    public async Task A_holder_that_is_gone_frees_its_slot_for_the_next_job_waiting()
    {
        var gate = Sys.ActorOf(ServerGate.Props());
        await gate.Ask<ServerLimitView>(new SetServerLimit("nas", 1), Wait);
        var holder = CreateTestProbe();
        var next = CreateTestProbe();

        holder.Send(gate, new AcquireSlot("nas", "a", 1));
        holder.ExpectMsg<SlotGranted>(Wait);
        next.Send(gate, new AcquireSlot("nas", "b", 7));
        var waiting = await gate.Ask<ServerLimitList>(new GetServerLimits("nas"), Wait);
        Sys.Stop(holder.Ref);

        Assert.Equal((1, 1), (waiting.Servers[0].InUse, waiting.Servers[0].Waiting));
        Assert.Equal(7, next.ExpectMsg<SlotGranted>(Wait).Lease);
    }

    /// <summary>Two jobs of 6 files each on the server nas.test, 4 workers each; the most writes seen at once, and how many.</summary>
    private async Task<(int Max, int Writes)> RunTwoJobsAsync(IActorRef gate, string name)
    {
        var counter = new ConcurrentWrites();
        var remotes = new Dictionary<string, string>();
        var environment = new RunEnvironment
        {
            Dispatcher = "akka.actor.default-dispatcher",
            Passwords = _ => "unused",
            ServerGate = gate,
            OpenStores = (spec, _, _) => Task.FromResult(new JobStores(
                new LocalFileStore(spec.LocalPath), new FaultyStore(new LocalFileStore(remotes[spec.Id]), counter.HoldAsync))),
        };
        var jobs = new List<IActorRef>();
        foreach (var id in new[] { $"{name}-a", $"{name}-b" })
        {
            var files = TestJobs.WithFiles(id, 6);
            remotes[id] = files.Remote;
            var job = Sys.ActorOf(JobActor.Props(id, environment));
            Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(files with { Remote = $"smb://svc@nas.test/share/{id}", Workers = 4 }), Wait));
            jobs.Add(job);
        }
        for (var i = 0; i < jobs.Count; i++)
        {
            var id = $"{name}-{(char)('a' + i)}";
            Assert.IsType<CommandAccepted>(await jobs[i].Ask<object>(new StartRun(id, "r1", DateTimeOffset.UtcNow, DryRun: false), Wait));
        }
        for (var i = 0; i < jobs.Count; i++)
        {
            var view = await TestJobs.AskUntilAsync<JobView>(jobs[i], new GetJob($"{name}-{(char)('a' + i)}"), v => v.LastRun is not null, Wait);
            Assert.Equal(RunOutcome.Completed, view.LastRun!.Outcome);
        }
        return (counter.Max, counter.Writes);
    }

    /// <summary>A store hook that keeps every write in flight a moment and counts how many are in flight at once.</summary>
    private sealed class ConcurrentWrites
    {
        private int _now;
        private int _max;
        private int _writes;

        public int Max => Volatile.Read(ref _max);

        public int Writes => Volatile.Read(ref _writes);

        public async ValueTask<Exception?> HoldAsync(string op, string path)
        {
            if (op != "write")
            {
                return null;
            }
            Interlocked.Increment(ref _writes);
            var now = Interlocked.Increment(ref _now);
            for (var max = Volatile.Read(ref _max); now > max; max = Volatile.Read(ref _max))
            {
                Interlocked.CompareExchange(ref _max, now, max);
            }
            await Task.Delay(30); // long enough for the other workers' transfers to start, were they allowed to
            Interlocked.Decrement(ref _now);
            return null;
        }
    }
}
