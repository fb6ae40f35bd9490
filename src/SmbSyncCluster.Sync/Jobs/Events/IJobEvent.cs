namespace SmbSyncCluster.Sync.Jobs.Events;

/// <summary>Something that happened to a job, as its journal keeps it. Events are never changed once released: a new shape is a new version.</summary>
public interface IJobEvent
{
    /// <summary>The job it belongs to.</summary>
    string JobId { get; }
}
