using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>
/// What a <see cref="JobReceptionist"/> knows of the jobs' views without asking them: the newest view
/// (by <see cref="JobView.Version"/>) each job published or answered. A listing may use a view instead of
/// asking (and so waking) the job only when the job had no run, the view is younger than the trust
/// limit (a lost publication heals then), and no command went to the job after the listing that last
/// asked it began: its publication may still be on the way, while an answer to a later question
/// reflects it, the job handling its messages in order.
/// </summary>
internal sealed class HeardViews(TimeSpan trustedFor, TimeProvider clock)
{
    private readonly Dictionary<string, (JobView View, DateTimeOffset HeardAt)> _views = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _commanded = new(StringComparer.Ordinal);

    /// <summary>Counts the commands seen; a listing notes it when it begins.</summary>
    public long Generation { get; private set; }

    /// <summary>A view a job published: kept unless a newer one is known.</summary>
    public void Heard(JobView view)
    {
        if (!_views.TryGetValue(view.JobId, out var known) || view.Version >= known.View.Version)
        {
            _views[view.JobId] = (view, clock.GetUtcNow());
        }
    }

    /// <summary>A command went to <paramref name="jobId"/>: its view is asked again until an answer reflects the command.</summary>
    public void Commanded(string jobId) => _commanded[jobId] = ++Generation;

    /// <summary>A job's answer to a listing that began at <paramref name="listedAt"/> (a <see cref="Generation"/>).</summary>
    public void Answered(JobView view, long listedAt)
    {
        Heard(view);
        if (_commanded.TryGetValue(view.JobId, out var commandedAt) && commandedAt <= listedAt)
        {
            _commanded.Remove(view.JobId);
        }
    }

    /// <summary>The views a listing may use instead of asking, by job id.</summary>
    public Dictionary<string, JobView> Trusted()
    {
        var since = clock.GetUtcNow() - trustedFor;
        return _views
            .Where(v => v.Value.View.RunId is null && v.Value.HeardAt >= since && !_commanded.ContainsKey(v.Key))
            .ToDictionary(v => v.Key, v => v.Value.View, StringComparer.Ordinal);
    }
}
