namespace SmbSyncCluster.Smb.Errors;

/// <summary>Base of every error the SMB client raises; callers classify by type, never by message.</summary>
public abstract class SmbException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected SmbException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}

/// <summary>
/// The connection to the server is gone or could not be made (refused, reset, timed out). Transient:
/// the next call on the same client reconnects, so the operation may be retried.
/// </summary>
public sealed class SmbConnectionException(string message, Exception? inner = null) : SmbException(message, inner);

/// <summary>
/// The server took no new connection for longer than the client's reconnect budget
/// (<see cref="SmbClientOptions.ReconnectBudget"/>): not a passing drop any more, so nothing on that
/// server can succeed until it is back. <see cref="Server"/> is its host and port.
/// </summary>
public sealed class SmbServerUnreachableException(string server, TimeSpan waited, Exception inner)
    : SmbException($"the SMB server {server} could not be reached for {waited.TotalSeconds:0.#} s: {inner.Message}", inner)
{
    /// <summary>The server's host and port.</summary>
    public string Server { get; } = server;
}

/// <summary>
/// The server sent something that breaks the protocol (truncated, oversized, badly signed or garbage
/// frames). The connection is dropped; nothing from the bad frame is used.
/// </summary>
public sealed class SmbProtocolException(string message, Exception? inner = null) : SmbException(message, inner);

/// <summary>A path given to the client cannot name a file on an SMB share (absolute, '..', or a character SMB cannot hold).</summary>
public sealed class SmbInvalidPathException(string message) : SmbException(message);
