using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SmbSyncCluster.Smb.Crypto;

namespace SmbSyncCluster.Smb.Tests.Crypto;

public sealed class Sp800108Tests
{
    // Microsoft Open Specifications blog, "SMB 2 and SMB 3 security in Windows 10: the anatomy of signing
    // and cryptographic keys", Appendix: key derivation examples (first channel). Labels and contexts as
    // [MS-SMB2] 3.2.5.3.1 gives them, with their NULs. The blog names keys from the client's side.
    private const string Smb30SessionKey = "7CD451825D0450D235424E44BA6E78CC";
    private const string Smb311SessionKey = "270E1BA896585EEB7AF3472D3B4C75A7";
    private const string Smb311PreauthHash = """
        0DD13628CC3ED218EF9DF9772D436D0887AB9814BFAE63A80AA845F36909DB79
        28622DDDAD522D9751640A459762C5A9D6BB084CBB3CE6BDADEF5D5BCE3C6C01
        """;

    [Theory]
    [InlineData("SMB2AESCMAC", "SmbSign", "0B7E9C5CAC36C0F6EA9AB275298CEDCE")]
    [InlineData("SMB2AESCCM", "ServerIn ", "FAD27796665B313EBB578F388632B4F7")]
    [InlineData("SMB2AESCCM", "ServerOut", "B0F0427F7CEB416D1D9DCC0CD4F99447")]
    [InlineData("SMB2APP", "SmbRpc", "BB23A4575AA26C721AF525AF15A87B4F")]
    public void Derives_the_published_SMB_3_0_keys(string label, string context, string expected)
    {
        var key = Sp800108.DeriveKey(TestBytes.Hex(Smb30SessionKey), Nul(label), Nul(context), 128);

        Assert.Equal(TestBytes.Hex(expected), key);
    }

    [Theory]
    [InlineData("SMBSigningKey", "73FE7A9A77BEF0BDE49C650D8CCB5F76")]
    [InlineData("SMBC2SCipherKey", "629BCBC54422A0F572B97F45989B6073")]
    [InlineData("SMBS2CCipherKey", "E2AF0DCEFAC68DA71A0DFBD0D1350D74")]
    [InlineData("SMBAppKey", "6D7AD7954E9EC61E907B4D473DC178FF")]
    public void Derives_the_published_SMB_3_1_1_keys(string label, string expected)
    {
        var key = Sp800108.DeriveKey(TestBytes.Hex(Smb311SessionKey), Nul(label), TestBytes.Hex(Smb311PreauthHash), 128);

        Assert.Equal(TestBytes.Hex(expected), key);
    }

    [Theory]
    [InlineData(128)]
    [InlineData(256)]
    public void Agrees_with_the_PRF_input_spelled_out_by_hand(int lengthBits)
    {
        var sessionKey = TestBytes.Hex(Smb311SessionKey);
        var label = Nul("SMBC2SCipherKey");
        var context = TestBytes.Hex(Smb311PreauthHash);

        // SP 800-108 counter mode, r = 32, one PRF block: HMAC-SHA256(K, [1]₂ || Label || 0x00 || Context || [L]₂).
        byte[] input = [0, 0, 0, 1, .. label, 0x00, .. context, .. BigEndian((uint)lengthBits)];
        var expected = HMACSHA256.HashData(sessionKey, input)[..(lengthBits / 8)];

        Assert.Equal(expected, Sp800108.DeriveKey(sessionKey, label, context, lengthBits));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Refuses_lengths_that_are_not_whole_bytes(int lengthBits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sp800108.DeriveKey(new byte[16], Nul("L"), Nul("C"), lengthBits));
    }

    private static byte[] Nul(string text) => [.. Encoding.ASCII.GetBytes(text), 0];

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
