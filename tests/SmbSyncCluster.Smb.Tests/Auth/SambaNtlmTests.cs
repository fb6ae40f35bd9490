using System.Buffers.Binary;
using System.Text;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Auth.Spnego;
using SmbSyncCluster.Smb.Crypto;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Auth;

/// <summary>The NTLM authenticator against a real smbd: Samba checks the NTLMv2 response, the MIC and the mechListMIC.</summary>
public sealed class SambaNtlmTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private const uint StatusLogonFailure = 0xC000006D;
    private const uint SignedFlag = 0x00000008;
    private const string Spn = "cifs/127.0.0.1";

    [Fact]
    public async Task The_test_user_authenticates_and_the_session_key_verifies_the_servers_signature()
    {
        await using var probe = await Smb2SessionSetupProbe.ConnectAsync(samba.Server.Port);
        using var auth = new NtlmAuthenticator(new SmbCredentials(SambaServer.Domain, SambaServer.UserName, SambaServer.Password), "SMBSYNCCLIENT", Spn);

        var (status, response) = await probe.SessionSetupAsync(auth);

        Assert.Equal(Smb2SessionSetupProbe.StatusSuccess, status);
        var final = Smb2SessionSetupProbe.SecurityBuffer(response);
        Assert.NotNull(NegTokenResp.Parse(final).MechListMic); // so Complete really checks Samba's mechListMIC
        auth.Complete(final, admittedAsGuest: false);
        Assert.True(auth.IsComplete);

        // SMB 3.0.2 signs the final SESSION_SETUP response with AES-CMAC under
        // KDF(SessionKey, "SMB2AESCMAC\0", "SmbSign\0") ([MS-SMB2] 3.3.5.5.3, 3.1.4.1).
        Assert.Equal(Smb2SessionSetupProbe.Dialect302, probe.Dialect);
        Assert.NotEqual(0u, BinaryPrimitives.ReadUInt32LittleEndian(response.AsSpan(16)) & SignedFlag);
        var signingKey = Sp800108.DeriveKey(auth.SessionKey, Nul("SMB2AESCMAC"), Nul("SmbSign"), 128);
        var signature = response[48..64];
        response.AsSpan(48, 16).Clear();
        using var cmac = new AesCmac(signingKey);
        var expected = new byte[AesCmac.MacSize];
        cmac.Compute(response, expected);
        Assert.Equal(expected, signature);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_by_the_server()
    {
        await using var probe = await Smb2SessionSetupProbe.ConnectAsync(samba.Server.Port);
        using var auth = new NtlmAuthenticator(new SmbCredentials(SambaServer.Domain, SambaServer.UserName, "not-the-password"), "SMBSYNCCLIENT", Spn);

        var (status, _) = await probe.SessionSetupAsync(auth);

        Assert.Equal(StatusLogonFailure, status);
        Assert.False(auth.IsComplete);
    }

    [Fact]
    public async Task An_anonymous_session_is_accepted()
    {
        await using var probe = await Smb2SessionSetupProbe.ConnectAsync(samba.Server.Port);
        using var auth = new NtlmAuthenticator(SmbCredentials.Anonymous, "SMBSYNCCLIENT", Spn);

        var (status, response) = await probe.SessionSetupAsync(auth);

        Assert.Equal(Smb2SessionSetupProbe.StatusSuccess, status);
        auth.Complete(Smb2SessionSetupProbe.SecurityBuffer(response), admittedAsGuest: false);
        Assert.Equal(new byte[16], auth.SessionKey);
    }

    private static byte[] Nul(string text) => [.. Encoding.ASCII.GetBytes(text), 0];
}
