namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 NEGOTIATE request ([MS-SMB2] 2.2.3) with the 3.1.1 negotiate contexts when 3.1.1 is offered.</summary>
internal sealed class NegotiateRequest : Smb2Request
{
    private const int FixedSize = 36;
    private const int PreauthSaltSize = 32;

    public required IReadOnlyList<Smb2Dialect> Dialects { get; init; }
    public required ushort SecurityMode { get; init; }
    public required uint Capabilities { get; init; }
    public required Guid ClientGuid { get; init; }
    public required byte[] PreauthSalt { get; init; }
    public required IReadOnlyList<Smb2Cipher> Ciphers { get; init; }
    public required IReadOnlyList<Smb2SigningAlgorithm> SigningAlgorithms { get; init; }

    public override Smb2Command Command => Smb2Command.Negotiate;

    private bool Offers311 => Dialects.Contains(Smb2Dialect.Smb311);

    private int ContextsOffset => NegotiateContext.Align8(Smb2Header.Size + FixedSize + (Dialects.Count * 2));

    private int PreauthDataSize => 2 + 2 + 2 + PreauthSaltSize; // HashAlgorithmCount, SaltLength, one hash id, salt

    private int EncryptionDataSize => 2 + (2 * Ciphers.Count);

    private int SigningDataSize => 2 + (2 * SigningAlgorithms.Count);

    private int ContextCount => 1 + (Ciphers.Count > 0 ? 1 : 0) + (SigningAlgorithms.Count > 0 ? 1 : 0);

    public override int BodySize
    {
        get
        {
            if (!Offers311)
            {
                return FixedSize + (Dialects.Count * 2);
            }
            var end = ContextsOffset + NegotiateContext.HeaderSize + PreauthDataSize;
            if (Ciphers.Count > 0)
            {
                end = NegotiateContext.Align8(end) + NegotiateContext.HeaderSize + EncryptionDataSize;
            }
            if (SigningAlgorithms.Count > 0)
            {
                end = NegotiateContext.Align8(end) + NegotiateContext.HeaderSize + SigningDataSize;
            }
            return end - Smb2Header.Size;
        }
    }

    public override void WriteBody(Span<byte> body)
    {
        var w = new WireWriter(body);
        w.WriteUInt16(FixedSize);
        w.WriteUInt16((ushort)Dialects.Count);
        w.WriteUInt16(SecurityMode);
        w.WriteUInt16(0);
        w.WriteUInt32(Capabilities);
        w.WriteGuid(ClientGuid);
        if (Offers311)
        {
            w.WriteUInt32((uint)ContextsOffset);
            w.WriteUInt16((ushort)ContextCount);
            w.WriteUInt16(0);
        }
        else
        {
            w.WriteUInt64(0); // ClientStartTime
        }
        foreach (var d in Dialects)
        {
            w.WriteUInt16((ushort)d);
        }
        if (!Offers311)
        {
            return;
        }
        PadTo(ref w, ContextsOffset);
        WriteContextHeader(ref w, NegotiateContext.PreauthIntegrityCapabilities, PreauthDataSize);
        w.WriteUInt16(1);
        w.WriteUInt16(PreauthSaltSize);
        w.WriteUInt16(NegotiateContext.HashSha512);
        w.WriteBytes(PreauthSalt.AsSpan(0, PreauthSaltSize));
        WriteIdListContext(ref w, NegotiateContext.EncryptionCapabilities, [.. Ciphers.Select(c => (ushort)c)]);
        WriteIdListContext(ref w, NegotiateContext.SigningCapabilities, [.. SigningAlgorithms.Select(a => (ushort)a)]);
    }

    /// <summary>The encryption (2.2.3.1.2) and signing (2.2.3.1.7) contexts: a count, then 16-bit ids; omitted when empty.</summary>
    private static void WriteIdListContext(ref WireWriter w, ushort type, ushort[] ids)
    {
        if (ids.Length == 0)
        {
            return;
        }
        PadTo(ref w, NegotiateContext.Align8(w.Position + Smb2Header.Size));
        WriteContextHeader(ref w, type, 2 + (2 * ids.Length));
        w.WriteUInt16((ushort)ids.Length);
        foreach (var id in ids)
        {
            w.WriteUInt16(id);
        }
    }

    /// <summary>Pads with zeros up to a message offset (which counts the header).</summary>
    private static void PadTo(ref WireWriter w, int messageOffset) => w.WriteZeros(messageOffset - Smb2Header.Size - w.Position);

    private static void WriteContextHeader(ref WireWriter w, ushort type, int dataLength)
    {
        w.WriteUInt16(type);
        w.WriteUInt16((ushort)dataLength);
        w.WriteUInt32(0);
    }
}
