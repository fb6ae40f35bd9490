using System.Security.Cryptography;
using SmbSyncCluster.Smb.Crypto;

namespace SmbSyncCluster.Smb.Tests.Crypto;

public sealed class AesCmacTests
{
    // RFC 4493 section 4; the same messages under AES-256 are NIST SP 800-38B's CMAC-AES256 examples.
    private static readonly byte[] Message = TestBytes.Hex("""
        6bc1bee2 2e409f96 e93d7e11 7393172a
        ae2d8a57 1e03ac9c 9eb76fac 45af8e51
        30c81c46 a35ce411 e5fbc119 1a0a52ef
        f69f2445 df4f9b17 ad2b417b e66c3710
        """);

    private static readonly byte[] Key128 = TestBytes.Hex("2b7e1516 28aed2a6 abf71588 09cf4f3c");
    private static readonly byte[] Key256 = TestBytes.Hex("603deb10 15ca71be 2b73aef0 857d7781 1f352c07 3b6108d7 2d9810a3 0914dff4");

    [Theory]
    [InlineData(0, "bb1d6929 e9593728 7fa37d12 9b756746")]
    [InlineData(16, "070a16b4 6b4d4144 f79bdd9d d04a287c")]
    [InlineData(40, "dfa66747 de9ae630 30ca3261 1497c827")]
    [InlineData(64, "51f0bebf 7e3b9d92 fc497417 79363cfe")]
    public void Matches_the_RFC_4493_examples(int length, string expected)
    {
        using var cmac = new AesCmac(Key128);
        var mac = new byte[AesCmac.MacSize];

        cmac.Compute(Message.AsSpan(0, length), mac);

        Assert.Equal(TestBytes.Hex(expected), mac);
    }

    [Theory]
    [InlineData(0, "028962f6 1b7bf89e fc6b551f 4667d983")]
    [InlineData(16, "28a7023f 452e8f82 bd4bf28d 8c37c35c")]
    [InlineData(40, "aaf3d8f1 de5640c2 32f5b169 b9c911e6")]
    [InlineData(64, "e1992190 549f6ed5 696a2c05 6c315410")]
    public void Matches_the_SP_800_38B_AES_256_examples(int length, string expected)
    {
        using var cmac = new AesCmac(Key256);
        var mac = new byte[AesCmac.MacSize];

        cmac.Compute(Message.AsSpan(0, length), mac);

        Assert.Equal(TestBytes.Hex(expected), mac);
    }

    [Fact]
    public void One_instance_signs_many_messages()
    {
        using var cmac = new AesCmac(Key128);
        var mac = new byte[AesCmac.MacSize];

        cmac.Compute(Message, mac);
        cmac.Compute(Message.AsSpan(0, 16), mac);

        Assert.Equal(TestBytes.Hex("070a16b4 6b4d4144 f79bdd9d d04a287c"), mac);
    }

    [Theory]
    [InlineData(16 * 1024 - 1)]
    [InlineData(16 * 1024)]
    [InlineData(16 * 1024 + 1)]
    [InlineData(3 * 16 * 1024 + 16)]
    [InlineData(100_003)]
    public void Long_messages_agree_with_a_block_by_block_reference(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        using var cmac = new AesCmac(Key128);
        var mac = new byte[AesCmac.MacSize];

        cmac.Compute(data, mac);

        Assert.Equal(ReferenceCmac(Key128, data), mac);
    }

    [Fact]
    public void Refuses_keys_that_are_not_AES_128_or_256()
    {
        Assert.Throws<ArgumentException>(() => new AesCmac(new byte[24]));
    }

    [Fact]
    public void Refuses_an_output_that_is_not_16_bytes()
    {
        using var cmac = new AesCmac(Key128);

        Assert.Throws<ArgumentException>(() => cmac.Compute(Message, new byte[8]));
    }

    // RFC 4493 2.4 written out literally, one AES block at a time.
    private static byte[] ReferenceCmac(byte[] key, byte[] message)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var l = aes.EncryptEcb(new byte[16], PaddingMode.None);
        var k1 = Double(l);
        var k2 = Double(k1);
        var blocks = Math.Max(1, (message.Length + 15) / 16);
        var complete = message.Length > 0 && message.Length % 16 == 0;
        var x = new byte[16];
        for (var i = 0; i < blocks; i++)
        {
            var block = new byte[16];
            var take = Math.Min(16, message.Length - (i * 16));
            Array.Copy(message, i * 16, block, 0, take);
            if (i == blocks - 1)
            {
                if (!complete)
                {
                    block[take] = 0x80;
                }
                var subkey = complete ? k1 : k2;
                for (var j = 0; j < 16; j++)
                {
                    block[j] ^= subkey[j];
                }
            }
            for (var j = 0; j < 16; j++)
            {
                block[j] ^= x[j];
            }
            x = aes.EncryptEcb(block, PaddingMode.None);
        }
        return x;
    }

    private static byte[] Double(byte[] block)
    {
        var result = new byte[16];
        for (var i = 0; i < 16; i++)
        {
            result[i] = (byte)((block[i] << 1) | (i < 15 ? block[i + 1] >> 7 : 0));
        }
        if ((block[0] & 0x80) != 0)
        {
            result[15] ^= 0x87;
        }
        return result;
    }
}
