using System.Buffers.Binary;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Auth.Ntlm;
using SmbSyncCluster.Smb.Tests.Crypto;

namespace SmbSyncCluster.Smb.Tests.Auth;

public sealed class AvPairListTests
{
    private const string Spn = "cifs/Server";

    // MsvAvChannelBindings = Z(16), then MsvAvTargetName = UTF-16LE "cifs/Server", then MsvAvEOL.
    private static readonly byte[] ClientPairs = TestBytes.Hex("""
        0A00 1000 00000000000000000000000000000000
        0900 1600 63006900660073002F00530065007200760065007200
        """);

    [Fact]
    public void With_a_MIC_the_flag_then_the_channel_bindings_and_the_SPN_follow_the_server_pairs()
    {
        var pairs = AvPairList.ForAuthenticate(AvPairList.Parse(MsNlmpVectors.TargetInfo), hasMic: true, Spn);

        var encoded = AvPairList.Encode(pairs);

        Assert.Equal([.. MsNlmpVectors.TargetInfo[..^4], .. TestBytes.Hex("0600 0400 02000000"), .. ClientPairs, 0, 0, 0, 0], encoded);
    }

    [Fact]
    public void Without_a_MIC_no_flags_pair_is_added()
    {
        var pairs = AvPairList.ForAuthenticate(AvPairList.Parse(MsNlmpVectors.TargetInfo), hasMic: false, Spn);

        Assert.Equal([.. MsNlmpVectors.TargetInfo[..^4], .. ClientPairs, 0, 0, 0, 0], AvPairList.Encode(pairs));
    }

    [Fact]
    public void The_MIC_flag_joins_flags_the_server_already_set()
    {
        var flags = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(flags, 0x1);

        var pairs = AvPairList.ForAuthenticate([new AvPair(AvPairId.Flags, flags)], hasMic: true, Spn);

        Assert.Equal(0x3u, BinaryPrimitives.ReadUInt32LittleEndian(pairs[0].Value));
        Assert.Equal([AvPairId.Flags, AvPairId.ChannelBindings, AvPairId.TargetName], pairs.Select(p => p.Id));
    }

    [Fact]
    public void Malformed_flags_or_timestamps_are_protocol_errors()
    {
        Assert.Throws<AuthenticationProtocolException>(() => AvPairList.ForAuthenticate([new AvPair(AvPairId.Flags, [1])], hasMic: true, Spn));
        Assert.Throws<AuthenticationProtocolException>(() => AvPairList.FindTimestamp([new AvPair(AvPairId.Timestamp, [1, 2, 3])]));
    }

    [Fact]
    public void Bytes_after_the_terminator_are_not_pairs()
    {
        byte[] list = [.. MsNlmpVectors.TargetInfo, 0x07, 0x00, 0x08, 0x00];

        Assert.Equal(2, AvPairList.Parse(list).Count);
    }
}
