namespace SmbSyncCluster.Sync.Jobs;

/// <summary>
/// When a job with an interval runs by itself: an interval after its last real (not dry) run ended, or after it got its
/// schedule if it has not run since; never while a run is in progress, paused or not. Only the journal's
/// times count, not when the actor started, so a job recovered on another node keeps its rhythm and a
/// run that fell due while no node held the job starts at once.
/// </summary>
public static class JobSchedule
{
    /// <summary>The time of the next scheduled run, <paramref name="now"/> when it is overdue; null when none is scheduled.</summary>
    /// <param name="state">The job.</param>
    /// <param name="now">The current time.</param>
    /// <param name="second">How long one of the spec's interval seconds lasts: a second, but for tests that scale time down.</param>
    public static DateTimeOffset? NextRun(JobState state, DateTimeOffset now, TimeSpan second)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Exists || state.Run is not null || state.Spec!.IntervalSeconds is not { } interval)
        {
            return null;
        }
        // A dry run is a preview: it must not push the next real sync back.
        var lastEnd = state.History.LastOrDefault(r => !r.DryRun)?.FinishedAt;
        if (Later(lastEnd, state.ScheduledSince) is not { } since)
        {
            return now; // no time to count from (a journal older than definition times, never run since): due
        }
        var due = since + (second * interval);
        return due > now ? due : now;
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
