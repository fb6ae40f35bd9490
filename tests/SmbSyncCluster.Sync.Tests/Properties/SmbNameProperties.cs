using SmbSyncCluster.Contracts;
using CsCheck;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Tests.Simulation;
using SmbSyncCluster.Sync.Tests.Support;

namespace SmbSyncCluster.Sync.Tests.Properties;

/// <summary>
/// A case-sensitive local tree with names an SMB share cannot hold, against a simulated
/// case-insensitive share: every run executes cleanly (no upload lands on a name equal but for
/// case), every local file reaches the share or is reported, and the runs settle.
/// </summary>
public sealed class SmbNameProperties
{
    private static readonly string[] Names = ["a", "A", "b:c", "d.txt", "D.TXT"];

    [Fact]
    public void Names_the_share_cannot_hold_are_reported_never_lost() =>
        Scenario.Any.Sample(scenario =>
        {
            var world = new World(scenario, Names, NameRules.Permissive, NameRules.Smb);
            var unsynced = world.UnsyncedContent();

            var plans = Enumerable.Range(0, 3).Select(_ => world.Run(SyncMode.Mirror, ConflictPolicy.KeepBoth)).ToList();

            Assert.DoesNotContain(plans[^1].Actions, a => a.Writes());
            var reported = plans[^1].Actions.Where(a => a.SkipReason == SkipReason.Unrepresentable).Select(a => a.Path).ToHashSet();
            foreach (var file in world.Local.Files)
            {
                var onShare = world.Remote.Exact(file.Path) is { } r && r.Content == file.Content;
                Assert.True(onShare || IsUnder(file.Path, reported), $"{file.Path} is neither on the share nor reported");
            }
            var kept = world.AllContent();
            Assert.All(unsynced, content => Assert.Contains(content, kept));
        }, iter: 2000, print: s => s.ToString());

    private static bool IsUnder(string path, HashSet<string> reported)
    {
        for (var p = path; p.Length > 0; p = RelativePath.Parent(p).ToString())
        {
            if (reported.Contains(p))
            {
                return true;
            }
        }
        return false;
    }
}
