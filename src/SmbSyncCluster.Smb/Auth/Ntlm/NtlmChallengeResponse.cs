namespace SmbSyncCluster.Smb.Auth.Ntlm;

/// <summary>What answering a CHALLENGE produced: the AUTHENTICATE message and the keys it settled.</summary>
internal sealed class NtlmChallengeResponse
{
    public required byte[] AuthenticateMessage { get; init; }

    public required byte[] ExportedSessionKey { get; init; }

    /// <summary>The flags both sides agreed on, as sent in AUTHENTICATE.</summary>
    public required NtlmNegotiateFlags Flags { get; init; }

    /// <summary>
    /// Whether AUTHENTICATE carries a MIC. Then the SPNEGO layer also exchanges mechListMICs
    /// ([MS-SPNG] 3.1.5.1, "new" SPNEGO semantics).
    /// </summary>
    public required bool HasMic { get; init; }

    public required bool IsAnonymous { get; init; }
}
