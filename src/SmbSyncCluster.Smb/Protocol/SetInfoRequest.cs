namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 SET_INFO request for a file information class ([MS-SMB2] 2.2.39).</summary>
internal sealed class SetInfoRequest(FileId fileId, byte fileInfoClass, byte[] buffer) : Smb2Request
{
    public const byte FileBasicInformation = 4;
    public const byte FileRenameInformation = 10;
    public const byte FileDispositionInformation = 13;
    public const byte FileEndOfFileInformation = 20;

    private const int FixedSize = 32;
    private const byte InfoTypeFile = 1;

    public override Smb2Command Command => Smb2Command.SetInfo;

    public override int BodySize => FixedSize + buffer.Length;

    public override void WriteBody(Span<byte> body)
    {
        var w = new WireWriter(body);
        w.WriteUInt16(33);
        w.WriteByte(InfoTypeFile);
        w.WriteByte(fileInfoClass);
        w.WriteUInt32((uint)buffer.Length);
        w.WriteUInt16(Smb2Header.Size + FixedSize);
        w.WriteUInt16(0);
        w.WriteUInt32(0); // AdditionalInformation
        fileId.Write(ref w);
        w.WriteBytes(buffer);
    }

    /// <summary>FILE_BASIC_INFORMATION ([MS-FSCC] 2.4.7): a zero time (no creation time given) leaves it unchanged.</summary>
    public static SetInfoRequest BasicInformation(FileId fileId, DateTime? creationUtc, DateTime lastWriteUtc)
    {
        var buffer = new byte[40];
        var w = new WireWriter(buffer);
        w.WriteInt64(creationUtc is { } c ? FileTimes.FromUtc(c) : 0);
        w.WriteInt64(0); // LastAccessTime
        w.WriteInt64(FileTimes.FromUtc(lastWriteUtc));
        w.WriteInt64(0); // ChangeTime
        return new SetInfoRequest(fileId, FileBasicInformation, buffer);
    }

    /// <summary>FILE_RENAME_INFORMATION_TYPE_2 ([MS-FSCC] 2.4.37.2): the target is share-relative.</summary>
    public static SetInfoRequest Rename(FileId fileId, string target, bool replace)
    {
        var buffer = new byte[20 + WireWriter.Utf16Length(target)];
        var w = new WireWriter(buffer);
        w.WriteByte(replace ? (byte)1 : (byte)0);
        w.WriteZeros(7);
        w.WriteUInt64(0); // RootDirectory
        w.WriteUInt32((uint)WireWriter.Utf16Length(target));
        w.WriteUtf16(target);
        return new SetInfoRequest(fileId, FileRenameInformation, buffer);
    }

    /// <summary>FILE_END_OF_FILE_INFORMATION ([MS-FSCC] 2.4.13).</summary>
    public static SetInfoRequest EndOfFile(FileId fileId, long length)
    {
        var buffer = new byte[8];
        var w = new WireWriter(buffer);
        w.WriteInt64(length);
        return new SetInfoRequest(fileId, FileEndOfFileInformation, buffer);
    }
}
