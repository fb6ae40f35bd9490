using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>
/// How a watched job's runs enter its history (<see cref="RunSummary.Runs"/>): a watched job runs whenever users
/// write, dozens of times an hour in a busy share, and one entry each would leave the capped history with the last
/// few minutes only. Consecutive runs that each completed without a failure, within <see cref="Window"/> of the
/// first, become one entry; a failed run stays an entry of its own, so what went wrong is never summed away.
/// </summary>
public static class WatchedHistory
{
    /// <summary>The longest stretch, from the first run's start to the last one's end, one entry covers.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>
    /// <paramref name="finished"/> folded into <paramref name="last"/> (the history's last entry), or null when it
    /// must be an entry of its own.
    /// </summary>
    public static RunSummary? Merge(RunSummary last, RunSummary finished)
    {
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(finished);
        if (last.Runs is not { } runs || !Clean(last) || !Clean(finished) || finished.FinishedAt - last.StartedAt > Window)
        {
            return null;
        }
        return finished with
        {
            Runs = runs + 1,
            StartedAt = last.StartedAt,
            FirstSync = last.FirstSync,
            Uploaded = last.Uploaded + finished.Uploaded,
            Downloaded = last.Downloaded + finished.Downloaded,
            DeletedLocal = last.DeletedLocal + finished.DeletedLocal,
            DeletedRemote = last.DeletedRemote + finished.DeletedRemote,
            Moved = last.Moved + finished.Moved,
            Conflicts = last.Conflicts + finished.Conflicts,
            Skipped = last.Skipped + finished.Skipped,
            BytesTransferred = last.BytesTransferred + finished.BytesTransferred,
            Skips = Concat(last.Skips, finished.Skips, RunSummary.MaxListedSkips),
            Notes = Concat(last.Notes, finished.Notes, int.MaxValue)?.Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    private static bool Clean(RunSummary run) => run.Outcome == RunOutcome.Completed && !run.DryRun && run.Failed == 0;

    private static List<T>? Concat<T>(IReadOnlyList<T>? first, IReadOnlyList<T>? second, int max) =>
        first is null && second is null ? null : [.. (first ?? []).Concat(second ?? []).Take(max)];
}
