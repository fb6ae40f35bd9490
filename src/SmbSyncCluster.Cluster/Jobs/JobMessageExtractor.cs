using Akka.Cluster.Sharding;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>Routes job messages to the entity named by their job id; the region handles ShardingEnvelope and StartEntity itself.</summary>
public sealed class JobMessageExtractor() : HashCodeMessageExtractor(MaxShards)
{
    /// <summary>Shards the jobs are spread over; fixed for the life of a journal.</summary>
    public const int MaxShards = 100;

    /// <inheritdoc />
    public override string? EntityId(object message) => message switch
    {
        JobCommand command => command.JobId,
        GetJob query => query.JobId,
        GetJobHistory query => query.JobId,
        GetJobStatistics query => query.JobId,
        SubscribeJob subscribe => subscribe.JobId,
        _ => null,
    };
}
