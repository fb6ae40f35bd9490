namespace SmbSyncCluster.Contracts;

/// <summary>Which way changes flow in a sync run; on the wire and in stored specs as "mirror", "upload", "download".</summary>
public enum SyncMode
{
    /// <summary>Both ways: changes on either side reach the other.</summary>
    Mirror,

    /// <summary>Local changes are pushed to the remote; the local side is never written.</summary>
    Upload,

    /// <summary>Remote changes are pulled to the local side; the remote side is never written.</summary>
    Download,
}
