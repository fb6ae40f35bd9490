namespace SmbSyncCluster.Smb.Auth;

/// <summary>Where an <see cref="NtlmAuthenticator"/> is in its exchange.</summary>
internal enum NtlmAuthenticatorStage
{
    Start,
    NegotiateSent,
    AuthenticateSent,
    Complete,
    Failed,
    Disposed,
}
