using Akka.Actor;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Scanning;

namespace SmbSyncCluster.Cluster.Runs;

/// <summary>Run to detector: compare both scans with the base and plan.</summary>
/// <param name="Base">The job's base; nothing changes it until the plan is back.</param>
/// <param name="Local">The local scan.</param>
/// <param name="Remote">The remote scan.</param>
/// <param name="Stores">The stores (their precision and name rules).</param>
/// <param name="Options">Mode, policy, guard.</param>
public sealed record DetectChanges(TreeSnapshot Base, ScanResult Local, ScanResult Remote, JobStores Stores, PlanOptions Options);

/// <summary>Detector to run: the plan.</summary>
/// <param name="Plan">The plan (possibly refused by the max-delete guard).</param>
public sealed record ChangesPlanned(SyncPlan Plan);

/// <summary>
/// Runs the three-way detection and the planner (<see cref="RunPlanning"/>). Both are CPU-bound
/// (a million paths take about a second), so the detector lives on the blocking dispatcher.
/// </summary>
public sealed class DetectorActor : ReceiveActor
{
    /// <summary>Creates a detector.</summary>
    public DetectorActor() =>
        Receive<DetectChanges>(d => Sender.Tell(new ChangesPlanned(RunPlanning.Plan(d.Base, d.Local, d.Remote, d.Stores.Local, d.Stores.Remote, d.Options))));

    /// <summary>The props of a detector.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new DetectorActor());
}
