using System.Text;
using System.Text.Json;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Serialization;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>Every message that may cross processes goes through the contract serializer under a stable manifest, and comes back equal.</summary>
public sealed class ContractSerializerTests
{
    private static readonly JobSpec Spec = new() { Id = "docs", LocalPath = "/srv/docs", Remote = "smb://svc@nas/team", Exclude = ["*.tmp"] };
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly RunSummary Summary = new()
    {
        RunId = "r1", Mode = SyncMode.Mirror, Uploaded = 3, StartedAt = At, FinishedAt = At.AddSeconds(2), Outcome = RunOutcome.Failed,
        Failed = 1, Errors = [new RunError("a.txt", RunAction.Upload, RunErrorKind.Item, "access denied")],
    };

    public static TheoryData<object> Messages =>
    [
        new DefineJob(Spec, DefineIntent.Create),
        new DeleteJob("docs"),
        new StartRun("docs", "r1", At, DryRun: true, Force: true, MaxDeletePercent: 20),
        new ControlRun("docs", RunControl.Pause, At),
        new GetJob("docs"),
        new GetJobHistory("docs"),
        new SubscribeJob("docs"),
        new CommandAccepted("docs"),
        new CommandRefused("docs", JobRefusal.Invalid, "not an smb:// URL", "remote"),
        new CommandRefused("docs", JobRefusal.Invalid, "not an smb:// URL", "remote", [new JobSpecError("remote", "not an smb:// URL"), new JobSpecError("workers", "must be between 1 and 64")]),
        new JobView("docs", Spec, JobStatus.Running, "r2", new SyncProgress("executing", "a/b.txt", 3, 10, 1024, 4096, 512.5, TimeSpan.FromSeconds(6)), Summary, 42, "akka.tcp://smbsync@10.0.0.7:4053", Version: 17),
        new JobHistory("docs", [Summary]),
        new GetJobStatistics("docs"),
        new JobStatistics("docs", "akka.tcp://smbsync@10.0.0.7:4053", new RunOutcomeCounts(3, 1, 0, 1), 0.6, 2.5, 4.2, [new DayTotals(new DateOnly(2026, 12, 7), 5, 12, 4096)]),
        new JobView("docs", Spec with { EncodeNames = false }, JobStatus.Idle, null, null,
            Summary with { DryRun = true, Plan = [new PlannedAction("a", "rename-local") { Target = "b" }, new PlannedAction("c:d", "skip") { Reason = "conflict" }], Planned = 7 }, 2),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Messages_round_trip_through_the_contract_serializer_on_a_node(object message)
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("smbsync-ser-").FullName, "jobs.db");
        using var host = await JobJournalHost.StartAsync(database);
        var serialization = host.Services.GetRequiredService<ActorSystem>().Serialization;

        var serializer = Assert.IsType<ContractSerializer>(serialization.FindSerializerFor(message));
        var manifest = serializer.Manifest(message);
        var back = serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
        await host.StopAsync();

        Assert.Equal(message.GetType().Name + ".v1", manifest);
        Assert.Equal(JsonSerializer.Serialize(message, message.GetType()), JsonSerializer.Serialize(back, back.GetType()));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task A_client_system_binds_them_with_the_contract_config_alone(object message)
    {
        using var client = ActorSystem.Create("client", ContractSerializer.Config);
        var serialization = client.Serialization;

        var serializer = Assert.IsType<ContractSerializer>(serialization.FindSerializerFor(message));
        var back = serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, serializer.Manifest(message));
        await client.Terminate();

        Assert.Equal(JsonSerializer.Serialize(message, message.GetType()), JsonSerializer.Serialize(back, back.GetType()));
    }

    [Fact]
    public void A_definition_is_written_as_it_always_was() =>
        Assert.Equal(
            """{"spec":{"id":"docs","localPath":"/srv/docs","remote":"smb://svc@nas/team","mode":"mirror","conflict":"keep-both","workers":8,"exclude":["*.tmp"],"include":[]},"intent":"create","jobId":"docs"}""",
            Encoding.UTF8.GetString(ContractMessages.Codec.Encode(new DefineJob(Spec, DefineIntent.Create))));

    [Fact]
    public void A_definition_naming_a_mode_this_version_does_not_know_arrives_with_the_problem()
    {
        var json = """{"spec":{"id":"docs","localPath":"/srv/docs","remote":"/srv/copy","mode":"sideways","conflict":"newer","workers":0},"intent":"update","jobId":"docs"}""";

        var define = Assert.IsType<DefineJob>(ContractMessages.Codec.Decode(Encoding.UTF8.GetBytes(json), "DefineJob.v1"));

        Assert.Equal(("docs", DefineIntent.Update, 0, ConflictPolicy.Newer), (define.JobId, define.Intent, define.Spec.Workers, define.Spec.Conflict));
        Assert.Equal([new JobSpecError("mode", "'sideways' is not one of mirror, upload, download")], define.ReadProblems);
        Assert.Empty(((DefineJob)ContractMessages.Codec.Decode(ContractMessages.Codec.Encode(new DefineJob(Spec)), "DefineJob.v1")).ReadProblems);
    }

    [Fact]
    public void A_definition_keeping_no_versions_arrives_so_and_one_from_an_older_client_keeps_them_30_days()
    {
        var off = (DefineJob)ContractMessages.Codec.Decode(ContractMessages.Codec.Encode(new DefineJob(Spec with { KeepVersionsDays = 0 })), "DefineJob.v1");
        var older = (DefineJob)ContractMessages.Codec.Decode(
            """{"spec":{"id":"docs","localPath":"/srv/docs","remote":"/srv/copy"},"intent":"create","jobId":"docs"}"""u8, "DefineJob.v1");

        Assert.Equal((0, JobDefaults.KeepVersionsDays), (off.Spec.KeepVersionsDays, older.Spec.KeepVersionsDays));
    }

    [Fact]
    public void Unknown_manifests_are_a_format_error() =>
        Assert.Throws<FormatException>(() => ContractMessages.Codec.Decode("{}"u8, "NoSuchMessage.v1"));
}
