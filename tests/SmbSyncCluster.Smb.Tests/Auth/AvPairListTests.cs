using System.Buffers.Binary;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Auth.Ntlm;
using SmbSyncCluster.Smb.Tests.Crypto;

namespace SmbSyncCluster.Smb.Tests.Auth;

public sealed class AvPairListTests
{
    [Fact]
    public void The_MIC_flag_is_added_as_a_last_pair_before_the_terminator()
    {
        var pairs = AvPairList.WithMicFlag(AvPairList.Parse(MsNlmpVectors.TargetInfo));

        var encoded = AvPairList.Encode(pairs);

        Assert.Equal([.. MsNlmpVectors.TargetInfo[..^4], .. TestBytes.Hex("0600 0400 02000000 00000000")], encoded);
    }

    [Fact]
    public void The_MIC_flag_joins_flags_the_server_already_set()
    {
        var flags = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(flags, 0x1);

        var pairs = AvPairList.WithMicFlag([new AvPair(AvPairId.Flags, flags)]);

        Assert.Equal(0x3u, BinaryPrimitives.ReadUInt32LittleEndian(Assert.Single(pairs).Value));
    }

    [Fact]
    public void Malformed_flags_or_timestamps_are_protocol_errors()
    {
        Assert.Throws<AuthenticationProtocolException>(() => AvPairList.WithMicFlag([new AvPair(AvPairId.Flags, [1])]));
        Assert.Throws<AuthenticationProtocolException>(() => AvPairList.FindTimestamp([new AvPair(AvPairId.Timestamp, [1, 2, 3])]));
    }

    [Fact]
    public void Bytes_after_the_terminator_are_not_pairs()
    {
        byte[] list = [.. MsNlmpVectors.TargetInfo, 0x07, 0x00, 0x08, 0x00];

        Assert.Equal(2, AvPairList.Parse(list).Count);
    }
}
