using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>
/// A byte of a signed or encrypted response altered in flight by a man in the middle: the client must
/// refuse the response, drop the connection, and work again on the next call.
/// </summary>
public sealed class TamperingTests(SigningMandatorySambaFixture signed, EncryptionRequiredSambaFixture encrypted)
    : IClassFixture<SigningMandatorySambaFixture>, IClassFixture<EncryptionRequiredSambaFixture>
{
    private static async Task AssertTamperingIsRefusedAsync(SambaServer server)
    {
        using var proxy = new TamperingProxy(server.Port);
        var (dir, local) = Samba.NewDirectory(server);
        File.WriteAllText(Path.Combine(local, "f.txt"), "the real content");
        await using var client = await SmbShareClient.ConnectAsync(Samba.Options(server) with { Port = proxy.Port }, SambaServer.ShareName);

        proxy.ArmFromEnd(3); // inside the READ data, covered by the signature or the AEAD tag
        var failure = await Record.ExceptionAsync(() => client.ReadAllBytesAsync($"{dir}/f.txt"));
        var again = await client.ReadAllBytesAsync($"{dir}/f.txt");

        Assert.True(proxy.Tampered);
        Assert.IsType<SmbProtocolException>(failure);
        Assert.Equal("the real content", System.Text.Encoding.UTF8.GetString(again));
    }

    [Fact]
    public Task A_tampered_signed_response_is_refused() => AssertTamperingIsRefusedAsync(signed.Server);

    [Fact]
    public Task A_tampered_encrypted_response_is_refused() => AssertTamperingIsRefusedAsync(encrypted.Server);
}
