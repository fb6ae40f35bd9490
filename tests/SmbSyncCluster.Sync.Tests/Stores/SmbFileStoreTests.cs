using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Sync.Tests.Stores;

public class SmbFileStoreTests(SambaFixture samba) : StoreContract, IClassFixture<SambaFixture>
{
    protected virtual int Connections => 1;

    protected virtual bool EncodeNames => false;

    protected override async Task<(IFileStore Store, string Disk)> NewStoreAsync()
    {
        var name = "s" + Guid.NewGuid().ToString("N")[..10];
        var disk = Path.Combine(samba.Server.SharePath(), name);
        Directory.CreateDirectory(disk);
        return (await SmbFileStore.OpenAsync(Options, SambaServer.ShareName, name, default, Connections, encodeNames: EncodeNames), disk);
    }

    protected SmbClientOptions Options => new()
    {
        Host = "127.0.0.1",
        Port = samba.Server.Port,
        Credentials = new SmbCredentials(SambaServer.Domain, SambaServer.UserName, SambaServer.Password),
    };
}

/// <summary>The same contract with the store's operations spread over three connections, as a run's store is.</summary>
public sealed class PooledSmbFileStoreTests(SambaFixture samba) : SmbFileStoreTests(samba)
{
    protected override int Connections => 3;

    [Fact]
    public async Task A_refused_logon_is_tried_once_not_once_per_connection()
    {
        var logons = 0;
        var refusing = Options with
        {
            AuthenticatorFactory = _ =>
            {
                Interlocked.Increment(ref logons);
                throw new InvalidOperationException("logon refused");
            },
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => SmbFileStore.OpenAsync(refusing, SambaServer.ShareName, "", default, Connections));

        Assert.Equal(1, logons);
    }
}
