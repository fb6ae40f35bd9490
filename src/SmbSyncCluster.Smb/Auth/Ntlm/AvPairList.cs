using System.Buffers.Binary;
using System.Text;

namespace SmbSyncCluster.Smb.Auth.Ntlm;

/// <summary>
/// Reads and writes the AV_PAIR list of a TargetInfo field ([MS-NLMP] 2.2.2.1): pairs of
/// AvId (2 bytes), AvLen (2 bytes) and AvLen value bytes, ended by MsvAvEOL.
/// </summary>
internal static class AvPairList
{
    private const int HeaderSize = 4;

    /// <summary>MsvAvFlags bit: the AUTHENTICATE message carries a MIC ([MS-NLMP] 2.2.2.1).</summary>
    public const uint MicPresentFlag = 0x00000002;

    /// <summary>MsvAvChannelBindings is an MD5 hash; all zero when there is no channel binding.</summary>
    private const int ChannelBindingsSize = 16;

    /// <exception cref="AuthenticationProtocolException">The list is truncated or lacks its MsvAvEOL.</exception>
    public static List<AvPair> Parse(ReadOnlySpan<byte> targetInfo)
    {
        var pairs = new List<AvPair>();
        if (targetInfo.IsEmpty)
        {
            return pairs;
        }
        var rest = targetInfo;
        while (true)
        {
            if (rest.Length < HeaderSize)
            {
                throw Malformed("it ends without the MsvAvEOL terminator");
            }
            var id = (AvPairId)BinaryPrimitives.ReadUInt16LittleEndian(rest);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(rest[2..]);
            if (length > rest.Length - HeaderSize)
            {
                throw Malformed($"AV pair 0x{(ushort)id:X4} claims {length} bytes but only {rest.Length - HeaderSize} remain");
            }
            if (id == AvPairId.Eol)
            {
                // Whatever follows the terminator is not part of the list.
                return pairs;
            }
            pairs.Add(new AvPair(id, rest.Slice(HeaderSize, length).ToArray()));
            rest = rest[(HeaderSize + length)..];
        }
    }

    public static byte[] Encode(IReadOnlyList<AvPair> pairs)
    {
        var size = HeaderSize;
        foreach (var pair in pairs)
        {
            size += HeaderSize + pair.Value.Length;
        }
        var encoded = new byte[size];
        var offset = 0;
        foreach (var pair in pairs)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(encoded.AsSpan(offset), (ushort)pair.Id);
            BinaryPrimitives.WriteUInt16LittleEndian(encoded.AsSpan(offset + 2), checked((ushort)pair.Value.Length));
            pair.Value.CopyTo(encoded, offset + HeaderSize);
            offset += HeaderSize + pair.Value.Length;
        }
        // The trailing four zero bytes are the MsvAvEOL pair.
        return encoded;
    }

    /// <summary>
    /// The AV pairs the client echoes in its NTLMv2 response ([MS-NLMP] 3.1.5.1.2): the server's, with the
    /// MIC bit set in MsvAvFlags when a MIC is sent (adding that pair if the server sent none), then
    /// MsvAvChannelBindings = Z(16) (SMB has no channel to bind) and MsvAvTargetName = the SPN of the
    /// service the client meant to reach, in that order as Windows sends them. The NT proof covers them,
    /// so a relay cannot change the SPN, and a server that checks it refuses a logon aimed elsewhere.
    /// </summary>
    /// <remarks>
    /// Client-only pairs in the server's list are dropped: a relay could plant the SPN of the service it
    /// forwards to in the CHALLENGE, and a server reading the first MsvAvTargetName would take that one.
    /// </remarks>
    public static List<AvPair> ForAuthenticate(IReadOnlyList<AvPair> serverPairs, bool hasMic, string targetSpn)
    {
        var result = new List<AvPair>(serverPairs.Count + 3);
        var flagsFound = false;
        foreach (var pair in serverPairs)
        {
            if (pair.Id is AvPairId.TargetName or AvPairId.ChannelBindings or AvPairId.SingleHost)
            {
                continue;
            }
            if (pair.Id == AvPairId.Flags && !flagsFound)
            {
                flagsFound = true;
                if (hasMic)
                {
                    result.Add(pair with { Value = FlagsValue(ReadFlags(pair) | MicPresentFlag) });
                    continue;
                }
            }
            result.Add(pair);
        }
        if (hasMic && !flagsFound)
        {
            result.Add(new AvPair(AvPairId.Flags, FlagsValue(MicPresentFlag)));
        }
        result.Add(new AvPair(AvPairId.ChannelBindings, new byte[ChannelBindingsSize]));
        result.Add(new AvPair(AvPairId.TargetName, Encoding.Unicode.GetBytes(targetSpn)));
        return result;
    }

    /// <summary>The server's MsvAvTimestamp as a FILETIME, or null when it sent none.</summary>
    public static long? FindTimestamp(IReadOnlyList<AvPair> pairs)
    {
        foreach (var pair in pairs)
        {
            if (pair.Id == AvPairId.Timestamp)
            {
                if (pair.Value.Length != 8)
                {
                    throw Malformed($"MsvAvTimestamp is {pair.Value.Length} bytes instead of 8");
                }
                return BinaryPrimitives.ReadInt64LittleEndian(pair.Value);
            }
        }
        return null;
    }

    private static uint ReadFlags(AvPair pair) => pair.Value.Length == 4
        ? BinaryPrimitives.ReadUInt32LittleEndian(pair.Value)
        : throw Malformed($"MsvAvFlags is {pair.Value.Length} bytes instead of 4");

    private static byte[] FlagsValue(uint flags)
    {
        var value = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(value, flags);
        return value;
    }

    private static AuthenticationProtocolException Malformed(string detail) =>
        new($"Malformed NTLM TargetInfo from the server: {detail}.");
}
