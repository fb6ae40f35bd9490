using System.Text.Json.Serialization;

namespace SmbSyncCluster.Contracts;

/// <summary>
/// A sync job as users write it (CLI flags, HTTP body, remoting message): a local path paired with a
/// remote, and how to sync them. The nodes validate it (field by field, every problem at once) before
/// anything is stored; a spec names a credential and never carries a password.
/// </summary>
public sealed record JobSpec
{
    /// <summary>Most workers a job may ask for.</summary>
    public const int MaxWorkers = 64;

    /// <summary>Shortest schedule interval.</summary>
    public const int MinIntervalSeconds = 10;

    /// <summary>The job's id: letters, digits, '.', '_' and '-', at most 64.</summary>
    public required string Id { get; init; }

    /// <summary>The local directory (absolute).</summary>
    public required string LocalPath { get; init; }

    /// <summary>smb://[DOMAIN;]USER@HOST[:PORT]/SHARE[/PATH], or an absolute local path.</summary>
    public required string Remote { get; init; }

    /// <summary>Which way changes flow.</summary>
    public SyncMode Mode { get; init; } = JobDefaults.Mode;

    /// <summary>How a conflict is resolved.</summary>
    public ConflictPolicy Conflict { get; init; } = JobDefaults.Conflict;

    /// <summary>Transfers in flight at once.</summary>
    public int Workers { get; init; } = JobDefaults.Workers;

    /// <summary>Globs of paths left out.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Globs of the only files synced (empty: all).</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Seconds between scheduled runs; null for none.</summary>
    public int? IntervalSeconds { get; init; }

    /// <summary>The name of the credential the node resolves (never a password); null for the default.</summary>
    public string? Credential { get; init; }

    /// <summary>
    /// Checksum mode: files of the same size whose times differ are read on both sides and compared, so
    /// identical content is one version whatever its times. Left out of stored specs when off, which
    /// keeps specs stored before it existed byte for byte.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Checksum { get; init; }

    /// <summary>
    /// Watch mode: both sides are followed as they change (inotify, SMB change notifications) and what changed
    /// is synced within seconds, with a full rescan now and then. Left out of stored specs when off.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Watch { get; init; }

    /// <summary>
    /// Whether names an SMB share cannot hold (<c>a:b</c>, <c>why?</c>, a trailing space or period) are stored under
    /// the full-width look-alikes rclone's SMB backend uses and read back decoded (null: <see cref="JobDefaults.EncodeNames"/>);
    /// false skips and names them instead. Left out of stored specs when null, which keeps specs stored before it
    /// existed byte for byte and gives the jobs they define the default; left out of requests too, so that a
    /// client that does not set it can still update a job on a node that does not know it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? EncodeNames { get; init; }

    /// <summary>
    /// The job's bandwidth limit, both directions together, as rclone's <c>--bwlimit</c> writes it: a rate
    /// (<c>4M</c>, <c>512K</c>: bytes per second, binary multiples), a timetable (<c>08:00,1M 19:00,off</c>) or
    /// <c>off</c>; null for none. The node's own limit applies on top. Left out of stored specs when null.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BandwidthLimit { get; init; }

    /// <summary>Longest retention of kept versions a spec may ask for: ten years.</summary>
    public const int MaxKeepVersionsDays = 3650;

    /// <summary>
    /// Days a file the job's runs delete or overwrite is kept in the versions area of the side that lost it
    /// (<c>.smbsync-versions</c> at its root); 0 keeps none. Stored only when not the default, so specs stored
    /// before it existed read as keeping versions for the default time, and stay byte for byte.
    /// </summary>
    [JsonIgnore]
    public int KeepVersionsDays { get; init; } = JobDefaults.KeepVersionsDays;

    /// <summary><see cref="KeepVersionsDays"/> as JSON carries it: absent for the default.</summary>
    [JsonInclude]
    [JsonPropertyName("keepVersionsDays")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private int? KeepVersionsDaysField
    {
        get => KeepVersionsDays == JobDefaults.KeepVersionsDays ? null : KeepVersionsDays;
        init => KeepVersionsDays = value ?? JobDefaults.KeepVersionsDays;
    }

    /// <summary>The spec with a password written into an smb:// remote, if any, masked: safe to print, log and return.</summary>
    public JobSpec Masked() => this with { Remote = PasswordMask.InUrl(Remote) };

    /// <summary>A one-line description with any password masked (records would otherwise print the raw remote).</summary>
    public override string ToString() => $"job {Id}: {LocalPath} <-> {PasswordMask.InUrl(Remote)} ({Mode.WireName}, {Conflict.WireName}, {Workers} workers)";
}
