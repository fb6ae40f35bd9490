using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Sync.Tests.Stores;

public class SmbFileStoreTests(SambaFixture samba) : StoreContract, IClassFixture<SambaFixture>
{
    protected virtual int Connections => 1;

    protected override async Task<(IFileStore Store, string Disk)> NewStoreAsync()
    {
        var name = "s" + Guid.NewGuid().ToString("N")[..10];
        var disk = Path.Combine(samba.Server.SharePath(), name);
        Directory.CreateDirectory(disk);
        var options = new SmbClientOptions
        {
            Host = "127.0.0.1",
            Port = samba.Server.Port,
            Credentials = new SmbCredentials(SambaServer.Domain, SambaServer.UserName, SambaServer.Password),
        };
        return (await SmbFileStore.OpenAsync(options, SambaServer.ShareName, name, default, Connections), disk);
    }
}

/// <summary>The same contract with the store's operations spread over three connections, as a run's store is.</summary>
public sealed class PooledSmbFileStoreTests(SambaFixture samba) : SmbFileStoreTests(samba)
{
    protected override int Connections => 3;
}
