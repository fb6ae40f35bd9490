using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs;

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

    public bool? EncodeNames { get; init; }

    public bool? Watch { get; init; }

    /// <summary>Days versions are kept; 0 keeps none.</summary>
    public int? KeepVersionsDays { get; init; }

    /// <summary>The bandwidth limit; <c>off</c> removes it.</summary>
    public string? BandwidthLimit { get; init; }

    /// <summary>True when no field was given (an update that would change nothing).</summary>
    public bool IsEmpty => this == new JobSpecOptions();

    /// <summary><paramref name="spec"/> with the given fields changed.</summary>
    /// <exception cref="UsageException">
    /// --mode or --conflict names none: every problem of the changed spec, one line each, as the server
    /// would list them (a spec cannot carry a mode that is none to the server).
    /// </exception>
    public JobSpec ApplyTo(JobSpec spec, bool allowPasswordInUrl = false)
    {
        var readProblems = new List<JobSpecError>();
        var changed = Apply(spec, readProblems);
        return readProblems.Count == 0 ? changed : throw Refusal(changed, readProblems, allowPasswordInUrl);
    }

    /// <summary>The refusal of a spec with problems found reading it: all its problems, one line each, as the server lists them.</summary>
    public static UsageException Refusal(JobSpec spec, IReadOnlyList<JobSpecError> readProblems, bool allowPasswordInUrl = false) =>
        new([.. spec.Validate(readProblems, allowPasswordInUrl).Select(e => $"{e.Field}: {e.Reason}")]);

    private JobSpec Apply(JobSpec spec, List<JobSpecError> readProblems) => spec with
    {
        LocalPath = LocalPath ?? spec.LocalPath,
        Remote = Remote ?? spec.Remote,
        Mode = Mode is null ? spec.Mode : JobSpecReader.ParseMode(Mode, readProblems) ?? spec.Mode,
        Conflict = Conflict is null ? spec.Conflict : JobSpecReader.ParseConflict(Conflict, readProblems) ?? spec.Conflict,
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
        EncodeNames = EncodeNames ?? spec.EncodeNames,
        Watch = Watch ?? spec.Watch,
        KeepVersionsDays = KeepVersionsDays ?? spec.KeepVersionsDays,
        BandwidthLimit = BandwidthLimit is null ? spec.BandwidthLimit
            : string.Equals(BandwidthLimit.Trim(), "off", StringComparison.OrdinalIgnoreCase) ? null : BandwidthLimit,
    };
}
