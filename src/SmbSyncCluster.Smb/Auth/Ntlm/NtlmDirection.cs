namespace SmbSyncCluster.Smb.Auth.Ntlm;

/// <summary>Which side signs: each direction has its own signing and sealing keys ([MS-NLMP] 3.4.5.2-3).</summary>
internal enum NtlmDirection
{
    ClientToServer,
    ServerToClient,
}
