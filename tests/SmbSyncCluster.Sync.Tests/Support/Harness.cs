using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;

namespace SmbSyncCluster.Sync.Tests.Support;

/// <summary>Detection and planning with the settings most tests share.</summary>
internal static class Harness
{
    public static readonly DateTimeOffset Clock = new(2026, 11, 25, 15, 42, 0, TimeSpan.Zero);

    public static readonly DetectionOptions Exact = new() { MtimeTolerance = TimeSpan.Zero };

    public static Change Single(TreeSnapshot baseState, TreeSnapshot local, TreeSnapshot remote, DetectionOptions? options = null) =>
        Assert.Single(ChangeDetector.Detect(baseState, local, remote, options ?? Exact));

    public static SyncPlan Plan(TreeSnapshot baseState, TreeSnapshot local, TreeSnapshot remote,
        SyncMode mode = SyncMode.Mirror, ConflictPolicy policy = ConflictPolicy.KeepBoth, DetectionOptions? detection = null) =>
        SyncPlanner.Plan(ChangeDetector.Detect(baseState, local, remote, detection ?? Exact), Options(mode, policy, baseState.FileCount));

    public static PlanOptions Options(SyncMode mode = SyncMode.Mirror, ConflictPolicy policy = ConflictPolicy.KeepBoth, int tracked = 0) =>
        new() { Mode = mode, ConflictPolicy = policy, TrackedCount = tracked, Timestamp = Clock };

    /// <summary>The plan as "Kind path[ -> target]" lines, the form assertions read best in.</summary>
    public static string[] Steps(this SyncPlan plan) =>
        plan.Actions.Select(a => a.TargetPath is null ? $"{a.Kind} {a.Path}" : $"{a.Kind} {a.Path} -> {a.TargetPath}").ToArray();
}
