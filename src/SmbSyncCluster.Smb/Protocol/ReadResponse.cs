namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 READ response ([MS-SMB2] 2.2.20): where the data lies in the message.</summary>
internal static class ReadResponse
{
    /// <summary>Returns the offset and length of the data inside <paramref name="message"/>, bounds-checked.</summary>
    public static (int Offset, int Length) Locate(ReadOnlySpan<byte> message, int requested)
    {
        var r = new WireReader(message) { Position = Smb2Header.Size };
        r.ExpectStructureSize(17, "READ response");
        var offset = r.ReadByte();
        r.Skip(1);
        var length = r.ReadUInt32();
        if (length > (uint)requested)
        {
            throw new Errors.SmbProtocolException($"READ response carries {length} bytes, more than the {requested} asked for");
        }
        r.Slice(offset, length, "READ data");
        return (offset, (int)length);
    }
}
