namespace SmbSyncCluster.Smb.Auth.Spnego;

/// <summary>The object identifiers the SPNEGO exchange names, as DER content bytes.</summary>
internal static class SpnegoOids
{
    /// <summary>1.3.6.1.5.5.2, SPNEGO itself (RFC 4178 3).</summary>
    public static ReadOnlySpan<byte> Spnego => [0x2B, 0x06, 0x01, 0x05, 0x05, 0x02];

    /// <summary>1.3.6.1.4.1.311.2.2.10, NTLMSSP ([MS-NLMP] 1.9).</summary>
    public static ReadOnlySpan<byte> Ntlmssp => [0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0A];

    /// <summary>
    /// The DER MechTypeList we offer, SEQUENCE { NTLMSSP }. The mechListMIC is computed over exactly these
    /// bytes (RFC 4178 5).
    /// </summary>
    public static byte[] NtlmMechTypeList() =>
        DerWriter.Constructed(DerTags.Sequence, DerWriter.Element(DerTags.ObjectIdentifier, Ntlmssp));

    /// <summary>
    /// SEQUENCE { Kerberos 5 } (1.2.840.113554.1.2.2): the one mechanism a Kerberos logon offers, so a server
    /// has nothing weaker to pick and no mechListMIC is needed to protect the choice (RFC 4178 5).
    /// </summary>
    public static byte[] KerberosMechTypeList() =>
        DerWriter.Constructed(DerTags.Sequence, DerWriter.Element(DerTags.ObjectIdentifier, Kerberos.GssOids.Krb5MechBytes));
}
