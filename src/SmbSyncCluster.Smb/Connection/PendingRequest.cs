using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// A request sent and waiting for its final response (interim STATUS_PENDING responses keep it waiting).
/// It remembers what was sent, so that the response is checked against the request and never against
/// what the response says about itself: its command, its session and the protection it must carry.
/// </summary>
internal sealed class PendingRequest(Smb2Command command, Smb2Session? session, bool signed, bool encrypted)
    : TaskCompletionSource<Smb2Message>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public Smb2Command Command { get; } = command;

    /// <summary>The session the request was sent on; its keys verify the response.</summary>
    public Smb2Session? Session { get; } = session;

    /// <summary>The SessionId the request carried; 0 before a session exists.</summary>
    public ulong SessionId { get; } = session?.SessionId ?? 0;

    /// <summary>True when the response must be signed (the request was, or the session requires it).</summary>
    public bool Signed { get; } = signed;

    public bool Encrypted { get; } = encrypted;

    public ulong AsyncId { get; set; }
}
