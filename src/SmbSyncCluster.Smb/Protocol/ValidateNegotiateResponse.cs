using SmbSyncCluster.Smb.Errors;

namespace SmbSyncCluster.Smb.Protocol;

/// <summary>The VALIDATE_NEGOTIATE_INFO response ([MS-SMB2] 2.2.32.6) in the output buffer of an IOCTL response (2.2.32).</summary>
internal sealed record ValidateNegotiateResponse(uint Capabilities, Guid ServerGuid, ushort SecurityMode, Smb2Dialect Dialect)
{
    public const int Size = 24;
    private const string What = "VALIDATE_NEGOTIATE_INFO response";

    public static ValidateNegotiateResponse Parse(ReadOnlySpan<byte> message)
    {
        var r = new WireReader(message) { Position = Smb2Header.Size };
        r.ExpectStructureSize(49, "IOCTL response");
        r.Skip(2 + 4 + FileId.Size + 4 + 4); // Reserved, CtlCode, FileId, InputOffset, InputCount
        var offset = r.ReadUInt32();
        var count = r.ReadUInt32();
        if (count != Size)
        {
            throw new SmbProtocolException($"{What} of {count} bytes, not {Size}");
        }
        var output = new WireReader(r.Slice(offset, count, What));
        return new ValidateNegotiateResponse(output.ReadUInt32(), output.ReadGuid(), output.ReadUInt16(), (Smb2Dialect)output.ReadUInt16());
    }
}
