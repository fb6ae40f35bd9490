using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Sync.Tests.Stores;

/// <summary>
/// A run's claim on a share directory across a dropped connection, against a real Samba: the handle that is
/// the claim dies with the connection, so the store takes it again before its next change, and stops the
/// run when another run took the directory meanwhile.
/// </summary>
public sealed class RemoteLeaseTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private SmbClientOptions Options => new()
    {
        Host = "127.0.0.1",
        Port = samba.Server.Port,
        Credentials = new SmbCredentials(SambaServer.Domain, SambaServer.UserName, SambaServer.Password),
    };

    private async Task<(SmbFileStore A, SmbFileStore B, string Disk)> TwoStoresAsync()
    {
        var name = "l" + Guid.NewGuid().ToString("N")[..10];
        var disk = Path.Combine(samba.Server.SharePath(), name);
        Directory.CreateDirectory(disk);
        return (await SmbFileStore.OpenAsync(Options, SambaServer.ShareName, name, default, connections: 2),
            await SmbFileStore.OpenAsync(Options, SambaServer.ShareName, name, default), disk);
    }

    private static Task WriteAsync(IFileStore store, string path) =>
        AsTheExecutorDoes(() => store.WriteFileAsync(path, new MemoryStream("x"u8.ToArray()), 1, DateTime.UtcNow, null, default));

    /// <summary>Retries what fails on a connection that died under it, as the executor retries transient errors.</summary>
    private static Task AsTheExecutorDoes(Func<Task> change) => AsTheExecutorDoes(async () =>
    {
        await change();
        return 0;
    });

    private static async Task<T> AsTheExecutorDoes<T>(Func<Task<T>> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await change();
            }
            catch (SmbConnectionException) when (attempt < 20)
            {
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task A_claim_lost_with_its_connection_is_taken_again_before_the_next_change()
    {
        var (a, b, disk) = await TwoStoresAsync();
        await using var _ = a;
        await using var __ = b;
        await using var lease = await a.LeaseAsync("run a", default);

        samba.Server.KillClientConnections(); // the server closes the claim's handle with the connection
        await AsTheExecutorDoes(() => a.CreateDirectoryAsync("sub", default));

        await Assert.ThrowsAsync<PlaceBusyException>(() => AsTheExecutorDoes(() => b.LeaseAsync("run b", default)));
        Assert.True(Directory.Exists(Path.Combine(disk, "sub")));
    }

    [Fact]
    public async Task A_store_whose_claim_was_taken_by_another_run_after_a_reconnect_changes_nothing()
    {
        var (a, b, disk) = await TwoStoresAsync();
        await using var _ = a;
        await using var __ = b;
        await using var lease = await a.LeaseAsync("run a", default);

        samba.Server.KillClientConnections();
        await using var taken = await AsTheExecutorDoes(() => b.LeaseAsync("run b", default));
        var refused = await Assert.ThrowsAsync<PlaceBusyException>(() => WriteAsync(a, "late.txt"));

        Assert.Contains("run b", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(disk, "late.txt")));
    }
}
