namespace SmbSyncCluster.Smb.Protocol;

/// <summary>Access masks, share modes, dispositions and options of SMB2 CREATE ([MS-SMB2] 2.2.13, [MS-DTYP] 2.4.3).</summary>
internal static class CreateOptions
{
    public const uint FileReadData = 0x00000001;
    public const uint FileWriteData = 0x00000002;
    public const uint FileAppendData = 0x00000004;
    public const uint FileReadEa = 0x00000008;
    public const uint FileWriteEa = 0x00000010;
    public const uint FileListDirectory = 0x00000001;
    public const uint FileReadAttributes = 0x00000080;
    public const uint FileWriteAttributes = 0x00000100;
    public const uint Delete = 0x00010000;
    public const uint ReadControl = 0x00020000;
    public const uint Synchronize = 0x00100000;

    public const uint ShareRead = 0x1;
    public const uint ShareWrite = 0x2;
    public const uint ShareDelete = 0x4;
    public const uint ShareAll = ShareRead | ShareWrite | ShareDelete;

    public const uint DispositionOpen = 0x1;
    public const uint DispositionCreate = 0x2;
    public const uint DispositionOpenIf = 0x3;
    public const uint DispositionOverwriteIf = 0x5;

    public const uint DirectoryFile = 0x00000001;
    public const uint NonDirectoryFile = 0x00000040;
    public const uint DeleteOnClose = 0x00001000;
    public const uint OpenReparsePoint = 0x00200000;

    public const uint AttributeNormal = 0x00000080;
    public const uint AttributeDirectory = 0x00000010;
}
