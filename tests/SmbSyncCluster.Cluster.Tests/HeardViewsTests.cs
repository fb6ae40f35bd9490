using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

public sealed class HeardViewsTests
{
    private static JobView View(string id, long version, string? runId = null) =>
        new(id, new JobSpec { Id = id, LocalPath = "/l", Remote = "/r" }, runId is null ? JobStatus.Idle : JobStatus.Running, runId, null, null, 0, Version: version);

    [Fact]
    public void An_idle_view_stands_in_until_it_is_too_old()
    {
        var clock = new ShiftedClock(TimeSpan.Zero);
        var heard = new HeardViews(TimeSpan.FromMinutes(10), clock);
        heard.Heard(View("a", 3));

        var fresh = heard.Trusted();
        clock.Shift += TimeSpan.FromMinutes(11);

        Assert.Equal(3, fresh["a"].Version);
        Assert.Empty(heard.Trusted());
    }

    [Fact]
    public void An_older_view_never_replaces_a_newer_one()
    {
        var heard = new HeardViews(TimeSpan.FromMinutes(10), TimeProvider.System);

        heard.Heard(View("a", 5));
        heard.Heard(View("a", 4));

        Assert.Equal(5, heard.Trusted()["a"].Version);
    }

    [Fact]
    public void A_job_with_a_run_is_always_asked()
    {
        var heard = new HeardViews(TimeSpan.FromMinutes(10), TimeProvider.System);

        heard.Heard(View("a", 5, runId: "r1"));

        Assert.Empty(heard.Trusted());
    }

    [Fact]
    public void After_a_command_only_an_answer_to_a_later_listing_is_trusted()
    {
        var heard = new HeardViews(TimeSpan.FromMinutes(10), TimeProvider.System);
        heard.Heard(View("a", 5));
        var listedBefore = heard.Generation;
        heard.Commanded("a");

        heard.Heard(View("a", 6)); // a publication may predate the command's effect
        heard.Answered(View("a", 6), listedBefore);
        var afterEarlierListing = heard.Trusted();
        heard.Answered(View("a", 7), heard.Generation);

        Assert.Empty(afterEarlierListing);
        Assert.Equal(7, heard.Trusted()["a"].Version);
    }
}
