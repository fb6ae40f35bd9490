using SmbSyncCluster.Contracts;
using CsCheck;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Tests.Simulation;

namespace SmbSyncCluster.Sync.Tests.Properties;

/// <summary>
/// Random synced trees, random edits on both sides, one mirror run applied by the simulator: the
/// sides end up identical, a second run has nothing to do, and nothing a user changed is lost.
/// </summary>
public sealed class MirrorProperties
{
    internal static readonly string[] Names = ["a", "b", "c.txt"];

    private static World NewWorld(Scenario scenario) => new(scenario, Names, NameRules.Permissive, NameRules.Permissive);

    [Fact]
    public void Keep_both_makes_the_sides_identical_loses_nothing_and_settles() =>
        Scenario.Any.Sample(scenario =>
        {
            var world = NewWorld(scenario);
            var unsynced = world.UnsyncedContent();

            world.Run(SyncMode.Mirror, ConflictPolicy.KeepBoth);

            Assert.Equal(world.Local.Listing(), world.Remote.Listing());
            Assert.Empty(world.Run(SyncMode.Mirror, ConflictPolicy.KeepBoth).Actions);
            var kept = world.AllContent();
            Assert.All(unsynced, content => Assert.Contains(content, kept));
        }, iter: 3000, print: s => s.ToString());

    [Fact]
    public void Every_overwriting_policy_makes_the_sides_identical_and_settles() =>
        Gen.Select(Scenario.Any, Gen.OneOf(ConflictPolicy.Newer, ConflictPolicy.Local, ConflictPolicy.Remote)).Sample((scenario, policy) =>
        {
            var world = NewWorld(scenario);

            world.Run(SyncMode.Mirror, policy);

            Assert.Equal(world.Local.Listing(), world.Remote.Listing());
            Assert.Empty(world.Run(SyncMode.Mirror, policy).Actions);
        }, iter: 2000, print: t => $"{t.Item2}: {t.Item1}");

    [Fact]
    public void Skip_leaves_only_conflicts_behind() =>
        Scenario.Any.Sample(scenario =>
        {
            var world = NewWorld(scenario);
            var unsynced = world.UnsyncedContent();

            world.Run(SyncMode.Mirror, ConflictPolicy.Skip);

            var again = world.Run(SyncMode.Mirror, ConflictPolicy.Skip);
            Assert.All(again.Actions, a => Assert.Equal(SmbSyncCluster.Sync.Planning.SyncActionKind.Skip, a.Kind));
            var kept = world.AllContent();
            Assert.All(unsynced, content => Assert.Contains(content, kept));
        }, iter: 1000, print: s => s.ToString());
}
