using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>
/// The spec fields given on the command line of <c>jobs create</c> and <c>jobs update</c>, null where
/// not given. Numbers are checked as they are read; the rest is for the server, whose 400 names each bad
/// field the same way for every front.
/// </summary>
internal sealed record JobSpecOptions
{
    public string? LocalPath { get; init; }
    public string? Remote { get; init; }
    public string? Mode { get; init; }
    public string? Conflict { get; init; }
    public int? Workers { get; init; }

    /// <summary>Replaces the whole list when given.</summary>
    public IReadOnlyList<string>? Exclude { get; init; }

    /// <summary>Replaces the whole list when given.</summary>
    public IReadOnlyList<string>? Include { get; init; }

    /// <summary>Seconds between scheduled runs; 0 removes the schedule.</summary>
    public int? IntervalSeconds { get; init; }

    public string? Credential { get; init; }

    public bool? Checksum { get; init; }

    /// <summary>True when no field was given (an update that would change nothing).</summary>
    public bool IsEmpty => this == new JobSpecOptions();

    /// <summary><paramref name="spec"/> with the given fields changed.</summary>
    public JobSpec ApplyTo(JobSpec spec) => spec with
    {
        LocalPath = LocalPath ?? spec.LocalPath,
        Remote = Remote ?? spec.Remote,
        Mode = Mode ?? spec.Mode,
        Conflict = Conflict ?? spec.Conflict,
        Workers = Workers ?? spec.Workers,
        Exclude = Exclude ?? spec.Exclude,
        Include = Include ?? spec.Include,
        IntervalSeconds = IntervalSeconds switch
        {
            null => spec.IntervalSeconds,
            0 => null,
            var seconds => seconds,
        },
        Credential = Credential ?? spec.Credential,
        Checksum = Checksum ?? spec.Checksum,
    };
}
