using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Sync.Tests.Execution;

/// <summary>A fresh local directory and a fresh directory on the fixture's share, with a <see cref="SyncCycle"/> between them.</summary>
internal static class SambaPairs
{
    public static async Task<(SyncCycle Cycle, string Local, string Remote, IAsyncDisposable Store)> NewAsync(SambaFixture samba)
    {
        var (local, remote, store) = await OpenAsync(samba);
        return (new SyncCycle(new LocalFileStore(local), store), local, remote, store);
    }

    /// <summary>The two directories (the share's as its path on disk) and the share's store opened on its own.</summary>
    public static async Task<(string Local, string Remote, SmbFileStore Share)> OpenAsync(SambaFixture samba)
    {
        var local = Directory.CreateTempSubdirectory("smbsync-l-").FullName;
        var name = "r" + Guid.NewGuid().ToString("N")[..10];
        var remote = Path.Combine(samba.Server.SharePath(), name);
        Directory.CreateDirectory(remote);
        var options = new SmbClientOptions
        {
            Host = "127.0.0.1", Port = samba.Server.Port,
            Credentials = new SmbCredentials(SambaServer.Domain, SambaServer.UserName, SambaServer.Password),
        };
        return (local, remote, await SmbFileStore.OpenAsync(options, SambaServer.ShareName, name, default));
    }
}
