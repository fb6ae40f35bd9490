using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Scanning;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>
/// A sync job as users write it (CLI flags, HTTP body, remoting message): a local path paired with a
/// remote, and how to sync them. <see cref="Validate"/> gives every problem at once, field by field,
/// so that every front refuses bad input the same way.
/// </summary>
public sealed partial record JobSpec
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

    /// <summary>mirror, upload or download.</summary>
    public string Mode { get; init; } = "mirror";

    /// <summary>keep-both, newer, local, remote or skip.</summary>
    public string Conflict { get; init; } = "keep-both";

    /// <summary>Transfers in flight at once.</summary>
    public int Workers { get; init; } = 8;

    /// <summary>Globs of paths left out.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Globs of the only files synced (empty: all).</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Seconds between scheduled runs; null for none.</summary>
    public int? IntervalSeconds { get; init; }

    /// <summary>The name of the credential the node resolves (never a password); null for the default.</summary>
    public string? Credential { get; init; }

    /// <summary>The mode as an enum; call after <see cref="Validate"/> found no error.</summary>
    [JsonIgnore]
    public SyncMode SyncMode => ParseMode(Mode) ?? throw new InvalidOperationException($"invalid mode '{Mode}'");

    /// <summary>The conflict policy as an enum; call after <see cref="Validate"/> found no error.</summary>
    [JsonIgnore]
    public ConflictPolicy ConflictPolicy => ParseConflict(Conflict) ?? throw new InvalidOperationException($"invalid conflict policy '{Conflict}'");

    /// <summary>Parses a mode name, or null.</summary>
    public static SyncMode? ParseMode(string? text) => text switch
    {
        "mirror" => Model.SyncMode.Mirror,
        "upload" => Model.SyncMode.Upload,
        "download" => Model.SyncMode.Download,
        _ => null,
    };

    /// <summary>Parses a conflict policy name, or null.</summary>
    public static ConflictPolicy? ParseConflict(string? text) => text switch
    {
        "keep-both" => Model.ConflictPolicy.KeepBoth,
        "newer" => Model.ConflictPolicy.Newer,
        "local" => Model.ConflictPolicy.Local,
        "remote" => Model.ConflictPolicy.Remote,
        "skip" => Model.ConflictPolicy.Skip,
        _ => null,
    };

    /// <summary>
    /// Every problem with the spec. <paramref name="allowPasswordInUrl"/> is for the one-shot CLI, which
    /// accepts (and masks) a password in the URL; stored job specs must name a credential instead.
    /// </summary>
    public IReadOnlyList<JobSpecError> Validate(bool allowPasswordInUrl = false)
    {
        var errors = new List<JobSpecError>();
        void Check(bool ok, string field, string reason)
        {
            if (!ok)
            {
                errors.Add(new JobSpecError(field, reason));
            }
        }

        Check(!string.IsNullOrEmpty(Id) && NamePattern().IsMatch(Id), "id", "required: 1 to 64 letters, digits, '.', '_' or '-'");
        Check(!string.IsNullOrWhiteSpace(LocalPath) && Path.IsPathFullyQualified(LocalPath), "localPath", "required: an absolute directory path");
        ValidateRemote(errors, allowPasswordInUrl);
        Check(ParseMode(Mode) is not null, "mode", $"'{Mode}' is not one of mirror, upload, download");
        Check(ParseConflict(Conflict) is not null, "conflict", $"'{Conflict}' is not one of keep-both, newer, local, remote, skip");
        Check(Workers is >= 1 and <= MaxWorkers, "workers", $"must be between 1 and {MaxWorkers}");
        Check(IntervalSeconds is null or >= MinIntervalSeconds, "intervalSeconds", $"must be at least {MinIntervalSeconds} (or absent for no schedule)");
        Check(Credential is null || NamePattern().IsMatch(Credential), "credential", "a credential name: 1 to 64 letters, digits, '.', '_' or '-'");
        try
        {
            _ = new PathFilter(Exclude ?? [], Include ?? []);
        }
        catch (ArgumentException e)
        {
            errors.Add(new JobSpecError("exclude/include", e.Message));
        }
        return errors;
    }

    private void ValidateRemote(List<JobSpecError> errors, bool allowPasswordInUrl)
    {
        if (string.IsNullOrWhiteSpace(Remote))
        {
            errors.Add(new JobSpecError("remote", "required: smb://[DOMAIN;]USER@HOST[:PORT]/SHARE[/PATH] or an absolute path"));
            return;
        }
        if (!SmbUrl.IsSmbUrl(Remote))
        {
            if (!Path.IsPathFullyQualified(Remote))
            {
                errors.Add(new JobSpecError("remote", "not an smb:// URL nor an absolute path"));
            }
            return;
        }
        try
        {
            var url = SmbUrl.Parse(Remote);
            if (url.Password is not null && !allowPasswordInUrl)
            {
                errors.Add(new JobSpecError("remote", "carries a password; name a credential instead"));
            }
        }
        catch (FormatException e)
        {
            errors.Add(new JobSpecError("remote", e.Message));
        }
    }

    /// <summary>The spec with the password of an smb:// remote, if any, masked: safe to print, log and return.</summary>
    public JobSpec Masked() => SmbUrl.IsSmbUrl(Remote) && TryParseUrl() is { Password: not null } url ? this with { Remote = url.ToString() } : this;

    /// <summary>A one-line description with any password masked (records would otherwise print the raw remote).</summary>
    public override string ToString() => $"job {Id}: {LocalPath} <-> {Masked().Remote} ({Mode}, {Conflict}, {Workers} workers)";

    private SmbUrl? TryParseUrl()
    {
        try
        {
            return SmbUrl.Parse(Remote);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
