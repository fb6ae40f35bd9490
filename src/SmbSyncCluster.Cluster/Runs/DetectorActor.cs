using System.Runtime.ExceptionServices;
using Akka.Actor;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Scanning;

namespace SmbSyncCluster.Cluster.Runs;

/// <summary>
/// Runs the three-way detection and the planner (<see cref="RunPlanning"/>), in checksum mode after
/// reading the candidate files and, unless the run is a dry run or refused, aligning the times of those
/// found identical. Detection and planning are CPU-bound and, on a tree of millions of paths, long enough
/// to starve other actors, so the detector lives on the blocking dispatcher. A failure crashes it: the run's supervision aborts the run.
/// </summary>
public sealed class DetectorActor : ReceiveActor
{
    private sealed record ContentMatched(DetectChanges Request, ContentMatches Matches);

    /// <summary>Creates a detector for a run cancelled with <paramref name="ct"/>.</summary>
    public DetectorActor(CancellationToken ct)
    {
        Receive<DetectChanges>(d =>
        {
            if (d.Checksum)
            {
                RunPlanning.MatchContentAsync(d.Base, d.Local, d.Remote, d.Stores.Local, d.Stores.Remote, d.Options.Mode, ct)
                    .PipeTo(Self, Sender, matches => new ContentMatched(d, matches));
                return;
            }
            Sender.Tell(new ChangesPlanned(Plan(d)));
        });
        Receive<ContentMatched>(matched =>
        {
            var (d, (fixes, moves)) = matched;
            var plan = Plan(d with { Options = d.Options with { ContentMoves = moves } });
            if (plan.IsRefused || d.DryRun || fixes.Count == 0)
            {
                Sender.Tell(new ChangesPlanned(plan));
                return;
            }
            ContentMatcher.ApplyAsync(fixes, (d.Stores.Local, d.Stores.Remote), ct).PipeTo(Self, Sender, () => new ChangesPlanned(plan));
        });
        Receive<ChangesPlanned>(planned => Sender.Tell(planned));
        Receive<Status.Failure>(failed => ExceptionDispatchInfo.Throw(failed.Cause));
    }

    /// <summary>The props of a detector for a run cancelled with <paramref name="ct"/>.</summary>
    public static Props Props(CancellationToken ct) => Akka.Actor.Props.Create(() => new DetectorActor(ct));

    private static SyncPlan Plan(DetectChanges d) => RunPlanning.Plan(d.Base, d.Local, d.Remote, d.Stores.Local, d.Stores.Remote, d.Options, d.Scope);
}
