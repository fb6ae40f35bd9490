namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 header Flags ([MS-SMB2] 2.2.1.2).</summary>
[Flags]
internal enum Smb2HeaderFlags : uint
{
    None = 0,
    ServerToRedir = 0x00000001,
    AsyncCommand = 0x00000002,
    RelatedOperations = 0x00000004,
    Signed = 0x00000008,
    DfsOperations = 0x10000000,
    ReplayOperation = 0x20000000,
}
