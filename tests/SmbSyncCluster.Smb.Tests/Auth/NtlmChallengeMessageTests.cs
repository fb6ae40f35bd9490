using System.Buffers.Binary;
using System.Text;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Auth.Ntlm;

namespace SmbSyncCluster.Smb.Tests.Auth;

public sealed class NtlmChallengeMessageTests
{
    [Fact]
    public void Parses_the_4_2_4_3_challenge()
    {
        var challenge = NtlmChallengeMessage.Parse(MsNlmpVectors.ChallengeMessage);

        Assert.Equal((NtlmNegotiateFlags)MsNlmpVectors.ChallengeFlags, challenge.Flags);
        Assert.Equal(MsNlmpVectors.ServerChallenge, challenge.ServerChallenge);
        Assert.Equal("Server", Encoding.Unicode.GetString(challenge.TargetName));
        Assert.Collection(
            challenge.TargetInfo,
            pair => Assert.Equal((AvPairId.NbDomainName, "Domain"), (pair.Id, Encoding.Unicode.GetString(pair.Value))),
            pair => Assert.Equal((AvPairId.NbComputerName, "Server"), (pair.Id, Encoding.Unicode.GetString(pair.Value))));
        Assert.Equal(MsNlmpVectors.TargetInfo, AvPairList.Encode(challenge.TargetInfo));
    }

    [Fact]
    public void Finds_the_timestamp_a_Windows_server_sends()
    {
        var challenge = NtlmChallengeMessage.Parse(WindowsCapture.ChallengeMessage);

        Assert.Equal(0x01D0AECBADF5A1A1, AvPairList.FindTimestamp(challenge.TargetInfo));
        Assert.Null(AvPairList.FindTimestamp(NtlmChallengeMessage.Parse(MsNlmpVectors.ChallengeMessage).TargetInfo));
    }

    [Fact]
    public void Every_truncation_is_a_protocol_error()
    {
        var message = MsNlmpVectors.ChallengeMessage;
        for (var length = 0; length < message.Length; length++)
        {
            Assert.Throws<AuthenticationProtocolException>(() => NtlmChallengeMessage.Parse(message.AsSpan(0, length)));
        }
    }

    [Fact]
    public void A_wrong_signature_or_message_type_is_a_protocol_error()
    {
        var badSignature = MsNlmpVectors.ChallengeMessage;
        badSignature[0] = (byte)'X';
        var badType = MsNlmpVectors.ChallengeMessage;
        badType[8] = 3;

        Assert.Throws<AuthenticationProtocolException>(() => NtlmChallengeMessage.Parse(badSignature));
        Assert.Throws<AuthenticationProtocolException>(() => NtlmChallengeMessage.Parse(badType));
    }

    [Theory]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0x80000000u)]
    [InlineData(100u)]
    public void A_target_info_outside_the_message_is_a_protocol_error(uint offset)
    {
        var message = MsNlmpVectors.ChallengeMessage;
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(44), offset);

        var error = Assert.Throws<AuthenticationProtocolException>(() => NtlmChallengeMessage.Parse(message));
        Assert.Contains("TargetInfo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_AV_pair_longer_than_the_list_is_a_protocol_error()
    {
        var message = MsNlmpVectors.ChallengeMessage;
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(0x44 + 2), 0xFFFF); // first pair's AvLen

        Assert.Throws<AuthenticationProtocolException>(() => NtlmChallengeMessage.Parse(message));
    }

    [Fact]
    public void A_target_info_without_its_terminator_is_a_protocol_error()
    {
        var message = MsNlmpVectors.ChallengeMessage[..^4];
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(40), 32); // TargetInfoLen without the EOL

        Assert.Throws<AuthenticationProtocolException>(() => NtlmChallengeMessage.Parse(message));
    }

    [Fact]
    public void Target_info_is_ignored_unless_the_flag_says_it_is_there()
    {
        var message = MsNlmpVectors.ChallengeMessage;
        var flags = (NtlmNegotiateFlags)MsNlmpVectors.ChallengeFlags & ~NtlmNegotiateFlags.TargetInfo;
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(20), (uint)flags);

        Assert.Empty(NtlmChallengeMessage.Parse(message).TargetInfo);
    }
}
