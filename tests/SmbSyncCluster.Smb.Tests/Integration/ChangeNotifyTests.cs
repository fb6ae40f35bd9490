using System.Threading.Channels;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>CHANGE_NOTIFY against smbd: what another client changes anywhere under a watched directory arrives.</summary>
public sealed class ChangeNotifyTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(20);

    /// <summary>The batches of a watch, read in the background until the test ends it.</summary>
    private sealed class Watch : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Channel<SmbChangeBatch> _batches = Channel.CreateUnbounded<SmbChangeBatch>();

        public Watch(SmbShareClient client, string path)
        {
            Ended = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in client.WatchAsync(path, _stop.Token))
                    {
                        _batches.Writer.TryWrite(batch);
                    }
                }
                finally
                {
                    _batches.Writer.TryComplete();
                }
            });
        }

        public Task Ended { get; }

        /// <summary>Reads batches until one reports <paramref name="kind"/> of <paramref name="path"/>; the changes seen on the way.</summary>
        public async Task<List<SmbChange>> UntilAsync(SmbChangeKind kind, string path)
        {
            using var timeout = new CancellationTokenSource(Arrival);
            var seen = new List<SmbChange>();
            try
            {
                while (!seen.Contains(new SmbChange(kind, path)))
                {
                    seen.AddRange((await _batches.Reader.ReadAsync(timeout.Token)).Changes);
                }
                return seen;
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {kind} {path} within {Arrival}; seen: {string.Join(", ", seen)}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Ended.ContinueWith(_ => { }, TaskScheduler.Default);
            _stop.Dispose();
        }
    }

    /// <summary>The watch's request is in flight once the server answers a stat sent after it on the same connection.</summary>
    private static async Task<Watch> WatchAsync(SmbShareClient client, string dir)
    {
        var watch = new Watch(client, dir);
        await Task.Delay(300);
        await client.StatAsync(dir);
        return watch;
    }

    [Fact]
    public async Task What_another_client_creates_renames_and_deletes_deep_in_the_tree_arrives()
    {
        var (dir, local) = Samba.NewDirectory(samba.Server);
        Directory.CreateDirectory(Path.Combine(local, "a", "b"));
        var source = Path.Combine(Directory.CreateTempSubdirectory("smbsync-notify-").FullName, "x.txt");
        File.WriteAllText(source, "x");
        await using var client = await Samba.ConnectAsync(samba.Server);
        await using var watch = await WatchAsync(client, dir);

        samba.Server.SmbClient(SambaServer.ShareName, $"put {source} {dir}/a/b/x.txt");
        await watch.UntilAsync(SmbChangeKind.Added, "a/b/x.txt");
        samba.Server.SmbClient(SambaServer.ShareName, $"rename {dir}/a/b/x.txt {dir}/a/b/y.txt");
        var renamed = await watch.UntilAsync(SmbChangeKind.RenamedTo, "a/b/y.txt");
        samba.Server.SmbClient(SambaServer.ShareName, $"rename {dir}/a/b/y.txt {dir}/a/z.txt");
        var moved = await watch.UntilAsync(SmbChangeKind.Added, "a/z.txt"); // across directories: gone here, new there
        samba.Server.SmbClient(SambaServer.ShareName, $"del {dir}/a/z.txt");
        await watch.UntilAsync(SmbChangeKind.Removed, "a/z.txt");

        Assert.Contains(new SmbChange(SmbChangeKind.RenamedFrom, "a/b/x.txt"), renamed);
        Assert.Contains(new SmbChange(SmbChangeKind.Removed, "a/b/y.txt"), moved);
    }

    [Fact]
    public async Task A_watch_waits_past_the_request_timeout_once_the_server_has_taken_it_on()
    {
        var (dir, _) = Samba.NewDirectory(samba.Server);
        await using var client = await Samba.ConnectAsync(samba.Server, tweak: o => o with { RequestTimeout = TimeSpan.FromSeconds(2) });
        await using var watch = await WatchAsync(client, dir);

        await Task.Delay(TimeSpan.FromSeconds(5)); // quiet for longer than any other request may take
        var source = Path.Combine(Directory.CreateTempSubdirectory("smbsync-notify-").FullName, "late.txt");
        File.WriteAllText(source, "late");
        samba.Server.SmbClient(SambaServer.ShareName, $"put {source} {dir}/late.txt");

        await watch.UntilAsync(SmbChangeKind.Added, "late.txt");
        Assert.False(watch.Ended.IsCompleted);
    }

    [Fact]
    public async Task Stopping_a_watch_leaves_the_connection_usable_and_a_lost_connection_ends_it_with_an_error()
    {
        var (dir, _) = Samba.NewDirectory(samba.Server);
        await using var client = await Samba.ConnectAsync(samba.Server);
        var stopped = await WatchAsync(client, dir);

        await stopped.DisposeAsync();
        Assert.True(stopped.Ended.IsCompletedSuccessfully || stopped.Ended.IsCanceled, stopped.Ended.Exception?.ToString());
        Assert.True((await client.StatAsync(dir)).IsDirectory);

        await using var second = await Samba.ConnectAsync(samba.Server);
        await using var lost = await WatchAsync(second, dir);
        samba.Server.KillClientConnections();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => lost.Ended.WaitAsync(Arrival));
        Assert.IsType<SmbConnectionException>(error);
    }
}
