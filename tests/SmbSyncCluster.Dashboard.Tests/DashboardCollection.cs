namespace SmbSyncCluster.Dashboard.Tests;

/// <summary>The dashboard tests share one node and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
