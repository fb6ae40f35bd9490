namespace SmbSyncCluster.Smb.Connection;

/// <summary>A request sent and waiting for its final response (interim STATUS_PENDING responses keep it waiting).</summary>
internal sealed class PendingRequest(bool encrypted) : TaskCompletionSource<Smb2Message>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public bool Encrypted { get; } = encrypted;

    public ulong AsyncId { get; set; }
}
