using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Tests.Stores;

/// <summary>Temporary names say whose they are, so a run removes only its own job's leftovers of earlier runs.</summary>
public sealed class TempNamesTests
{
    private static readonly JobSpec Job = new() { Id = "docs", LocalPath = "/srv/docs", Remote = "smb://u@nas/team/docs" };
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 15, 0, 0, TimeSpan.Zero);

    private static string NameOf(TempNames names, string path = "dir/file.txt") => names.For(path)[(path.LastIndexOf('/') + 1)..];

    [Fact]
    public void A_name_carries_job_and_run_and_stays_short_beside_a_long_name()
    {
        var path = "dir/" + new string('n', 250);
        var temp = TempNames.ForRun(Job, Now).For(path);

        Assert.StartsWith("dir/.smbsync-", temp, StringComparison.Ordinal);
        Assert.EndsWith(".partial", temp, StringComparison.Ordinal);
        Assert.True(temp.Length - "dir/".Length <= 64, temp);
        Assert.True(TempNames.IsTemp(temp["dir/".Length..]));
        Assert.NotEqual(temp, TempNames.ForRun(Job, Now).For(path));
    }

    [Fact]
    public void Only_the_same_jobs_names_from_earlier_runs_are_leftovers()
    {
        var current = TempNames.ForRun(Job, Now);

        Assert.True(current.IsLeftover(NameOf(TempNames.ForRun(Job, Now.AddMinutes(-1)))));
        Assert.False(current.IsLeftover(NameOf(current)));
        Assert.False(current.IsLeftover(NameOf(TempNames.ForRun(Job, Now.AddMinutes(1)))));
        Assert.False(current.IsLeftover(NameOf(TempNames.ForRun(Job with { Id = "photos" }, Now.AddMinutes(-1)))));
        Assert.False(current.IsLeftover(NameOf(TempNames.ForRun(Job with { LocalPath = "/srv/other" }, Now.AddMinutes(-1)))));
        Assert.True(current.IsLeftover(NameOf(TempNames.ForRun(Job with { Remote = "smb://someone-else@NAS/Team/docs/" }, Now.AddMinutes(-1)))));
    }

    [Fact]
    public void A_resumable_name_is_the_same_for_every_run_of_the_job_and_never_a_leftover()
    {
        var earlier = TempNames.ForRun(Job, Now.AddDays(-1));
        var current = TempNames.ForRun(Job, Now);
        var name = earlier.Resumable("dir/big.iso")["dir/".Length..];

        Assert.Equal(earlier.Resumable("dir/big.iso"), current.Resumable("dir/big.iso"));
        Assert.NotEqual(current.Resumable("dir/big.iso"), current.Resumable("dir/other.iso"));
        Assert.NotEqual(current.Resumable("dir/big.iso"), TempNames.ForRun(Job with { Id = "photos" }, Now).Resumable("dir/big.iso"));
        Assert.True(TempNames.IsTemp(name)); // never synced
        Assert.False(current.IsLeftover(name)); // kept for the next attempt
    }

    [Theory]
    [InlineData(".smbsync-notes.partial")]
    [InlineData(".smbsync-.partial")]
    [InlineData(".smbsync-0123abcd-0123456789ab-0123456789AB.partial")]
    [InlineData(".smbsync-0123abcd-0123456789ab-0123456789ab.partial.txt")]
    [InlineData(".smbsync-0123abcd-0123456789ab-0123456789a-.partial")]
    [InlineData("x.smbsync-0123abcd-0123456789ab-0123456789ab.partial")]
    public void A_users_file_that_only_looks_similar_is_neither_temporary_nor_a_leftover(string name)
    {
        Assert.False(TempNames.IsTemp(name));
        Assert.False(TempNames.ForRun(Job, Now).IsLeftover(name));
    }

    [Fact]
    public void An_older_versions_name_is_skipped_but_never_removed()
    {
        var legacy = ".smbsync-" + Guid.NewGuid().ToString("N") + ".partial";

        Assert.True(TempNames.IsTemp(legacy));
        Assert.False(TempNames.ForRun(Job, Now).IsLeftover(legacy));
    }
}
