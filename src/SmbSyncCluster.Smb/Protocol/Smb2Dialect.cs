namespace SmbSyncCluster.Smb.Protocol;

/// <summary>The SMB2 dialects this client speaks ([MS-SMB2] 2.2.3).</summary>
public enum Smb2Dialect : ushort
{
    /// <summary>SMB 2.0.2.</summary>
    Smb202 = 0x0202,
    /// <summary>SMB 2.1: large MTU (multi-credit) and leasing.</summary>
    Smb210 = 0x0210,
    /// <summary>SMB 3.0: AES-CMAC signing, AES-128-CCM encryption.</summary>
    Smb300 = 0x0300,
    /// <summary>SMB 3.0.2.</summary>
    Smb302 = 0x0302,
    /// <summary>SMB 3.1.1: pre-authentication integrity, negotiated ciphers and signing algorithms.</summary>
    Smb311 = 0x0311,
}
