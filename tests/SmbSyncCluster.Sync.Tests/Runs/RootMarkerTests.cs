using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Scanning;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Sync.Tests.Runs;

/// <summary>
/// The marker a job leaves in its local root: a root found empty without it, after syncs recorded paths there, stops the
/// run (a replaced volume would otherwise look like every file deleted); scans never see it; links are never written through.
/// </summary>
public sealed class RootMarkerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("smbsync-marker-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("smbsync-marker-outside-").FullName;

    private string Marker => Path.Combine(_root, RootMarker.FileName);

    [Theory]
    [InlineData(0, false)]
    [InlineData(12, true)]
    public void A_root_that_is_not_empty_or_never_synced_is_accepted_and_marked(int synced, bool content)
    {
        if (content)
        {
            File.WriteAllText(Path.Combine(_root, "kept.txt"), "x"); // a job that synced before markers existed
        }

        RootMarker.Check(_root, new RootPolicy(SyncMode.Mirror, synced, DryRun: false));
        RootMarker.Mark(_root, runWritesRoot: true);
        RootMarker.Mark(_root, runWritesRoot: true);

        Assert.True(File.Exists(Marker));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_empty_unmarked_root_that_held_synced_paths_stops_the_run_in_one_line_saying_how_to_go_on(bool dryRun)
    {
        File.WriteAllText(Path.Combine(_root, TempNames.Unowned().For("x")), "partial"); // what runs leave is not content
        File.WriteAllText(Path.Combine(_root, SmbFileStore.LeaseFileName), "");

        var e = Assert.Throws<RootReplacedException>(() => RootMarker.Check(_root, new RootPolicy(SyncMode.Mirror, SyncedPaths: 1234, dryRun)));

        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("left 1234 paths there", e.Message, StringComparison.Ordinal);
        Assert.Contains($"touch {Marker}", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Marker));
    }

    [Fact]
    public void An_empty_root_with_its_marker_was_emptied_on_purpose_and_is_synced()
    {
        RootMarker.Mark(_root, runWritesRoot: true);

        RootMarker.Check(_root, new RootPolicy(SyncMode.Mirror, SyncedPaths: 1234, DryRun: false));
    }

    [Fact]
    public void A_source_that_refuses_the_marker_is_synced_unmarked_with_a_note_and_a_root_the_run_writes_is_not()
    {
        ExternalTool.Run(ExternalTool.Find("chattr", "install the Debian package 'e2fsprogs'"), ["+i", _root]); // read-only even to root
        try
        {
            var note = RootMarker.Mark(_root, runWritesRoot: false);

            Assert.Contains($"could not leave {RootMarker.FileName} in {_root}", note, StringComparison.Ordinal);
            Assert.ThrowsAny<Exception>(() => RootMarker.Mark(_root, runWritesRoot: true));
            Assert.False(File.Exists(Marker));
        }
        finally
        {
            ExternalTool.Run(ExternalTool.Find("chattr", "install the Debian package 'e2fsprogs'"), ["-i", _root]);
        }
    }

    [Fact]
    public void A_link_in_the_markers_place_is_not_written_through()
    {
        var target = Path.Combine(_outside, "victim");
        File.CreateSymbolicLink(Marker, target); // dangling: File.WriteAllText would create the target

        RootMarker.Mark(_root, runWritesRoot: true);

        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFileSystemEntries(_outside));
    }

    [Fact]
    public async Task Scans_never_see_a_marker_so_it_is_never_synced()
    {
        Directory.CreateDirectory(Path.Combine(_root, "nested"));
        File.WriteAllText(Path.Combine(_root, "a.txt"), "a");
        RootMarker.Mark(_root, runWritesRoot: true);
        File.WriteAllText(Path.Combine(_root, "nested", RootMarker.FileName), "a nested job's root");

        var result = await new TreeScanner(new LocalFileStore(_root), PathFilter.None).ScanAsync(default);

        Assert.Equal(["a.txt", "nested"], result.Tree.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }
}
