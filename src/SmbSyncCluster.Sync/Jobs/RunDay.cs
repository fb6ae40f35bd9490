using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>
/// What a job's runs that finished on one UTC day came to, as snapshots store it: runs by outcome, files
/// copied, bytes moved, and their durations as a histogram (bucket of <see cref="RunDays.Bucket"/> to runs),
/// so that a percentile over many days needs no list of every run.
/// </summary>
public sealed record RunDay
{
    /// <summary>The UTC day.</summary>
    public required DateOnly Day { get; init; }
    /// <summary>Runs by outcome.</summary>
    public RunOutcomeCounts Runs { get; init; } = new(0, 0, 0, 0);
    /// <summary>Files uploaded or downloaded.</summary>
    public long Files { get; init; }
    /// <summary>Bytes moved.</summary>
    public long Bytes { get; init; }
    /// <summary>The runs' durations added, in milliseconds.</summary>
    public long DurationMs { get; init; }
    /// <summary>Runs per duration bucket.</summary>
    public IReadOnlyDictionary<int, int> Durations { get; init; } = new Dictionary<int, int>();
}
