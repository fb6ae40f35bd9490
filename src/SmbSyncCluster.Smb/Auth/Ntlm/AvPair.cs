namespace SmbSyncCluster.Smb.Auth.Ntlm;

/// <summary>One attribute of the server's TargetInfo ([MS-NLMP] 2.2.2.1).</summary>
internal readonly record struct AvPair(AvPairId Id, byte[] Value);
