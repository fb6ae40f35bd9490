namespace SmbSyncCluster.Smb.Protocol;

/// <summary>
/// The QUERY_DIRECTORY (2.2.34), CHANGE_NOTIFY (2.2.36) and QUERY_INFO (2.2.38) responses of [MS-SMB2]:
/// StructureSize 9, then the offset and length of one output buffer.
/// </summary>
internal static class OutputBufferResponse
{
    public static ReadOnlySpan<byte> Locate(ReadOnlySpan<byte> message, int maxLength, string what)
    {
        var r = new WireReader(message) { Position = Smb2Header.Size };
        r.ExpectStructureSize(9, what);
        var offset = r.ReadUInt16();
        var length = r.ReadUInt32();
        if (length > (uint)maxLength)
        {
            throw new Errors.SmbProtocolException($"{what} returns {length} bytes, more than the {maxLength} asked for");
        }
        return length == 0 ? [] : r.Slice(offset, length, what + " buffer");
    }
}
