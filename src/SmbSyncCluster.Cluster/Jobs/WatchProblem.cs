namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>
/// What a job's watcher (<see cref="WatchActor"/>) publishes on the node's event stream each time watching goes
/// wrong (a side stopped and is tried again, changes were lost and the tree is rescanned): for the node's
/// metrics and for the foreground <c>sync --watch</c>, which says it on stderr.
/// </summary>
/// <param name="JobId">The watched job.</param>
/// <param name="Problem">One line: the side and what happened.</param>
public sealed record WatchProblem(string JobId, string Problem);
