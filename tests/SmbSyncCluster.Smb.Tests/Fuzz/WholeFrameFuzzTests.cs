using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Security;
using Xunit.Abstractions;

namespace SmbSyncCluster.Smb.Tests.Fuzz;

/// <summary>
/// Whole server frames and compound chains, recorded from a real smbd and mutated, played back to the
/// real client running a real workload. Every run must end in success or an <see cref="SmbException"/>
/// caused only by the network or other SMB errors, within a few seconds: never another exception type
/// (thrown or hidden inside a connection failure) and never a hang.
/// </summary>
public sealed class WholeFrameFuzzTests(RecordedConversations recorded, ITestOutputHelper output) : IClassFixture<RecordedConversations>
{
    private const int Parallelism = 8;

    /// <summary>Mutants per conversation; SMBSYNC_FUZZ_MUTANTS runs more (a longer hunt) without changing the test.</summary>
    private static readonly int MutantsPerConversation = FromEnvironment("SMBSYNC_FUZZ_MUTANTS", 1500);

    /// <summary>Mutant n runs on seed BaseSeed + n; SMBSYNC_FUZZ_SEED moves the hunt to other mutants.</summary>
    private static readonly int BaseSeed = FromEnvironment("SMBSYNC_FUZZ_SEED", 0x5EED);

    /// <summary>Short: a mutant that loses a response otherwise costs a whole request timeout.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMilliseconds(400);

    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(5);

    private Conversation Named(string name) => recorded.All.Single(c => c.Name == name);

    [Theory]
    [InlineData("unsigned")]
    [InlineData("signed")]
    public async Task The_recorded_conversation_replays_to_the_same_outcome(string name)
    {
        var conversation = Named(name);
        var mutator = new FrameMutator(new Random(BaseSeed), conversation.Frames, Signer(conversation));

        var outcome = await ReplayAsync(conversation, (_, frame, ids) => mutator.Faithful(frame, ids));

        Assert.True(conversation.Frames.Count >= 12, $"only {conversation.Frames.Count} frames recorded");
        Assert.Contains($"{FuzzWorkload.FileCount} entries", conversation.Outcome, StringComparison.Ordinal);
        Assert.Null(outcome.Failure);
        Assert.Equal(conversation.Outcome, outcome.Result);
    }

    [Fact]
    public async Task An_smb311_replay_gets_as_far_as_the_signed_end_of_the_logon()
    {
        var conversation = Named("smb311");
        var mutator = new FrameMutator(new Random(BaseSeed), conversation.Frames, null);

        var outcome = await ReplayAsync(conversation, (_, frame, ids) => mutator.Faithful(frame, ids));

        Assert.Contains($"{FuzzWorkload.FileCount} entries", conversation.Outcome, StringComparison.Ordinal);
        var refused = Assert.IsType<SmbProtocolException>(outcome.Failure);
        Assert.Equal("bad signature on the final SESSION_SETUP response", refused.Message);
    }

    [Theory]
    [InlineData("unsigned")]
    [InlineData("signed")]
    [InlineData("smb311")]
    public async Task Mutated_frames_only_ever_give_smb_errors(string name)
    {
        var conversation = Named(name);
        var crashes = new ConcurrentBag<string>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var mutants = conversation.KeysReplay ? MutantsPerConversation : MutantsPerConversation / 3;
        var clock = Stopwatch.StartNew();
        var allocatedBefore = GC.GetTotalAllocatedBytes();

        await Parallel.ForEachAsync(Enumerable.Range(0, mutants), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (index, _) =>
        {
            var (step, description, forged, outcome) = await RunMutantAsync(conversation, index);
            var kind = outcome.Failure?.GetType().Name ?? "success";
            outcomes.AddOrUpdate(kind, 1, (_, n) => n + 1);
            if (outcome.Failure is { } failure && Unexpected(failure) is { } crash)
            {
                crashes.Add($"case {index} (step {step}, {description}): {crash.GetType().Name}: {crash.Message}\n{crash.StackTrace}");
            }
            if (conversation.Options.RequireSigning && !forged && outcome.Result is { } result && result != conversation.Outcome)
            {
                crashes.Add($"case {index} (step {step}, {description}): tampering without the key went unnoticed: {result}");
            }
        });

        var allocatedPerMutant = (GC.GetTotalAllocatedBytes() - allocatedBefore) / mutants;
        output.WriteLine($"{mutants} mutants (seeds from {BaseSeed}) of {conversation.Reachable} frames in {clock.Elapsed.TotalSeconds:0.0}s, "
            + $"{allocatedPerMutant / 1024} KiB allocated per mutant: "
            + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        Assert.True(crashes.IsEmpty, $"{crashes.Count} crashes, e.g.\n{string.Join("\n\n", crashes.OrderBy(c => c).Take(3))}");
    }

    /// <summary>Mutant <paramref name="index"/>: one frame of the conversation mutated, chosen by a seed of its own.</summary>
    /// <remarks>
    /// Forged is true when the mutant was signed again with the session key: without it, tampering
    /// with a signed conversation may fail it, but never change what the client reports.
    /// </remarks>
    private static async Task<(int Step, string Description, bool Forged, ReplayOutcome Outcome)> RunMutantAsync(Conversation conversation, int index)
    {
        var random = new Random(BaseSeed + index);
        var step = random.Next(conversation.Reachable);
        using var signer = Signer(conversation);
        var mutator = new FrameMutator(random, conversation.Frames, signer);
        var description = "";
        var forged = false;
        var outcome = await ReplayAsync(conversation, (n, frame, ids) =>
        {
            if (n != step)
            {
                return mutator.Faithful(frame, ids);
            }
            var mutant = mutator.Mutate(frame, ids);
            description = mutator.Description;
            forged = mutator.Resigned;
            return mutant;
        });
        return (step, description, forged, outcome);
    }

    private static async Task<ReplayOutcome> ReplayAsync(Conversation conversation, ReplayServer.Answer answer)
    {
        using var server = ReplayServer.Start(conversation.Frames, answer);
        // A replayed conversation is one connection: a reconnect after a mutant broke it is refused, and the
        // client's patience with a server that restarts (its reconnect budget) would only read as a hang here.
        var run = FuzzWorkload.RunAsync(conversation.Options with { Port = server.Port, RequestTimeout = RequestTimeout, ReconnectBudget = TimeSpan.Zero });
        try
        {
            return new ReplayOutcome(await run.WaitAsync(HangLimit), null);
        }
        catch (TimeoutException) when (!run.IsCompleted)
        {
            throw new Xunit.Sdk.XunitException($"the client hung for {HangLimit.TotalSeconds}s");
        }
        catch (Exception e)
        {
            return new ReplayOutcome(null, e);
        }
    }

    /// <summary>The first exception in the chain that is neither an SMB error nor the network failing, if any.</summary>
    private static Exception? Unexpected(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is not (SmbException or AuthenticationProtocolException or IOException or SocketException
                or TimeoutException or OperationCanceledException or ObjectDisposedException))
            {
                return e;
            }
        }
        return failure is SmbException ? null : failure;
    }

    /// <summary>The server's signer for the recorded logon: SMB 3.0.2 signs with AES-CMAC under a key from the session key alone.</summary>
    private static Smb2Signer? Signer(Conversation conversation) => !conversation.KeysReplay ? null :
        Smb2Signer.Create(Smb2SigningAlgorithm.AesCmac, SessionKeys.Derive(Smb2Dialect.Smb302, conversation.SessionKey, Smb2Cipher.None, default).SigningKey);

    private static int FromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;

    private sealed record ReplayOutcome(string? Result, Exception? Failure);
}
