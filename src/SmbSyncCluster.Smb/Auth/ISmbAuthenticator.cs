namespace SmbSyncCluster.Smb.Auth;

/// <summary>
/// One GSS-style authentication exchange for an SMB2 SESSION_SETUP: it produces the security tokens to
/// send and checks the server's. NTLM implements it today; Kerberos can plug in the same way.
/// </summary>
public interface ISmbAuthenticator : IDisposable
{
    /// <summary>
    /// True once the last token was produced and the final server token (given to <see cref="Step"/> or to
    /// <see cref="Complete"/>) was accepted, so nothing more is needed.
    /// </summary>
    bool IsComplete { get; }

    /// <summary>
    /// The exported session key (16 bytes for NTLM) that SMB derives its signing and encryption keys from.
    /// </summary>
    /// <exception cref="InvalidOperationException">Authentication is not complete.</exception>
    byte[] SessionKey { get; }

    /// <summary>
    /// Consumes the server's latest security token and returns the next token to send in SESSION_SETUP.
    /// The first call gets an empty token. Given the final server token, it completes the exchange and
    /// returns an empty array.
    /// </summary>
    /// <param name="serverToken">The security buffer of the server's last SESSION_SETUP response.</param>
    /// <returns>The security buffer for the next SESSION_SETUP request.</returns>
    /// <exception cref="AuthenticationProtocolException">The server's token is malformed or a rejection.</exception>
    byte[] Step(ReadOnlySpan<byte> serverToken);

    /// <summary>
    /// Accepts the security buffer of the final, successful SESSION_SETUP response (possibly empty):
    /// checks that the negotiation completed and, when present, the server's integrity check on it.
    /// Calling it again after completion does nothing.
    /// </summary>
    /// <param name="finalServerToken">The security buffer of the final SESSION_SETUP response.</param>
    /// <param name="admittedAsGuest">
    /// The server flagged the session guest or null: it holds no session key, so it cannot prove the
    /// negotiation with an integrity check, and none is required.
    /// </param>
    /// <exception cref="AuthenticationProtocolException">The token is malformed, a rejection, lacks a due check or fails it.</exception>
    void Complete(ReadOnlySpan<byte> finalServerToken, bool admittedAsGuest);
}
