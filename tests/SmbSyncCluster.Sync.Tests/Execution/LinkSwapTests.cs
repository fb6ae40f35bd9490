using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Tests.Execution;

/// <summary>
/// A local user who can write the synced tree replaces one of its directories with a symbolic link to a
/// directory outside it (standing in for /etc) after the scan, while a node running as root executes
/// the plan: nothing outside the tree is written, deleted or read.
/// </summary>
public sealed class LinkSwapTests
{
    private readonly string _local = Directory.CreateTempSubdirectory("smbsync-l-").FullName;
    private readonly string _remote = Directory.CreateTempSubdirectory("smbsync-r-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("smbsync-outside-").FullName;

    private SyncCycle NewCycle() => new(new LocalFileStore(_local), new LocalFileStore(_remote));

    /// <summary>Moves local team/docs out of the tree and puts a link to the outside directory in its place.</summary>
    private Task SwapDocsForLinkAsync()
    {
        Directory.Move(Path.Combine(_local, "team", "docs"), Path.Combine(Directory.CreateTempSubdirectory("smbsync-away-").FullName, "docs"));
        Directory.CreateSymbolicLink(Path.Combine(_local, "team", "docs"), _outside);
        return Task.CompletedTask;
    }

    private static void AssertLinkFailure(ExecutionResult result, string path)
    {
        var failure = Assert.Single(result.Failures);
        Assert.Equal((path, ErrorClass.ItemPermanent), (failure.Action.Path, failure.Class));
        Assert.Contains("'team/docs' is a symbolic link", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deletion_propagated_into_a_directory_swapped_for_a_link_deletes_nothing_outside()
    {
        // The attacker's file looks like the outside one (same size and time), so the re-check before the
        // delete would match through the link.
        Trees.Write(_local, "team/docs/passwd", "root:x:0:0");
        Trees.Write(_outside, "passwd", "ROOT:X:0:0");
        var cycle = NewCycle();
        await cycle.RunAsync(SyncMode.Mirror);
        File.Delete(Path.Combine(_remote, "team", "docs", "passwd"));

        var (_, result) = await cycle.RunAsync(SyncMode.Mirror, force: true, beforeExecute: SwapDocsForLinkAsync);

        Assert.Equal("ROOT:X:0:0", Trees.Read(_outside, "passwd"));
        AssertLinkFailure(result!, "team/docs/passwd");
    }

    [Fact]
    public async Task An_upload_from_a_directory_swapped_for_a_link_does_not_read_the_outside_file()
    {
        Trees.Write(_local, "team/docs/shadow", "aaaaaa");
        var cycle = NewCycle();
        await cycle.RunAsync(SyncMode.Mirror);
        Trees.Write(_local, "team/docs/shadow", "bbbbbb", Trees.Old.AddHours(1));
        Trees.Write(_outside, "shadow", "SECRET", Trees.Old.AddHours(1));

        var (_, result) = await cycle.RunAsync(SyncMode.Upload, beforeExecute: SwapDocsForLinkAsync);

        Assert.Equal("aaaaaa", Trees.Read(_remote, "team/docs/shadow"));
        Assert.DoesNotContain(Directory.EnumerateFiles(_remote, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("SECRET", StringComparison.Ordinal));
        AssertLinkFailure(result!, "team/docs/shadow");
    }

    [Fact]
    public async Task A_download_into_a_directory_swapped_for_a_link_writes_nothing_outside()
    {
        Trees.Write(_local, "team/docs/keep", "k");
        var cycle = NewCycle();
        await cycle.RunAsync(SyncMode.Mirror);
        Trees.Write(_remote, "team/docs/cron", "* * * * * root sh /tmp/x");

        var (_, result) = await cycle.RunAsync(SyncMode.Mirror, beforeExecute: SwapDocsForLinkAsync);

        Assert.Empty(Directory.GetFileSystemEntries(_outside));
        AssertLinkFailure(result!, "team/docs/cron");
    }

    /// <summary>
    /// The link comes and goes while many downloads run, so that it appears between any check the store
    /// makes and its own open: whatever the interleaving, nothing may land outside.
    /// </summary>
    [Fact]
    public async Task Downloads_racing_a_directory_flipping_to_a_link_write_nothing_outside()
    {
        const int Files = 300;
        Trees.Write(_local, "team/docs/keep", "k");
        var cycle = NewCycle();
        await cycle.RunAsync(SyncMode.Mirror);
        for (var i = 0; i < Files; i++)
        {
            Trees.Write(_remote, $"team/docs/f{i:D3}", "payload");
        }
        var flipper = new LinkFlipper(Path.Combine(_local, "team", "docs"), _outside);

        // The flipping starts once the plan is made: the scan sees the real directory.
        var (_, result) = await cycle.RunAsync(SyncMode.Download, beforeExecute: flipper.StartAsync);
        await flipper.DisposeAsync();

        Assert.Empty(Directory.GetFileSystemEntries(_outside));
        Assert.Equal(Files, result!.Downloaded + result.Failures.Count);
    }

    [Fact]
    public async Task A_file_swapped_for_a_link_to_an_outside_file_is_neither_read_nor_written_through()
    {
        var store = new LocalFileStore(_local);
        Trees.Write(_outside, "secret", "SECRET");
        File.CreateSymbolicLink(Path.Combine(_local, "note"), Path.Combine(_outside, "secret"));

        var read = await Assert.ThrowsAsync<SymbolicLinkRefusedException>(() => store.OpenReadAsync("note", default));
        await store.WriteFileAsync("note", new MemoryStream("new"u8.ToArray()), 3, Trees.Old, replace: _ => Task.CompletedTask, default);

        Assert.Contains("'note' is a symbolic link", read.Message, StringComparison.Ordinal);
        Assert.Equal("SECRET", Trees.Read(_outside, "secret"));
        Assert.Equal("new", Trees.Read(_local, "note"));
        Assert.Null(new FileInfo(Path.Combine(_local, "note")).LinkTarget);
    }

    [Fact]
    public async Task Stat_list_times_delete_and_mkdir_do_not_pass_through_a_linked_directory()
    {
        var store = new LocalFileStore(_local);
        Trees.Write(_outside, "secret", "SECRET");
        Directory.CreateSymbolicLink(Path.Combine(_local, "docs"), _outside);

        await Assert.ThrowsAsync<SymbolicLinkRefusedException>(() => store.StatAsync("docs/secret", default));
        await Assert.ThrowsAsync<SymbolicLinkRefusedException>(() => store.ListAsync("docs", default));
        await Assert.ThrowsAsync<SymbolicLinkRefusedException>(() => store.SetModifiedAsync("docs/secret", Trees.Old.AddYears(1), default));
        await Assert.ThrowsAsync<SymbolicLinkRefusedException>(() => store.DeleteFileAsync("docs/secret", default));
        await Assert.ThrowsAsync<SymbolicLinkRefusedException>(() => store.CreateDirectoryAsync("docs/sub", default));

        Assert.Equal(Trees.Old, File.GetLastWriteTimeUtc(Path.Combine(_outside, "secret")));
        Assert.Equal(["secret"], Directory.GetFileSystemEntries(_outside).Select(Path.GetFileName));
    }
}
