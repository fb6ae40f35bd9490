namespace SmbSyncCluster.Contracts;

/// <summary>A remoting certificate, key or authority that cannot be used; the message is one line naming the file.</summary>
public sealed class RemotingTlsException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public RemotingTlsException()
        : base("The remoting certificate cannot be used.")
    {
    }

    /// <summary>Creates the exception with a message naming the file and what is wrong with it.</summary>
    /// <param name="message">The file and what is wrong with it.</param>
    public RemotingTlsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that led to it.</summary>
    /// <param name="message">The file and what is wrong with it.</param>
    /// <param name="innerException">The failure that led to this one.</param>
    public RemotingTlsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
