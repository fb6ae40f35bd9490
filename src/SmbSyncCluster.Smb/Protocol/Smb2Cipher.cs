namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB 3.x encryption algorithms ([MS-SMB2] 2.2.3.1.2).</summary>
public enum Smb2Cipher : ushort
{
    /// <summary>No encryption negotiated.</summary>
    None = 0x0000,
    /// <summary>AES-128-CCM (the only cipher of SMB 3.0 and 3.0.2).</summary>
    Aes128Ccm = 0x0001,
    /// <summary>AES-128-GCM.</summary>
    Aes128Gcm = 0x0002,
    /// <summary>AES-256-CCM.</summary>
    Aes256Ccm = 0x0003,
    /// <summary>AES-256-GCM.</summary>
    Aes256Gcm = 0x0004,
}
