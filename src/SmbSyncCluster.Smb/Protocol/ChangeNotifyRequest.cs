namespace SmbSyncCluster.Smb.Protocol;

/// <summary>
/// SMB2 CHANGE_NOTIFY request ([MS-SMB2] 2.2.35) on an open directory: answered once something under it
/// changes (the whole tree with <c>SMB2_WATCH_TREE</c>), with what changed in the output buffer. The
/// filter asks for what a sync acts on: names, sizes and write times, not access times or security.
/// </summary>
internal sealed class ChangeNotifyRequest(FileId directory, int outputBufferLength) : Smb2Request
{
    private const int FixedSize = 32;
    private const ushort WatchTree = 0x0001;
    private const uint FileName = 0x001, DirName = 0x002, Attributes = 0x004, Size = 0x008, LastWrite = 0x010, Creation = 0x040;

    public override Smb2Command Command => Smb2Command.ChangeNotify;

    public override int BodySize => FixedSize;

    public override int PayloadSize => outputBufferLength;

    public override void WriteBody(Span<byte> body)
    {
        var w = new WireWriter(body);
        w.WriteUInt16(FixedSize);
        w.WriteUInt16(WatchTree);
        w.WriteUInt32((uint)outputBufferLength);
        directory.Write(ref w);
        w.WriteUInt32(FileName | DirName | Attributes | Size | LastWrite | Creation);
        w.WriteUInt32(0); // Reserved
    }
}
