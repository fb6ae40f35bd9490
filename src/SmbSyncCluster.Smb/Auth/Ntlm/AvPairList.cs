using System.Buffers.Binary;

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
    /// The list with the MIC bit set in MsvAvFlags, adding that pair if the server sent none
    /// ([MS-NLMP] 3.1.5.1.2).
    /// </summary>
    public static List<AvPair> WithMicFlag(IReadOnlyList<AvPair> pairs)
    {
        var result = new List<AvPair>(pairs.Count + 1);
        var found = false;
        foreach (var pair in pairs)
        {
            if (pair.Id == AvPairId.Flags && !found)
            {
                if (pair.Value.Length != 4)
                {
                    throw Malformed($"MsvAvFlags is {pair.Value.Length} bytes instead of 4");
                }
                var flags = new byte[4];
                BinaryPrimitives.WriteUInt32LittleEndian(flags, BinaryPrimitives.ReadUInt32LittleEndian(pair.Value) | MicPresentFlag);
                result.Add(pair with { Value = flags });
                found = true;
            }
            else
            {
                result.Add(pair);
            }
        }
        if (!found)
        {
            var flags = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(flags, MicPresentFlag);
            result.Add(new AvPair(AvPairId.Flags, flags));
        }
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

    private static AuthenticationProtocolException Malformed(string detail) =>
        new($"Malformed NTLM TargetInfo from the server: {detail}.");
}
