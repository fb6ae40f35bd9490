namespace SmbSyncCluster.Smb.Security;

/// <summary>SMB2 TRANSFORM_HEADER layout ([MS-SMB2] 2.2.41).</summary>
internal static class TransformHeader
{
    public const int Size = 52;
    public const uint ProtocolId = 0x424D53FD; // 0xFD 'S' 'M' 'B' read as little-endian
    public const int SignatureOffset = 4;
    public const int NonceOffset = 20;
    public const int OriginalMessageSizeOffset = 36;
    public const int FlagsOffset = 42;
    public const int SessionIdOffset = 44;
    /// <summary>The authenticated data is the header from the Nonce on ([MS-SMB2] 3.1.4.3).</summary>
    public const int AadOffset = NonceOffset;
    public const ushort FlagEncrypted = 0x0001;
}
