using System.Text;
using SmbSyncCluster.Smb.Crypto;

namespace SmbSyncCluster.Smb.Tests.Crypto;

public sealed class Rc4Tests
{
    [Theory]
    [InlineData("Key", "Plaintext", "bbf316e8d940af0ad3")]
    [InlineData("Wiki", "pedia", "1021bf0420")]
    [InlineData("Secret", "Attack at dawn", "45a01f645fc35b383552544b9bf5")]
    public void Matches_the_well_known_vectors(string key, string plaintext, string ciphertext)
    {
        Assert.Equal(TestBytes.Hex(ciphertext), Rc4.Transform(Encoding.ASCII.GetBytes(key), Encoding.ASCII.GetBytes(plaintext)));
    }

    [Fact]
    public void Decrypts_what_it_encrypted()
    {
        var key = TestBytes.Repeat(0x55, 16);
        var data = Encoding.ASCII.GetBytes("the same key stream undoes itself");

        Assert.Equal(data, Rc4.Transform(key, Rc4.Transform(key, data)));
    }

    [Fact]
    public void Refuses_an_empty_key()
    {
        Assert.Throws<ArgumentException>(() => Rc4.Transform([], [1, 2, 3]));
    }
}
