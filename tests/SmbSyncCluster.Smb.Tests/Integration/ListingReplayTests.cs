using System.Buffers.Binary;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>
/// A man in the middle (on a share that does not sign) replays a directory round in place of the
/// server's NO_MORE_FILES: the listing must not come back with names twice, nor go round forever.
/// </summary>
public sealed class ListingReplayTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private const int MessageIdOffset = 24;
    private const uint StatusNoMoreFiles = 0x80000006;

    [Fact]
    public async Task A_replayed_directory_round_is_a_protocol_error()
    {
        using var proxy = new TamperingProxy(samba.Server.Port);
        var (dir, local) = Samba.NewDirectory(samba.Server);
        File.WriteAllText(Path.Combine(local, "a.txt"), "a");
        File.WriteAllText(Path.Combine(local, "b.txt"), "b");
        await using var client = await Samba.ConnectAsync(samba.Server, tweak: o => o with { Port = proxy.Port });
        proxy.ArmRewrite(TamperingProxy.Response(Smb2Command.QueryDirectory, status: 0), first =>
        {
            var round = first.Last().ToArray();
            proxy.ArmRewrite(TamperingProxy.Response(Smb2Command.QueryDirectory, StatusNoMoreFiles), end =>
            {
                var replay = round.ToArray();
                end[0].AsSpan(MessageIdOffset, 8).CopyTo(replay.AsSpan(MessageIdOffset));
                return [replay];
            });
            return first;
        });

        var failure = await Record.ExceptionAsync(() => client.ListAsync(dir));

        Assert.True(proxy.Tampered);
        Assert.IsType<SmbProtocolException>(failure);
        Assert.Contains("twice", failure.Message, StringComparison.Ordinal);
    }
}
