using SmbSyncCluster.Smb.Errors;

namespace SmbSyncCluster.Smb.Protocol;

/// <summary>
/// Walks a buffer of FILE_DIRECTORY_INFORMATION entries ([MS-FSCC] 2.4.10); they carry no file id.
/// A hostile buffer (an entry running past the end, a loop of offsets, a name holding a path separator)
/// is a protocol error: the caller must never see a name that reaches outside the directory listed.
/// </summary>
internal static class DirectoryEntryParser
{
    private const int FixedSize = 64;

    public static void Parse(ReadOnlySpan<byte> buffer, List<SmbEntry> into)
    {
        var position = 0;
        while (true)
        {
            var r = new WireReader(buffer.Slice(position));
            var next = r.ReadUInt32();
            r.Skip(4); // FileIndex
            var metadata = FileMetadata.ReadEndOfFileFirst(ref r);
            var nameLength = r.ReadUInt32();
            if (nameLength > buffer.Length)
            {
                throw new SmbProtocolException($"directory entry name length {nameLength} exceeds the buffer");
            }
            var name = WireReader.Utf16(r.ReadBytes((int)nameLength), "directory entry name");
            if (name is not ("." or ".."))
            {
                into.Add(SmbEntry.FromWire(name, metadata, fileId: 0));
            }
            if (next == 0)
            {
                return;
            }
            if (next < FixedSize || next > buffer.Length - position)
            {
                throw new SmbProtocolException($"directory entry NextEntryOffset {next} is out of range");
            }
            position += (int)next;
        }
    }
}
