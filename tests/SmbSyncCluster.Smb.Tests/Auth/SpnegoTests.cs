using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Auth.Spnego;
using SmbSyncCluster.Smb.Tests.Crypto;

namespace SmbSyncCluster.Smb.Tests.Auth;

public sealed class SpnegoTests
{
    [Fact]
    public void The_mech_type_list_offers_NTLMSSP_alone()
    {
        Assert.Equal(TestBytes.Hex("300C060A2B06010401823702020A"), SpnegoOids.NtlmMechTypeList());
    }

    [Fact]
    public void NegTokenInit_is_byte_for_byte_what_Windows_sends()
    {
        var token = NegTokenInit.Encode(SpnegoOids.NtlmMechTypeList(), WindowsCapture.NegotiateMessage);

        Assert.Equal(WindowsCapture.ClientNegTokenInit, token);
    }

    [Fact]
    public void Parses_a_Windows_server_challenge_reply()
    {
        var reply = NegTokenResp.Parse(WindowsCapture.ServerChallengeToken);

        Assert.Equal(NegState.AcceptIncomplete, reply.State);
        Assert.Equal(SpnegoOids.Ntlmssp.ToArray(), reply.SupportedMech);
        Assert.Equal(WindowsCapture.ChallengeMessage, reply.ResponseToken);
        Assert.Null(reply.MechListMic);
    }

    [Fact]
    public void Parses_a_Windows_server_final_reply()
    {
        var reply = NegTokenResp.Parse(WindowsCapture.ServerFinalToken);

        Assert.Equal(NegState.AcceptCompleted, reply.State);
        Assert.Null(reply.SupportedMech);
        Assert.Null(reply.ResponseToken);
        Assert.Equal(WindowsCapture.ServerMechListMic, reply.MechListMic);
    }

    [Fact]
    public void Round_trips_the_Windows_client_reply_with_its_long_form_lengths()
    {
        var reply = NegTokenResp.Parse(WindowsCapture.ClientAuthenticateToken);

        Assert.Equal(WindowsCapture.AuthenticateMessage, reply.ResponseToken);
        Assert.Equal(WindowsCapture.ClientMechListMic, reply.MechListMic);
        Assert.Equal(WindowsCapture.ClientAuthenticateToken, reply.Encode());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(70_000)]
    public void Round_trips_tokens_of_every_length_form(int tokenLength)
    {
        var original = new NegTokenResp
        {
            State = NegState.RequestMic,
            SupportedMech = SpnegoOids.Ntlmssp.ToArray(),
            ResponseToken = TestBytes.Repeat(0x5A, tokenLength),
            MechListMic = TestBytes.Repeat(0x11, 16),
        };

        var parsed = NegTokenResp.Parse(original.Encode());

        Assert.Equal(original.State, parsed.State);
        Assert.Equal(original.SupportedMech, parsed.SupportedMech);
        Assert.Equal(original.ResponseToken, parsed.ResponseToken);
        Assert.Equal(original.MechListMic, parsed.MechListMic);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("A1", "no length")]
    [InlineData("A180", "indefinite length")]
    [InlineData("A185", "length of length too big")]
    [InlineData("A18201", "truncated long length")]
    [InlineData("A10530033001", "inner sequence longer than its parent")]
    [InlineData("A1023000FF", "trailing byte")]
    [InlineData("A2023000", "not a NegTokenResp")]
    [InlineData("A1053003A00100", "negState wrapper empty")]
    [InlineData("A1073005A0030A0104", "negState out of range")]
    [InlineData("A1073005A0030A0201", "negState too long")]
    [InlineData("A10C300AA1030A0101A0030A0101", "fields out of order")]
    [InlineData("A1073005A4030A0101", "unknown field")]
    [InlineData("A1073005A2030A0101", "responseToken not an OCTET STRING")]
    [InlineData("A1083006A20404000000", "two values in one field")]
    [InlineData("A1FF", "length beyond the buffer")]
    [InlineData("A18400000001", "four-byte length beyond the buffer")]
    [InlineData("BF1F00", "multi-byte tag")]
    public void Malformed_replies_are_protocol_errors(string hex, string why)
    {
        var token = TestBytes.Hex(hex);

        var error = Assert.Throws<AuthenticationProtocolException>(() => NegTokenResp.Parse(token));
        Assert.False(string.IsNullOrEmpty(error.Message), why);
    }
}
