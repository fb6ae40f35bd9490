using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>The tests that need the Samba AD DC; it is provisioned once for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class SambaDomainCollection : ICollectionFixture<SambaDomainFixture>
{
    public const string Name = "Samba AD DC";
}
