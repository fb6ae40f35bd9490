namespace SmbSyncCluster.Smb.Auth.Spnego;

/// <summary>The DER tags SPNEGO tokens use ([MS-SPNG] 2.2, RFC 4178 4.2, RFC 2743 3.1).</summary>
internal static class DerTags
{
    public const byte Enumerated = 0x0A;
    public const byte OctetString = 0x04;
    public const byte ObjectIdentifier = 0x06;
    public const byte Sequence = 0x30;

    /// <summary>[APPLICATION 0], the GSS-API InitialContextToken framing of the first token.</summary>
    public const byte GssApplication = 0x60;

    /// <summary>Constructed context-specific tag [n].</summary>
    public static byte Context(int n) => (byte)(0xA0 | n);
}
