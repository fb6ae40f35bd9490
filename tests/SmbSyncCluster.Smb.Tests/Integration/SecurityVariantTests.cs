using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

internal static class RoundTrip
{
    /// <summary>Writes, lists, reads back and deletes a file: every message kind the sync engine relies on.</summary>
    public static async Task AssertWorksAsync(SmbShareClient client, SambaServer server, string share = SambaServer.ShareName)
    {
        var (dir, local) = Samba.NewDirectory(server, share);
        var payload = new byte[300_000];
        Random.Shared.NextBytes(payload);

        await client.WriteAllBytesAsync($"{dir}/data.bin", payload);
        var listed = await client.ListAsync(dir);
        var back = await client.ReadAllBytesAsync($"{dir}/data.bin");
        await client.DeleteFileAsync($"{dir}/data.bin");

        Assert.Equal(payload.Length, Assert.Single(listed).Size);
        Assert.Equal(payload, back);
        Assert.False(File.Exists(Path.Combine(local, "data.bin")));
    }
}

/// <summary>Samba with <c>server signing = mandatory</c>: every dialect signs, with its own algorithm.</summary>
public sealed class SigningMandatoryTests(SigningMandatorySambaFixture samba) : IClassFixture<SigningMandatorySambaFixture>
{
    public static TheoryData<Smb2Dialect, Smb2SigningAlgorithm> Cases => new()
    {
        { Smb2Dialect.Smb202, Smb2SigningAlgorithm.HmacSha256 },
        { Smb2Dialect.Smb210, Smb2SigningAlgorithm.HmacSha256 },
        { Smb2Dialect.Smb300, Smb2SigningAlgorithm.AesCmac },
        { Smb2Dialect.Smb302, Smb2SigningAlgorithm.AesCmac },
        { Smb2Dialect.Smb311, Smb2SigningAlgorithm.AesGmac },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_dialect_signs_with_its_algorithm(Smb2Dialect dialect, Smb2SigningAlgorithm algorithm)
    {
        await using var client = await Samba.ConnectAsync(samba.Server, tweak: o => o with { Dialects = [dialect] });

        await RoundTrip.AssertWorksAsync(client, samba.Server);

        Assert.True(client.IsSigned);
        Assert.False(client.IsEncrypted);
        Assert.Equal(algorithm, client.SigningAlgorithm);
    }
}

/// <summary>Samba with <c>server smb encrypt = required</c>: SMB 3.x with every cipher; 2.x is refused.</summary>
public sealed class EncryptionRequiredTests(EncryptionRequiredSambaFixture samba) : IClassFixture<EncryptionRequiredSambaFixture>
{
    public static TheoryData<Smb2Dialect, Smb2Cipher> Cases => new()
    {
        { Smb2Dialect.Smb300, Smb2Cipher.Aes128Ccm },
        { Smb2Dialect.Smb302, Smb2Cipher.Aes128Ccm },
        { Smb2Dialect.Smb311, Smb2Cipher.Aes128Ccm },
        { Smb2Dialect.Smb311, Smb2Cipher.Aes128Gcm },
        { Smb2Dialect.Smb311, Smb2Cipher.Aes256Ccm },
        { Smb2Dialect.Smb311, Smb2Cipher.Aes256Gcm },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_cipher_encrypts_the_whole_session(Smb2Dialect dialect, Smb2Cipher cipher)
    {
        await using var client = await Samba.ConnectAsync(samba.Server, tweak: o => o with { Dialects = [dialect], Ciphers = [cipher] });

        await RoundTrip.AssertWorksAsync(client, samba.Server);

        Assert.True(client.IsEncrypted);
        Assert.Equal(cipher, client.Cipher);
    }

    [Fact]
    public async Task Smb2_without_encryption_is_refused_clearly()
    {
        var ex = await Assert.ThrowsAnyAsync<SmbException>(() => Samba.ConnectAsync(samba.Server, tweak: o => o with { Dialects = [Smb2Dialect.Smb210] }));

        Assert.IsNotType<SmbProtocolException>(ex);
    }
}

/// <summary>Samba with <c>server min protocol = SMB3_11</c>.</summary>
public sealed class Smb311OnlyTests(Smb311OnlySambaFixture samba) : IClassFixture<Smb311OnlySambaFixture>
{
    [Fact]
    public async Task Defaults_reach_a_3_1_1_only_server()
    {
        await using var client = await Samba.ConnectAsync(samba.Server);

        await RoundTrip.AssertWorksAsync(client, samba.Server);

        Assert.Equal(Smb2Dialect.Smb311, client.Dialect);
    }

    [Fact]
    public async Task Offering_only_older_dialects_fails_without_hanging()
    {
        await Assert.ThrowsAnyAsync<SmbException>(() => Samba.ConnectAsync(samba.Server, tweak: o => o with { Dialects = [Smb2Dialect.Smb210, Smb2Dialect.Smb302] }));
    }
}

/// <summary>Encryption asked for by the client, or required by one share only, on a default server.</summary>
public sealed class ClientSideProtectionTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    [Fact]
    public async Task Client_can_require_encryption()
    {
        await using var client = await Samba.ConnectAsync(samba.Server, tweak: o => o with { RequireEncryption = true });

        await RoundTrip.AssertWorksAsync(client, samba.Server);

        Assert.True(client.IsEncrypted);
    }

    [Fact]
    public async Task Client_can_require_signing()
    {
        await using var client = await Samba.ConnectAsync(samba.Server, tweak: o => o with { RequireSigning = true });

        await RoundTrip.AssertWorksAsync(client, samba.Server);

        Assert.True(client.IsSigned);
    }

    [Fact]
    public async Task A_share_that_requires_encryption_is_encrypted()
    {
        await using var client = await Samba.ConnectAsync(samba.Server, SambaServer.EncryptedShareName);

        await RoundTrip.AssertWorksAsync(client, samba.Server, SambaServer.EncryptedShareName);

        Assert.True(client.IsEncrypted);
    }
}
