using SmbSyncCluster.Smb.Errors;

namespace SmbSyncCluster.Smb.Protocol;

/// <summary>
/// The FILE_NOTIFY_INFORMATION entries of a CHANGE_NOTIFY response ([MS-FSCC] 2.7.1): NextEntryOffset,
/// Action, FileNameLength, then the name (UTF-16, relative to the watched directory, '\' between
/// components). A chain that runs past the buffer, goes backwards or names a path that could leave the
/// watched directory is a protocol error: a consumer marks these paths for rescanning.
/// </summary>
internal static class FileNotifyInformation
{
    private const int FixedSize = 12;

    /// <summary>Largest number of entries one response may carry: every entry takes at least 16 bytes.</summary>
    private const int MaxEntries = 65536 / 16;

    public static void Parse(ReadOnlySpan<byte> buffer, List<SmbChange> into)
    {
        var offset = 0;
        var count = 0;
        while (buffer.Length > 0)
        {
            if (++count > MaxEntries || buffer.Length - offset < FixedSize)
            {
                throw new SmbProtocolException($"a change notification entry at {offset} runs past its buffer");
            }
            var r = new WireReader(buffer[offset..]);
            var next = r.ReadUInt32();
            var action = r.ReadUInt32();
            var nameLength = r.ReadUInt32();
            if (nameLength == 0 || nameLength % 2 != 0 || nameLength > (uint)(buffer.Length - offset - FixedSize))
            {
                throw new SmbProtocolException($"a change notification entry at {offset} has a name of {nameLength} bytes");
            }
            var name = WireReader.Utf16(buffer.Slice(offset + FixedSize, (int)nameLength), "a change notification name");
            into.Add(new SmbChange(KindOf(action), PathOf(name)));
            if (next == 0)
            {
                return;
            }
            if (next < FixedSize + nameLength || next > (uint)(buffer.Length - offset))
            {
                throw new SmbProtocolException($"a change notification entry at {offset} points to {next} bytes on");
            }
            offset += (int)next;
        }
    }

    private static SmbChangeKind KindOf(uint action) => action switch
    {
        1 => SmbChangeKind.Added,
        2 => SmbChangeKind.Removed,
        3 => SmbChangeKind.Modified,
        4 => SmbChangeKind.RenamedFrom,
        5 => SmbChangeKind.RenamedTo,
        _ => SmbChangeKind.Modified, // stream changes and later actions: something changed at that path
    };

    /// <summary>The name as a '/'-separated relative path, every component a name of its own.</summary>
    private static string PathOf(string name)
    {
        var parts = name.Split('\\');
        foreach (var part in parts)
        {
            if (part.Length == 0 || part is "." or ".." || part.AsSpan().IndexOfAny('/', '\0') >= 0)
            {
                throw new SmbProtocolException($"a change notification names '{name}', which is not a path under the watched directory");
            }
        }
        return string.Join('/', parts);
    }
}
