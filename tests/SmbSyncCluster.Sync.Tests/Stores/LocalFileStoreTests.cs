using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Tests.Stores;

public sealed class LocalFileStoreTests : StoreContract
{
    protected override Task<(IFileStore Store, string Disk)> NewStoreAsync()
    {
        var disk = Directory.CreateTempSubdirectory("smbsync-local-").FullName;
        return Task.FromResult<(IFileStore, string)>((new LocalFileStore(disk), disk));
    }

    [Fact]
    public async Task Symbolic_links_are_listed_as_other_and_never_written_through()
    {
        var (store, disk) = await NewStoreAsync();
        var outside = Directory.CreateTempSubdirectory("smbsync-outside-").FullName;
        Directory.CreateSymbolicLink(Path.Combine(disk, "escape"), outside);

        var listed = await store.ListAsync("", default);
        await Assert.ThrowsAsync<SymbolicLinkRefusedException>(() =>
            store.WriteFileAsync("escape/pwned", new MemoryStream([1]), 1, DateTime.UtcNow, replace: StoreContract.Anyway, default));

        Assert.Equal(StoreEntryKind.Other, Assert.Single(listed).Kind);
        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }

    [Fact]
    public void A_missing_root_is_a_clear_error() =>
        Assert.Contains("does not exist", Assert.Throws<DirectoryNotFoundException>(() => new LocalFileStore("/no/such/dir/here")).Message, StringComparison.Ordinal);
}
