using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Limits;
using SmbSyncCluster.Sync.Scanning;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>
/// What a <see cref="JobSpec"/> means to the sync domain: the places it syncs, and <c>Validate</c>, which
/// gives every problem at once, field by field, so that every front (CLI, HTTP, remoting) refuses bad
/// input the same way.
/// </summary>
public static partial class JobSpecRules
{
    /// <summary>True for a job id or credential name: 1 to 64 letters, digits, '.', '_' or '-'.</summary>
    public static bool IsName(string? text) => !string.IsNullOrEmpty(text) && NamePattern().IsMatch(text);

    extension(JobSpec spec)
    {
        /// <summary>
        /// Whether <paramref name="other"/> syncs the same two directories: the same local path, and the
        /// same share and path on the same server (names compared as SMB does, ignoring case; user,
        /// password and protection aside) or the same second local path.
        /// </summary>
        public bool SyncsSamePlaces(JobSpec other)
        {
            ArgumentNullException.ThrowIfNull(other);
            return string.Equals(spec.Places, other.Places, StringComparison.Ordinal);
        }

        /// <summary>
        /// The two directories the job syncs in one spelling, equal for two specs exactly when they sync the
        /// same places: the normalized local path, and the remote's server, port, share and path (in lower
        /// case, as SMB compares names) or its normalized local path.
        /// </summary>
        public string Places => Normalized(spec.LocalPath) + "\n" + (SmbUrl.IsSmbUrl(spec.Remote) ? SmbPlace(spec.Remote) : Normalized(spec.Remote));

        /// <summary>
        /// The two directories the job syncs as they would be opened: the real local path (links followed, see
        /// <see cref="RealPath"/>) and the remote's place (<see cref="SmbUrl.PlaceKey"/>: case of the path kept)
        /// or the other directory's real path. Equal for two valid specs that sync the same pair, however spelled.
        /// </summary>
        public string Pair => RealPath.Of(spec.LocalPath) + "\n" + (SmbUrl.IsSmbUrl(spec.Remote) ? SmbUrl.Parse(spec.Remote).PlaceKey : RealPath.Of(spec.Remote));

        /// <summary>
        /// Every problem with the spec. <paramref name="readProblems"/> are those found reading it (see
        /// <see cref="JobSpecReader"/>: a mode or conflict policy naming none), listed where those fields are
        /// checked so that every front gives the problems in one order. <paramref name="allowPasswordInUrl"/>
        /// is for the one-shot CLI, which accepts (and masks) a password in the URL; stored job specs must
        /// name a credential instead.
        /// </summary>
        public IReadOnlyList<JobSpecError> Validate(IReadOnlyList<JobSpecError>? readProblems = null, bool allowPasswordInUrl = false)
        {
            var errors = new List<JobSpecError>();
            void Check(bool ok, string field, string reason)
            {
                if (!ok)
                {
                    errors.Add(new JobSpecError(field, reason));
                }
            }

            Check(IsName(spec.Id), "id", "required: 1 to 64 letters, digits, '.', '_' or '-'");
            Check(IsAbsolutePath(spec.LocalPath), "localPath", "required: an absolute directory path");
            ValidateRemote(spec.Remote, errors, allowPasswordInUrl);
            Check(!Overlap(spec.LocalPath, spec.Remote), "remote", "overlaps localPath (one lies inside the other): a sync would copy the tree into itself, again at every run");
            errors.AddRange(readProblems ?? []);
            Check(spec.Workers is >= 1 and <= JobSpec.MaxWorkers, "workers", $"must be between 1 and {JobSpec.MaxWorkers}");
            Check(spec.IntervalSeconds is null or >= JobSpec.MinIntervalSeconds, "intervalSeconds", $"must be at least {JobSpec.MinIntervalSeconds} (or absent for no schedule)");
            Check(spec.KeepVersionsDays is >= 0 and <= JobSpec.MaxKeepVersionsDays, "keepVersionsDays", $"must be between 0 (keep no versions) and {JobSpec.MaxKeepVersionsDays}");
            if (spec.BandwidthLimit is { } limit && !BandwidthSchedule.TryParse(limit, out _, out var malformed))
            {
                errors.Add(new JobSpecError("bandwidthLimit", malformed));
            }
            Check(spec.Credential is null || IsName(spec.Credential), "credential", "a credential name: 1 to 64 letters, digits, '.', '_' or '-'");
            try
            {
                _ = new PathFilter(spec.Exclude ?? [], spec.Include ?? []);
            }
            catch (ArgumentException e)
            {
                errors.Add(new JobSpecError("exclude/include", e.Message));
            }
            return errors;
        }
    }

    private static void ValidateRemote(string? remote, List<JobSpecError> errors, bool allowPasswordInUrl)
    {
        if (string.IsNullOrWhiteSpace(remote))
        {
            errors.Add(new JobSpecError("remote", "required: smb://[DOMAIN;]USER@HOST[:PORT]/SHARE[/PATH] or an absolute path"));
            return;
        }
        if (!SmbUrl.IsSmbUrl(remote))
        {
            if (!IsAbsolutePath(remote))
            {
                errors.Add(new JobSpecError("remote", "not an smb:// URL nor an absolute path"));
            }
            return;
        }
        try
        {
            if (SmbUrl.Parse(remote).Password is not null && !allowPasswordInUrl)
            {
                errors.Add(new JobSpecError("remote", "carries a password; name a credential instead"));
            }
        }
        catch (FormatException e)
        {
            errors.Add(new JobSpecError("remote", e.Message));
        }
    }

    /// <summary>A path the file system can be asked about: absolute, and without NUL (which no name holds, and which would end a system call's string early).</summary>
    private static bool IsAbsolutePath([NotNullWhen(true)] string? path) =>
        !string.IsNullOrWhiteSpace(path) && Path.IsPathFullyQualified(path) && !path.Contains('\0', StringComparison.Ordinal);

    /// <summary>An SMB directory in one spelling: server, port, share and path, in lower case as SMB compares names.</summary>
    private static string SmbPlace(string remote)
    {
        var url = SmbUrl.Parse(remote);
        return $"{url.Host}:{url.Port}/{url.Share}/{url.Path.Trim('/')}".ToLowerInvariant();
    }

    /// <summary>An absolute directory path in one spelling: no ".." or doubled separators, no trailing one.</summary>
    private static string Normalized(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>True for two local directories one of which holds the other (or the same one twice).</summary>
    private static bool Overlap(string? localPath, string? remote)
    {
        if (!IsAbsolutePath(localPath) || !IsAbsolutePath(remote) || SmbUrl.IsSmbUrl(remote))
        {
            return false;
        }
        var a = Normalized(localPath) + Path.DirectorySeparatorChar;
        var b = Normalized(remote) + Path.DirectorySeparatorChar;
        return a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
