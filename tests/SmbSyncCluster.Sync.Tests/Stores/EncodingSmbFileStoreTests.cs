using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Sync.Tests.Stores;

/// <summary>
/// The store contract with names encoded, and what the encoding adds, against Samba: names a share cannot hold
/// are written under rclone's look-alikes (checked on the share's disk) and listed, read and stated under their own.
/// </summary>
public sealed class EncodingSmbFileStoreTests(SambaFixture samba) : SmbFileStoreTests(samba)
{
    private static readonly DateTime Mtime = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    protected override bool EncodeNames => true;

    public static TheoryData<string, string> Names => new()
    {
        { "log 10:30:00.txt", "log 10\uFF1A30\uFF1A00.txt" },
        { "what?.txt", "what\uFF1F.txt" },
        { "star*", "star\uFF0A" },
        { "<tag>", "\uFF1Ctag\uFF1E" },
        { "say \"hi\"", "say \uFF02hi\uFF02" },
        { "a|b", "a\uFF5Cb" },
        { "back\\slash", "back\uFF3Cslash" },
        { "bell\u0007", "bell\u2407" },
        { "trail.", "trail\uFF0E" },
        { "space ", "space\u2420" },
        { "what\uFF1F.txt", "what\u201B\uFF1F.txt" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_name_a_share_cannot_hold_is_written_under_rclones_form_and_read_under_its_own(string name, string stored)
    {
        var (store, disk) = await NewStoreAsync();
        await using var _ = store;
        var data = "content of "u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(name)).ToArray();

        await store.CreateDirectoryAsync("dir:" + name, default);
        await store.WriteFileAsync($"dir:{name}/{name}", new MemoryStream(data), data.Length, Mtime, replace: null, default);

        var storedDir = Path.Combine(disk, SmbNameEncoding.Encode("dir:" + name));
        Assert.Equal(data, File.ReadAllBytes(Path.Combine(storedDir, stored)));
        Assert.Equal(["dir:" + name], (await store.ListAsync("", default)).Select(e => e.Name));
        var listed = Assert.Single(await store.ListAsync("dir:" + name, default));
        Assert.Equal((name, StoreEntryKind.File, (long)data.Length), (listed.Name, listed.Kind, listed.Size));
        Assert.Equal(name, (await store.StatAsync($"dir:{name}/{name}", default))!.Name);
        await using (var read = await store.OpenReadAsync($"dir:{name}/{name}", default))
        {
            var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            Assert.Equal(data, copy.ToArray());
        }
        await store.DeleteFileAsync($"dir:{name}/{name}", default);
        await store.DeleteDirectoryAsync("dir:" + name, default);
        Assert.Empty(Directory.GetFileSystemEntries(disk));
    }

    [Fact]
    public async Task Names_rclone_wrote_on_the_share_are_listed_decoded()
    {
        var (store, disk) = await NewStoreAsync();
        await using var _ = store;
        File.WriteAllText(Path.Combine(disk, "notes 10\uFF1A30.txt"), "colon");
        File.WriteAllText(Path.Combine(disk, "ends\u2420"), "space");
        Directory.CreateDirectory(Path.Combine(disk, "why\uFF1F"));

        var listed = (await store.ListAsync("", default)).Select(e => (e.Name, e.Kind)).Order().ToArray();

        Assert.Equal([("ends ", StoreEntryKind.File), ("notes 10:30.txt", StoreEntryKind.File), ("why?", StoreEntryKind.Directory)], listed);
    }

    [Theory]
    [InlineData("x\uFF0Fy")] // decodes to a name with a '/'
    [InlineData("\uFF0E\uFF0E")] // decodes to ".."
    [InlineData("it\u201Bs")] // a quote before a plain character: no name is stored that way
    public async Task A_name_no_name_is_stored_as_is_left_alone_under_the_share_name(string onShare)
    {
        var (store, disk) = await NewStoreAsync();
        await using var _ = store;
        File.WriteAllText(Path.Combine(disk, onShare), "theirs");

        var entry = Assert.Single(await store.ListAsync("", default));

        Assert.Equal((onShare, StoreEntryKind.Other), (entry.Name, entry.Kind));
        Assert.Contains("not a name its encoding writes", entry.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backslash_in_a_name_never_reaches_another_directory()
    {
        var (encoding, disk) = await NewStoreAsync();
        await using var _ = encoding;
        await using var plain = await SmbFileStore.OpenAsync(Options, SambaServer.ShareName, Path.GetFileName(disk), default);
        var data = "x"u8.ToArray();

        await Assert.ThrowsAsync<ArgumentException>(() => plain.WriteFileAsync("..\\escape.txt", new MemoryStream(data), 1, Mtime, null, default));
        await encoding.WriteFileAsync("..\\escape.txt", new MemoryStream(data), 1, Mtime, null, default);

        Assert.Equal(["..\uFF3Cescape.txt"], Directory.GetFiles(disk).Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(disk)!, "escape.txt")));
    }
}
