namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// The direct TCP transport's framing ([MS-SMB2] 2.1): every SMB2 frame goes behind a 4-byte header,
/// a zero byte then the frame's length in 24 bits, big-endian.
/// </summary>
internal static class DirectTcp
{
    public const int HeaderSize = 4;

    /// <summary>The largest length 24 bits can say.</summary>
    public const int MaxFrameLength = 0xFFFFFF;
}
