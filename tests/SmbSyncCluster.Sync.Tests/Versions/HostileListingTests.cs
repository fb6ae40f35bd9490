using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Sync.Versions;

namespace SmbSyncCluster.Sync.Tests.Versions;

/// <summary>
/// What a hostile or broken server may list in the versions area: names with '..', separators or NUL, which
/// a listing must not offer, pruning must not follow and a restore must not take. A real server (Samba) never
/// lists such names, hence a store that lists what it is told and records every change it is asked for.
/// </summary>
public sealed class HostileListingTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 20, 15, 0, DateTimeKind.Utc);

    private static readonly string[] Hostile =
        ["..", ".", "../report~20200101-000000-000.txt", "..\\report~20200101-000000-000.txt", "a/report~20200101-000000-000.txt", "report~20200101-000000-000.txt\0x"];

    private static ListingStore Store() => new(new Dictionary<string, string[]>
    {
        [VersionNames.Area] = [.. Hostile, "docs"],
        [".smbsync-versions/docs"] = [.. Hostile, "report~20200101-000000-000.txt"],
    });

    [Fact]
    public async Task A_listing_offers_only_plain_version_names()
    {
        var versions = await VersionArea.ListAsync(Store(), "docs/report.txt", default);

        Assert.Equal(["report~20200101-000000-000.txt"], versions.Select(v => v.Name));
    }

    [Fact]
    public async Task Pruning_removes_only_plain_versions_and_walks_into_no_odd_name()
    {
        var store = Store();

        var pruned = await VersionArea.PruneAsync(store, Now, default);

        Assert.Equal(1, pruned);
        Assert.Equal([".smbsync-versions/docs/report~20200101-000000-000.txt"], store.Changes);
        Assert.Equal([VersionNames.Area, ".smbsync-versions/docs"], store.Listed);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task A_restore_takes_no_odd_name(string name)
    {
        var store = Store();

        await Assert.ThrowsAsync<ArgumentException>(() => VersionArea.RestoreAsync(store, "docs/report.txt", name, Now, default));

        Assert.Empty(store.Changes);
    }

    public static TheoryData<string> HostileNames => [.. Hostile];

    /// <summary>Lists what it is told (every name a file but "docs", "." and ".."); records deletes and renames without doing them.</summary>
    private sealed class ListingStore(Dictionary<string, string[]> listings) : IFileStore
    {
        public List<string> Changes { get; } = [];
        public List<string> Listed { get; } = [];
        public string Description => "a listing";
        public TimeSpan TimestampPrecision => TimeSpan.FromTicks(1);
        public bool IsCaseSensitive => true;
        public Task MeasureTimestampPrecisionAsync(CancellationToken ct) => Task.CompletedTask;

        public Task<IReadOnlyList<StoreEntry>> ListAsync(string directory, CancellationToken ct)
        {
            Listed.Add(directory);
            return listings.TryGetValue(directory, out var names)
                ? Task.FromResult<IReadOnlyList<StoreEntry>>([.. names.Select(n => new StoreEntry(n, n is "docs" or ".." or "." ? StoreEntryKind.Directory : StoreEntryKind.File, 1, Now))])
                : throw new DirectoryNotFoundException(directory);
        }

        public Task<StoreEntry?> StatAsync(string path, CancellationToken ct) =>
            Task.FromResult<StoreEntry?>(new StoreEntry(path[(path.LastIndexOf('/') + 1)..], StoreEntryKind.File, 1, Now));

        public Task DeleteFileAsync(string path, CancellationToken ct) => Record(path);
        public Task DeleteDirectoryAsync(string path, CancellationToken ct) => Record(path);
        public Task RenameAsync(string from, string to, CancellationToken ct) => Record($"{from} -> {to}");
        public Task CreateDirectoryAsync(string path, CancellationToken ct) => Record(path);
        public Task<Stream> OpenReadAsync(string path, CancellationToken ct) => throw new NotSupportedException();
        public Task WriteFileAsync(string path, Stream content, long length, DateTime modifiedUtc, ReplaceCheck? replace, CancellationToken ct) => throw new NotSupportedException();
        public Task SetModifiedAsync(string path, DateTime modifiedUtc, CancellationToken ct) => throw new NotSupportedException();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private Task Record(string change)
        {
            Changes.Add(change);
            return Task.CompletedTask;
        }
    }
}
