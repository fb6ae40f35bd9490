using CsCheck;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Tests.Simulation;

namespace SmbSyncCluster.Sync.Tests.Properties;

/// <summary>
/// Random synced trees where users on both sides rename and move files and directories (and copy, edit,
/// delete) between runs: a mirror run with rename detection loses nothing, never renames an entry onto
/// another's content, leaves both sides identical and settles.
/// </summary>
public sealed class MoveProperties
{
    private static readonly Gen<Scenario> WithRenames = Scenario.Any.Where(s => s.Edits.Any(e => e.Kind == EditKind.Rename));

    [Fact]
    public void Renames_are_carried_out_without_losing_or_mixing_up_content()
    {
        var moves = 0;
        WithRenames.Sample(scenario =>
        {
            var world = new World(scenario, MirrorProperties.Names, NameRules.Permissive, NameRules.Permissive);
            var unsynced = world.UnsyncedContent();
            var movedOn = new Dictionary<string, long>(StringComparer.Ordinal);

            var plan = world.Run(SyncMode.Mirror, ConflictPolicy.KeepBoth);

            foreach (var move in plan.Actions.Where(a => a.Kind is SyncActionKind.MoveLocal or SyncActionKind.MoveRemote))
            {
                Interlocked.Increment(ref moves);
                var (renamed, mover) = move.Kind == SyncActionKind.MoveRemote ? (world.Remote, world.Local) : (world.Local, world.Remote);
                foreach (var entry in move.Moved!.Where(m => m.Synced.IsFile))
                {
                    Assert.Equal(mover.Exact(entry.To)!.Value.Content, renamed.Exact(entry.To)!.Value.Content);
                }
            }
            Assert.Equal(world.Local.Listing(), world.Remote.Listing());
            Assert.Empty(world.Run(SyncMode.Mirror, ConflictPolicy.KeepBoth).Actions);
            var kept = world.AllContent();
            Assert.All(unsynced, content => Assert.Contains(content, kept));
        }, iter: 3000, print: s => s.ToString());
        Assert.True(moves > 100, $"only {moves} moves in 3000 scenarios: the generator no longer exercises rename detection");
    }

    [Fact]
    public void A_rename_alone_moves_and_copies_nothing() =>
        Scenario.Any.Where(s => !s.FirstRun && s.Initial.Length > 0).Select(Gen.Int[0, 999], Gen.Int[0, 4], Gen.Enum<SmbSyncCluster.Sync.Model.SyncSide>(),
            (s, pick, size, side) => s with { Edits = [new Edit(EditKind.Rename, side, pick, size)] }).Sample(scenario =>
        {
            var world = new World(scenario, MirrorProperties.Names, NameRules.Permissive, NameRules.Permissive);

            var plan = world.Run(SyncMode.Mirror, ConflictPolicy.KeepBoth);

            Assert.Equal((0, 0, 0, 0), (plan.Summary.Uploads, plan.Summary.Downloads, plan.Summary.DeletesLocal, plan.Summary.DeletesRemote));
            Assert.Equal(world.Local.Listing(), world.Remote.Listing());
        }, iter: 1000, print: s => s.ToString());
}
