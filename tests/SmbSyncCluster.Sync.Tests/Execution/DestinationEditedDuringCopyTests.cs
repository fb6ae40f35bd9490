using SmbSyncCluster.Contracts;
using System.Security.Cryptography;
using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Sync.Tests.Execution;

/// <summary>
/// A destination edited while a replacing copy onto it runs (after the check made before the copy) keeps
/// the edit: the item fails as changed since the scan and the next run keeps both versions.
/// </summary>
public sealed class DestinationEditedDuringCopyTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private const int Big = 6 * 1024 * 1024; // streamed, not the small files' single compound

    private Task<(string Local, string Remote, SmbFileStore Share)> NewPairAsync() => SambaPairs.OpenAsync(samba);

    private static byte[] WriteBytes(string root, string path, int size, DateTime mtime)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        var full = Path.Combine(root, path);
        File.WriteAllBytes(full, bytes);
        File.SetLastWriteTimeUtc(full, mtime);
        return bytes;
    }

    /// <summary>
    /// Syncs big.bin, edits it on the source side, then runs again while the destination is edited once
    /// the copy has begun (when the source is opened, after the check made before the copy).
    /// </summary>
    private static async Task AssertEditKeptAsync(IFileStore localStore, IFileStore remoteStore, string sourceRoot, string destinationRoot, bool upload)
    {
        var armed = false;
        byte[]? destinationEdit = null;
        var source = new FaultyStore(upload ? localStore : remoteStore, (op, path) =>
        {
            if (armed && op == "read" && path == "big.bin" && destinationEdit is null)
            {
                destinationEdit = WriteBytes(destinationRoot, "big.bin", 1000, Trees.Old.AddHours(2));
            }
            return null;
        });
        var cycle = upload ? new SyncCycle(source, remoteStore) : new SyncCycle(localStore, source);
        WriteBytes(sourceRoot, "big.bin", Big, Trees.Old);
        await cycle.RunAsync(SyncMode.Mirror);
        var sourceEdit = WriteBytes(sourceRoot, "big.bin", Big, Trees.Old.AddHours(1));
        armed = true;

        var (_, result) = await cycle.RunAsync(SyncMode.Mirror);

        Assert.NotNull(destinationEdit);
        Assert.Equal(destinationEdit, File.ReadAllBytes(Path.Combine(destinationRoot, "big.bin")));
        var failure = Assert.Single(result!.Failures);
        Assert.Equal(("big.bin", ErrorClass.ItemPermanent), (failure.Action.Path, failure.Class));
        Assert.Contains("changed on the", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(destinationRoot), f => Path.GetFileName(f).StartsWith(".smbsync-", StringComparison.Ordinal));

        // The next run sees both edits: a conflict, both versions on both sides.
        var (next, after) = await cycle.RunAsync(SyncMode.Mirror);
        Assert.Equal(1, next.Summary.Conflicts);
        Assert.Empty(after!.Failures);
        foreach (var root in new[] { sourceRoot, destinationRoot })
        {
            var contents = Directory.GetFiles(root).Select(File.ReadAllBytes).ToList();
            Assert.Equal(2, contents.Count);
            Assert.Contains(contents, c => c.SequenceEqual(sourceEdit));
            Assert.Contains(contents, c => c.SequenceEqual(destinationEdit));
        }
    }

    [Fact]
    public async Task An_upload_does_not_overwrite_a_share_file_edited_during_the_copy()
    {
        var (local, remote, share) = await NewPairAsync();
        await using var _ = share;

        await AssertEditKeptAsync(new LocalFileStore(local), share, local, remote, upload: true);
    }

    [Fact]
    public async Task A_download_does_not_overwrite_a_local_file_edited_during_the_copy()
    {
        var (local, remote, share) = await NewPairAsync();
        await using var _ = share;

        await AssertEditKeptAsync(new LocalFileStore(local), share, remote, local, upload: false);
    }
}
