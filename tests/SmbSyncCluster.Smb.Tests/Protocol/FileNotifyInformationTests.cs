using System.Buffers.Binary;
using System.Text;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Tests.Protocol;

/// <summary>Change notification entries as a server may send them, well formed or hostile.</summary>
public sealed class FileNotifyInformationTests
{
    /// <summary>Entries laid out as Windows does: each 4-byte aligned, NextEntryOffset 0 on the last.</summary>
    private static byte[] Entries(params (uint Action, string Name)[] entries)
    {
        using var buffer = new MemoryStream();
        for (var i = 0; i < entries.Length; i++)
        {
            var name = Encoding.Unicode.GetBytes(entries[i].Name);
            var size = (12 + name.Length + 3) & ~3;
            var entry = new byte[size];
            BinaryPrimitives.WriteUInt32LittleEndian(entry, i == entries.Length - 1 ? 0u : (uint)size);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(4), entries[i].Action);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(8), (uint)name.Length);
            name.CopyTo(entry, 12);
            buffer.Write(entry);
        }
        return buffer.ToArray();
    }

    private static List<SmbChange> Parse(byte[] buffer)
    {
        var changes = new List<SmbChange>();
        FileNotifyInformation.Parse(buffer, changes);
        return changes;
    }

    [Fact]
    public void Entries_read_as_relative_paths_with_their_kinds()
    {
        var changes = Parse(Entries((1, @"a\b\new é.txt"), (4, "old"), (5, "new"), (2, "gone"), (3, "edited"), (7, "stream")));

        Assert.Equal(
            [new(SmbChangeKind.Added, "a/b/new é.txt"), new(SmbChangeKind.RenamedFrom, "old"), new(SmbChangeKind.RenamedTo, "new"),
             new(SmbChangeKind.Removed, "gone"), new(SmbChangeKind.Modified, "edited"), new(SmbChangeKind.Modified, "stream")],
            changes);
    }

    [Theory]
    [InlineData(@"..\etc\passwd")]
    [InlineData(@"a\..\..\x")]
    [InlineData(@"\rooted")]
    [InlineData(@"a\\b")]
    [InlineData(@"a\.")]
    [InlineData("a/b")]
    [InlineData("nul\0byte")]
    public void A_name_that_could_leave_the_watched_directory_is_a_protocol_error(string name)
    {
        Assert.Throws<SmbProtocolException>(() => Parse(Entries((1, name))));
    }

    [Fact]
    public void Offsets_that_loop_go_backwards_or_run_past_the_buffer_are_protocol_errors()
    {
        var looping = Entries((1, "a"), (1, "b"));
        BinaryPrimitives.WriteUInt32LittleEndian(looping.AsSpan(16), 0xFFFFFFF0); // the second entry points back
        var shortNext = Entries((1, "abc"), (1, "d"));
        BinaryPrimitives.WriteUInt32LittleEndian(shortNext, 4); // into its own name
        var longName = Entries((1, "a"));
        BinaryPrimitives.WriteUInt32LittleEndian(longName.AsSpan(8), 1000);
        var truncated = Entries((1, "a"))[..10];

        foreach (var hostile in new[] { looping, shortNext, longName, truncated })
        {
            Assert.Throws<SmbProtocolException>(() => Parse(hostile));
        }
    }
}
