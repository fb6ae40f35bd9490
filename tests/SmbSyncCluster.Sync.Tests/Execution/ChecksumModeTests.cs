using SmbSyncCluster.Contracts;
using SmbSyncCluster.Testing;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Tests.Execution;

/// <summary>Checksum mode: same bytes with different times are one version; same size with different bytes is not.</summary>
public sealed class ChecksumModeTests
{
    private static (SyncCycle Cycle, string Local, string Remote) NewPair()
    {
        var local = Directory.CreateTempSubdirectory("smbsync-l-").FullName;
        var remote = Directory.CreateTempSubdirectory("smbsync-r-").FullName;
        return (new SyncCycle(new LocalFileStore(local), new LocalFileStore(remote)), local, remote);
    }

    [Fact]
    public async Task Identical_files_with_different_times_converge_without_a_transfer()
    {
        var (cycle, local, remote) = NewPair();
        Trees.Write(local, "same.txt", "identical bytes", Trees.Old);
        Trees.Write(remote, "same.txt", "identical bytes", Trees.Old.AddDays(3));

        var (withoutChecksum, _) = await cycle.RunAsync(SyncMode.Mirror, dryRun: true);
        var (plan, result) = await cycle.RunAsync(SyncMode.Mirror, checksum: true);
        var (second, _) = await cycle.RunAsync(SyncMode.Mirror);

        Assert.Equal(1, withoutChecksum.Summary.Conflicts);
        Assert.Equal((0, 0, 0), (plan.Summary.Conflicts, result!.Uploaded, result.Downloaded));
        Assert.Equal(Trees.Old, File.GetLastWriteTimeUtc(Path.Combine(remote, "same.txt")));
        Assert.All(second.Actions, a => Assert.Equal(SyncActionKind.RecordConverged, a.Kind));
    }

    [Fact]
    public async Task A_side_that_yields_more_than_the_files_size_is_not_read_to_its_end()
    {
        var local = Directory.CreateTempSubdirectory("smbsync-l-").FullName;
        var remote = Directory.CreateTempSubdirectory("smbsync-r-").FullName;
        Trees.Write(local, "doc.txt", "aaaa", Trees.Old);
        Trees.Write(remote, "doc.txt", "aaaa", Trees.Old.AddDays(1));
        var endless = new EndlessStream(256L * 1024 * 1024);
        var hostile = new FaultyStore(new LocalFileStore(remote), (_, _) => null) { Content = (_, real) => { real.Dispose(); return endless; } };

        var (plan, _) = await new SyncCycle(new LocalFileStore(local), hostile).RunAsync(SyncMode.Mirror, checksum: true, dryRun: true);

        Assert.True(endless.BytesRead < 1024 * 1024, $"{endless.BytesRead} bytes read for a file of 4");
        Assert.Equal(1, plan.Summary.Conflicts);
    }

    [Fact]
    public async Task Same_size_but_different_bytes_is_still_a_conflict()
    {
        var (cycle, local, remote) = NewPair();
        Trees.Write(local, "doc.txt", "aaaa", Trees.Old);
        Trees.Write(remote, "doc.txt", "bbbb", Trees.Old.AddDays(1));

        var (plan, _) = await cycle.RunAsync(SyncMode.Mirror, checksum: true, dryRun: true);

        Assert.Equal(1, plan.Summary.Conflicts);
    }

    [Fact]
    public async Task In_download_mode_the_local_time_is_aligned_and_the_remote_is_untouched()
    {
        var (cycle, local, remote) = NewPair();
        Trees.Write(local, "f.bin", "xyz", Trees.Old);
        Trees.Write(remote, "f.bin", "xyz", Trees.Old.AddHours(5));

        var (_, result) = await cycle.RunAsync(SyncMode.Download, checksum: true);

        Assert.Equal(0, result!.Downloaded);
        Assert.Equal(Trees.Old.AddHours(5), File.GetLastWriteTimeUtc(Path.Combine(local, "f.bin")));
        Assert.Equal(Trees.Old.AddHours(5), File.GetLastWriteTimeUtc(Path.Combine(remote, "f.bin")));
    }

    [Fact]
    public async Task A_same_size_edit_made_after_hashing_keeps_its_time_and_reaches_the_other_side()
    {
        var (cycle, local, remote) = NewPair();
        Trees.Write(local, "doc.txt", "same", Trees.Old);
        Trees.Write(remote, "doc.txt", "same", Trees.Old.AddDays(3));
        var edited = Trees.Old.AddDays(5);

        var (plan, _) = await cycle.RunAsync(SyncMode.Mirror, checksum: true,
            afterHashing: () => Task.Run(() => Trees.Write(remote, "doc.txt", "edit", edited)));
        var (next, _) = await cycle.RunAsync(SyncMode.Mirror);

        Assert.Equal(0, plan.Summary.Conflicts);
        Assert.Equal(edited, File.GetLastWriteTimeUtc(Path.Combine(remote, "doc.txt")));
        Assert.Equal(1, next.Summary.Downloads);
        Assert.Equal("edit", Trees.Read(local, "doc.txt"));
    }
}
