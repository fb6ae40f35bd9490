namespace SmbSyncCluster.Smb.Auth.Spnego;

/// <summary>The client's first SPNEGO token (RFC 4178 4.2.1), framed as a GSS-API InitialContextToken.</summary>
internal static class NegTokenInit
{
    /// <summary>
    /// InitialContextToken { SPNEGO OID, [0] NegTokenInit { [0] mechTypes, [2] mechToken } }: offers only
    /// the mechanisms in <paramref name="mechTypeList"/> and optimistically carries the first one's token.
    /// </summary>
    public static byte[] Encode(byte[] mechTypeList, ReadOnlySpan<byte> mechToken)
    {
        var negTokenInit = DerWriter.Constructed(
            DerTags.Sequence,
            DerWriter.Element(DerTags.Context(0), mechTypeList),
            DerWriter.Constructed(DerTags.Context(2), DerWriter.Element(DerTags.OctetString, mechToken)));
        return DerWriter.Constructed(
            DerTags.GssApplication,
            DerWriter.Element(DerTags.ObjectIdentifier, SpnegoOids.Spnego),
            DerWriter.Element(DerTags.Context(0), negTokenInit));
    }
}
