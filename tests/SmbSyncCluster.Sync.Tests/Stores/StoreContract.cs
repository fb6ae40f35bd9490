using System.Security.Cryptography;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Tests.Stores;

/// <summary>The behaviour every <see cref="IFileStore"/> must show, run against the local store and against Samba.</summary>
public abstract class StoreContract
{
    /// <summary>A fresh, empty store and the local directory that holds its content (for checks).</summary>
    protected abstract Task<(IFileStore Store, string Disk)> NewStoreAsync();

    private static readonly DateTime Mtime = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    /// <summary>A replacement that checks nothing.</summary>
    internal static ReplaceCheck Anyway { get; } = _ => Task.CompletedTask;

    [Theory]
    [InlineData(0)]
    [InlineData(4096)]
    [InlineData(20 * 1024 * 1024)]
    public async Task Writes_atomically_with_the_modification_time(int size)
    {
        var (store, disk) = await NewStoreAsync();
        await using var _ = store;
        var data = RandomNumberGenerator.GetBytes(size);
        await store.CreateDirectoryAsync("a/b", default);

        await store.WriteFileAsync("a/b/f.bin", new MemoryStream(data), data.Length, Mtime, replace: Anyway, default);

        var entry = await store.StatAsync("a/b/f.bin", default);
        Assert.Equal((StoreEntryKind.File, (long)size, Mtime), (entry!.Kind, entry.Size, entry.ModifiedUtc));
        Assert.Equal(data, File.ReadAllBytes(Path.Combine(disk, "a", "b", "f.bin")));
        Assert.Equal(["f.bin"], Directory.GetFiles(Path.Combine(disk, "a", "b")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_new_file_never_replaces_one_that_appeared_meanwhile()
    {
        var (store, disk) = await NewStoreAsync();
        await using var _ = store;
        await store.WriteFileAsync("f", new MemoryStream([1, 2, 3]), 3, Mtime, replace: null, default);

        await Assert.ThrowsAnyAsync<Exception>(() => store.WriteFileAsync("f", new MemoryStream([9]), 1, Mtime, replace: null, default));

        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(disk, "f")));
        Assert.Single(Directory.GetFiles(disk)); // the temporary file went too
    }

    [Fact]
    public async Task A_source_that_is_longer_than_scanned_leaves_the_old_file_alone()
    {
        var (store, disk) = await NewStoreAsync();
        await using var _ = store;
        await store.WriteFileAsync("f", new MemoryStream([1, 2, 3]), 3, Mtime, replace: Anyway, default);

        await Assert.ThrowsAsync<SourceChangedException>(() => store.WriteFileAsync("f", new MemoryStream([9, 9, 9, 9]), 3, Mtime, replace: Anyway, default));

        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(disk, "f")));
        Assert.Single(Directory.GetFiles(disk));
    }

    [Fact]
    public async Task Writes_a_local_file_it_may_send_by_handle()
    {
        var (store, disk) = await NewStoreAsync();
        await using var _ = store;
        using var source = new LocalSource((3 * 1024 * 1024) + 7);

        await using (var content = source.Open())
        {
            await store.WriteFileAsync("big.bin", content, source.Bytes.Length, Mtime, replace: Anyway, default);
            Assert.Equal(source.Bytes.Length, content.Position); // every byte counted, read or sent by handle
        }

        Assert.Equal(source.Bytes, File.ReadAllBytes(Path.Combine(disk, "big.bin")));
        Assert.Equal(Mtime, File.GetLastWriteTimeUtc(Path.Combine(disk, "big.bin")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public async Task A_local_file_whose_length_changed_since_the_scan_leaves_the_old_file_alone(int grownBy)
    {
        var (store, disk) = await NewStoreAsync();
        await using var _ = store;
        await store.WriteFileAsync("f", new MemoryStream([1, 2, 3]), 3, Mtime, replace: Anyway, default);
        using var source = new LocalSource((2 * 1024 * 1024) + grownBy);

        await using (var content = source.Open())
        {
            await Assert.ThrowsAsync<SourceChangedException>(
                () => store.WriteFileAsync("f", content, source.Bytes.Length - grownBy, Mtime, replace: Anyway, default));
        }

        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(disk, "f")));
        Assert.Single(Directory.GetFiles(disk));
    }

    [Fact]
    public async Task Lists_stats_renames_and_deletes()
    {
        var (store, disk) = await NewStoreAsync();
        await using var _ = store;
        await store.CreateDirectoryAsync("d", default);
        await store.WriteFileAsync("d/x", new MemoryStream([1]), 1, Mtime, replace: Anyway, default);

        var listed = await store.ListAsync("", default);
        await store.RenameAsync("d/x", "d/y", default);
        await store.WriteFileAsync("d/x", new MemoryStream([2]), 1, Mtime, replace: Anyway, default);
        await Assert.ThrowsAnyAsync<Exception>(() => store.RenameAsync("d/x", "d/y", default));
        await store.DeleteFileAsync("d/x", default);
        await store.DeleteFileAsync("d/y", default);
        await store.SetModifiedAsync("d", Mtime, default);
        var dir = await store.StatAsync("d", default);
        await store.DeleteDirectoryAsync("d", default);

        Assert.Equal(("d", StoreEntryKind.Directory), (Assert.Single(listed).Name, listed[0].Kind));
        Assert.Equal(Mtime, dir!.ModifiedUtc);
        Assert.Null(await store.StatAsync("d", default));
        Assert.Empty(Directory.GetFileSystemEntries(disk));
    }

    [Fact]
    public async Task Reads_back_what_was_written()
    {
        var (store, _) = await NewStoreAsync();
        await using var s = store;
        var data = RandomNumberGenerator.GetBytes(9 * 1024 * 1024);
        await store.WriteFileAsync("big", new MemoryStream(data), data.Length, Mtime, replace: Anyway, default);

        await using var input = await store.OpenReadAsync("big", default);
        var copy = new MemoryStream();
        await input.CopyToAsync(copy);

        Assert.Equal(data, copy.ToArray());
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b")]
    public async Task Paths_leaving_the_root_are_refused(string path)
    {
        var (store, _) = await NewStoreAsync();
        await using var _ = store;

        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteFileAsync(path, new MemoryStream([1]), 1, Mtime, replace: Anyway, default));
        await Assert.ThrowsAsync<ArgumentException>(() => store.StatAsync(path, default));
    }

    /// <summary>A random local file, deleted on dispose.</summary>
    private sealed class LocalSource : IDisposable
    {
        private readonly string _path = Path.GetTempFileName();

        public LocalSource(int length)
        {
            Bytes = RandomNumberGenerator.GetBytes(length);
            File.WriteAllBytes(_path, Bytes);
        }

        public byte[] Bytes { get; }

        /// <summary>Opens it as a sync's copy hands a local source to a store.</summary>
        public SkippableFileStream Open() => new(_path);

        public void Dispose() => File.Delete(_path);
    }

    /// <summary>A local file as copy content: a store may send its bytes by handle and skip them.</summary>
    private sealed class SkippableFileStream(string path)
        : FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous), ILocalFileContent
    {
        public FileStream File => this;

        public void Skip(long bytes) => Seek(bytes, SeekOrigin.Current);

        public void Resumed(long bytes) => Seek(bytes, SeekOrigin.Current);
    }
}
