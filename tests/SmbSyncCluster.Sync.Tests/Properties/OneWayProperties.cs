using SmbSyncCluster.Contracts;
using CsCheck;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Tests.Simulation;
using SmbSyncCluster.Sync.Tests.Support;

namespace SmbSyncCluster.Sync.Tests.Properties;

/// <summary>Upload never writes the local side, download never the remote, and neither churns nor loses content.</summary>
public sealed class OneWayProperties
{
    private static readonly Gen<ConflictPolicy> Policies = Gen.Enum<ConflictPolicy>();

    [Theory]
    [InlineData(SyncMode.Upload)]
    [InlineData(SyncMode.Download)]
    public void A_one_way_run_leaves_its_source_alone_and_settles(SyncMode mode) =>
        Gen.Select(Scenario.Any, Policies).Sample((scenario, policy) =>
        {
            var world = new World(scenario, MirrorProperties.Names, NameRules.Permissive, NameRules.Permissive);
            var source = mode == SyncMode.Upload ? world.Local : world.Remote;
            var before = source.Listing();
            var unsynced = world.UnsyncedContent();

            world.Run(mode, policy);

            Assert.Equal(before, source.Listing());
            Assert.DoesNotContain(world.Run(mode, policy).Actions, a => a.Writes());
            if (policy is ConflictPolicy.KeepBoth or ConflictPolicy.Skip)
            {
                var kept = world.AllContent();
                Assert.All(unsynced, content => Assert.Contains(content, kept));
            }
        }, iter: 1500, print: t => $"{t.Item2}: {t.Item1}");
}
