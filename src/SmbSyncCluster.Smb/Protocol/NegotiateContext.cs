namespace SmbSyncCluster.Smb.Protocol;

/// <summary>Negotiate context types and algorithm ids ([MS-SMB2] 2.2.3.1).</summary>
internal static class NegotiateContext
{
    public const ushort PreauthIntegrityCapabilities = 0x0001;
    public const ushort EncryptionCapabilities = 0x0002;
    public const ushort SigningCapabilities = 0x0008;

    public const ushort HashSha512 = 0x0001;

    /// <summary>Size of the fixed context header: ContextType, DataLength, Reserved.</summary>
    public const int HeaderSize = 8;

    public static int Align8(int value) => (value + 7) & ~7;
}
