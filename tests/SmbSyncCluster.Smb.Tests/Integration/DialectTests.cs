using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>Every dialect against a default Samba: negotiate, authenticate, and a write/list/read round trip.</summary>
public sealed class DialectTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    public static TheoryData<Smb2Dialect> AllDialects => [.. Enum.GetValues<Smb2Dialect>()];

    [Theory]
    [MemberData(nameof(AllDialects))]
    public async Task Each_dialect_round_trips_a_file(Smb2Dialect dialect)
    {
        await using var client = await Samba.ConnectAsync(samba.Server, tweak: o => o with { Dialects = [dialect] });
        var (dir, local) = Samba.NewDirectory(samba.Server);
        var content = "dialect " + dialect;

        await client.WriteAllBytesAsync($"{dir}/hello.txt", System.Text.Encoding.UTF8.GetBytes(content));
        var listing = await client.ListAsync(dir);
        var back = await client.ReadAllBytesAsync($"{dir}/hello.txt");

        Assert.Equal(dialect, client.Dialect);
        Assert.Equal(content, File.ReadAllText(Path.Combine(local, "hello.txt")));
        Assert.Equal(content, System.Text.Encoding.UTF8.GetString(back));
        var entry = Assert.Single(listing);
        Assert.Equal("hello.txt", entry.Name);
        Assert.Equal(content.Length, entry.Size);
        Assert.False(entry.IsDirectory);
        Assert.NotEqual(0, (await client.StatAsync($"{dir}/hello.txt")).FileId); // a listing carries none
    }

    [Fact]
    public async Task Default_negotiation_picks_3_1_1_with_large_io()
    {
        await using var client = await Samba.ConnectAsync(samba.Server);

        Assert.Equal(Smb2Dialect.Smb311, client.Dialect);
        Assert.True(client.MaxIoSize > 1024 * 1024, $"max I/O {client.MaxIoSize} should exceed SMBLibrary's 1 MiB cap");
    }

    [Fact]
    public async Task Wrong_password_is_an_authentication_error()
    {
        var ex = await Assert.ThrowsAsync<SmbAuthenticationException>(() => Samba.ConnectAsync(samba.Server, tweak: o => o with
        {
            Credentials = new SmbSyncCluster.Smb.Auth.SmbCredentials(SambaServer.Domain, SambaServer.UserName, "not-the-password"),
        }));

        Assert.Equal(NtStatus.LogonFailure, ex.Status);
        Assert.DoesNotContain("not-the-password", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_share_is_reported_as_such()
    {
        var ex = await Assert.ThrowsAsync<SmbShareNotFoundException>(() => Samba.ConnectAsync(samba.Server, "no-such-share"));

        Assert.Contains("no-such-share", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_listening_is_a_connection_error()
    {
        var ex = await Assert.ThrowsAsync<SmbConnectionException>(() => SmbShareClient.ConnectAsync(
            new SmbClientOptions { Host = "127.0.0.1", Port = FreePort.Next(), Credentials = Samba.User }, "share"));

        Assert.Contains("cannot connect", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_only_share_refuses_writes_with_access_denied()
    {
        File.WriteAllText(Path.Combine(samba.Server.SharePath(SambaServer.ReadOnlyShareName), "existing.txt"), "keep");
        await using var client = await Samba.ConnectAsync(samba.Server, SambaServer.ReadOnlyShareName);

        await Assert.ThrowsAsync<SmbAccessDeniedException>(() => client.WriteAllBytesAsync("new.txt", new byte[] { 1 }));
        await Assert.ThrowsAsync<SmbAccessDeniedException>(() => client.DeleteFileAsync("existing.txt"));
        Assert.Equal("keep", System.Text.Encoding.UTF8.GetString(await client.ReadAllBytesAsync("existing.txt")));
    }

    [Fact]
    public async Task Anonymous_reaches_the_guest_share_as_guest()
    {
        await using var client = await SmbShareClient.ConnectAsync(
            new SmbClientOptions { Host = "127.0.0.1", Port = samba.Server.Port }, SambaServer.GuestShareName);

        await client.WriteAllBytesAsync("from-guest.txt", new byte[] { 42 });

        Assert.True(client.IsGuest);
        Assert.Equal([42], File.ReadAllBytes(Path.Combine(samba.Server.SharePath(SambaServer.GuestShareName), "from-guest.txt")));
    }
}
