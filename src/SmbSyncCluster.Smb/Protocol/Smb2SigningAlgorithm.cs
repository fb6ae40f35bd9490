namespace SmbSyncCluster.Smb.Protocol;

/// <summary>Signing algorithms ([MS-SMB2] 2.2.3.1.7); before 3.1.1 the dialect alone decides.</summary>
public enum Smb2SigningAlgorithm : ushort
{
    /// <summary>HMAC-SHA256, the SMB 2.x algorithm.</summary>
    HmacSha256 = 0x0000,
    /// <summary>AES-128-CMAC, the SMB 3.0/3.0.2 algorithm.</summary>
    AesCmac = 0x0001,
    /// <summary>AES-128-GMAC, negotiable with SMB 3.1.1.</summary>
    AesGmac = 0x0002,
}
