namespace SmbSyncCluster.Smb.Auth;

/// <summary>
/// A security token from the server was malformed, truncated or hostile, or the server rejected the
/// authentication: the session setup cannot go on with it.
/// </summary>
public sealed class AuthenticationProtocolException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public AuthenticationProtocolException()
        : base("The server sent an invalid security token.")
    {
    }

    /// <summary>Creates the exception with a message that says what was wrong with the token.</summary>
    /// <param name="message">What was wrong with the server's token.</param>
    public AuthenticationProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that led to it.</summary>
    /// <param name="message">What was wrong with the server's token.</param>
    /// <param name="innerException">The failure that led to this one.</param>
    public AuthenticationProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
