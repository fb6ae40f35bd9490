using SmbSyncCluster.Smb.Connection;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Security;

namespace SmbSyncCluster.Smb.Tests.Connection;

/// <summary>What the client accepts of a NEGOTIATE response, and what it derives from it, without a server.</summary>
public sealed class NegotiationTests
{
    private static readonly SmbClientOptions Options = new() { Host = "server" };

    private static NegotiatedParameters Accept(byte[] response, SmbClientOptions? options = null)
    {
        options ??= Options;
        return Negotiation.Accept(options, Negotiation.Offer(options), response, new PreauthHash());
    }

    [Fact]
    public void A_dialect_that_was_not_offered_is_refused()
    {
        var options = Options with { Dialects = [Smb2Dialect.Smb202, Smb2Dialect.Smb210] };

        var e = Assert.Throws<SmbProtocolException>(() => Accept(NegotiateResponses.Build(Smb2Dialect.Smb300), options));

        Assert.Contains("not offered", e.Message);
    }

    [Fact]
    public void A_cipher_that_was_not_offered_is_refused()
    {
        var options = Options with { Ciphers = [Smb2Cipher.Aes128Gcm] };

        Assert.Throws<SmbProtocolException>(() =>
            Accept(NegotiateResponses.Build(Smb2Dialect.Smb311, cipher: Smb2Cipher.Aes256Ccm), options));
    }

    [Fact]
    public void A_signing_algorithm_that_was_not_offered_is_refused()
    {
        Assert.Throws<SmbProtocolException>(() =>
            Accept(NegotiateResponses.Build(Smb2Dialect.Smb311, signing: (Smb2SigningAlgorithm)0x0003)));
    }

    [Fact]
    public void Smb311_takes_the_chosen_cipher_and_algorithm_and_hashes_the_response()
    {
        var response = NegotiateResponses.Build(Smb2Dialect.Smb311, cipher: Smb2Cipher.Aes256Gcm, signing: Smb2SigningAlgorithm.AesGmac);
        var preauth = new PreauthHash();
        preauth.Update([1, 2, 3]); // stands for the request, hashed as it went out
        var expected = preauth.Clone();
        expected.Update(response);

        var negotiated = Negotiation.Accept(Options, Negotiation.Offer(Options), response, preauth);

        Assert.Equal(Smb2Cipher.Aes256Gcm, negotiated.Cipher);
        Assert.Equal(Smb2SigningAlgorithm.AesGmac, negotiated.SigningAlgorithm);
        Assert.Same(preauth, negotiated.Preauth);
        Assert.Equal(expected.Value.ToArray(), negotiated.Preauth!.Value.ToArray());
    }

    [Fact]
    public void Smb311_without_a_signing_context_signs_with_AES_CMAC()
    {
        var negotiated = Accept(NegotiateResponses.Build(Smb2Dialect.Smb311));

        Assert.Equal(Smb2SigningAlgorithm.AesCmac, negotiated.SigningAlgorithm);
        Assert.Equal(Smb2Cipher.None, negotiated.Cipher);
    }

    [Theory]
    [InlineData(Smb2Dialect.Smb202, 0x40u, Smb2Cipher.None, Smb2SigningAlgorithm.HmacSha256)]
    [InlineData(Smb2Dialect.Smb210, 0x40u, Smb2Cipher.None, Smb2SigningAlgorithm.HmacSha256)]
    [InlineData(Smb2Dialect.Smb300, 0x40u, Smb2Cipher.Aes128Ccm, Smb2SigningAlgorithm.AesCmac)]
    [InlineData(Smb2Dialect.Smb302, 0x00u, Smb2Cipher.None, Smb2SigningAlgorithm.AesCmac)]
    public void Before_311_the_dialect_and_capabilities_decide(
        Smb2Dialect dialect, uint capabilities, Smb2Cipher cipher, Smb2SigningAlgorithm signing)
    {
        var negotiated = Accept(NegotiateResponses.Build(dialect, capabilities));

        Assert.Equal(cipher, negotiated.Cipher);
        Assert.Equal(signing, negotiated.SigningAlgorithm);
        Assert.Null(negotiated.Preauth);
    }

    [Theory]
    [InlineData(Smb2Dialect.Smb202, 0x4u, 64 * 1024)] // 2.0.2 has no large MTU, whatever it says
    [InlineData(Smb2Dialect.Smb210, 0x0u, 64 * 1024)] // no LARGE_MTU capability
    [InlineData(Smb2Dialect.Smb210, 0x4u, 256 * 1024)] // our MaxIoSize
    public void Sizes_are_clamped_to_what_both_sides_allow(Smb2Dialect dialect, uint capabilities, int expected)
    {
        var options = Options with { MaxIoSize = 256 * 1024 };

        var negotiated = Accept(NegotiateResponses.Build(dialect, capabilities, maxSize: 8 << 20), options);

        Assert.Equal(expected, negotiated.MaxReadSize);
        Assert.Equal(expected, negotiated.MaxWriteSize);
        Assert.Equal(expected, negotiated.MaxTransactSize);
        Assert.Equal(expected + (64 * 1024), negotiated.MaxFrame);
    }

    [Fact]
    public void A_server_limit_below_4KiB_is_raised_to_4KiB()
    {
        var negotiated = Accept(NegotiateResponses.Build(Smb2Dialect.Smb210, maxSize: 512));

        Assert.Equal(4096, negotiated.MaxReadSize);
    }

    [Theory]
    [InlineData(Smb2Dialect.Smb202, false)]
    [InlineData(Smb2Dialect.Smb210, true)]
    [InlineData(Smb2Dialect.Smb311, true)]
    public void Credit_charges_start_with_SMB_2_1(Smb2Dialect dialect, bool multiCredit)
    {
        Assert.Equal(multiCredit, Accept(NegotiateResponses.Build(dialect)).MultiCredit);
    }

    [Theory]
    [InlineData((ushort)1, false)]
    [InlineData((ushort)3, true)]
    public void The_security_mode_says_whether_the_server_requires_signing(ushort securityMode, bool required)
    {
        var negotiated = Accept(NegotiateResponses.Build(Smb2Dialect.Smb300, securityMode: securityMode));

        Assert.Equal(required, Negotiation.RequiresSigning(negotiated.Response));
    }

    [Fact]
    public void The_offer_asks_for_signing_only_when_the_options_require_it()
    {
        Assert.Equal(1, Negotiation.Offer(Options).SecurityMode);
        Assert.Equal(3, Negotiation.Offer(Options with { RequireSigning = true }).SecurityMode);
    }
}
