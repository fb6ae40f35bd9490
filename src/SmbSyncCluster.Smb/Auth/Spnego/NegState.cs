namespace SmbSyncCluster.Smb.Auth.Spnego;

/// <summary>NegTokenResp.negState (RFC 4178 4.2.2).</summary>
internal enum NegState
{
    AcceptCompleted = 0,
    AcceptIncomplete = 1,
    Reject = 2,
    RequestMic = 3,
}
