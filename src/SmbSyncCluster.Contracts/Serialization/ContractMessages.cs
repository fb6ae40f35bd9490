namespace SmbSyncCluster.Contracts;

/// <summary>
/// Job commands, queries and replies under stable manifests ("StartRun.v1"), for messages that cross
/// processes: the shard region sends them to the node hosting the job, and remote clients send them
/// through the cluster client. A changed shape gets a new manifest; optional fields may be added.
/// </summary>
public static class ContractMessages
{
    /// <summary>The codec of every contract message type.</summary>
    public static ManifestCodec<object> Codec { get; } = new("job message", new Dictionary<Type, string>
    {
        [typeof(DefineJob)] = "DefineJob.v1",
        [typeof(DeleteJob)] = "DeleteJob.v1",
        [typeof(StartRun)] = "StartRun.v1",
        [typeof(ControlRun)] = "ControlRun.v1",
        [typeof(GetJob)] = "GetJob.v1",
        [typeof(GetJobHistory)] = "GetJobHistory.v1",
        [typeof(CommandAccepted)] = "CommandAccepted.v1",
        [typeof(CommandRefused)] = "CommandRefused.v1",
        [typeof(JobView)] = "JobView.v1",
        [typeof(JobHistory)] = "JobHistory.v1",
        [typeof(ListJobs)] = "ListJobs.v1",
        [typeof(JobList)] = "JobList.v1",
        [typeof(SubscribeJob)] = "SubscribeJob.v1",
        [typeof(GetJobStatistics)] = "GetJobStatistics.v1",
        [typeof(JobStatistics)] = "JobStatistics.v1",
    });
}
