using System.Net;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Runs;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>The servers a credential (null: the default one) may be sent to, or null when it names none (any server).</summary>
/// <param name="credential">The name a job spec gives.</param>
public delegate IReadOnlyList<string>? CredentialHostsLookup(string? credential);

/// <summary>
/// What a node lets a job spec reach, beyond the spec's own rules (<see cref="JobSpecRules"/>): local paths only
/// under its local roots (none: anywhere) and never in its own state (journal, credentials, token, mounted
/// secrets), and a named credential only towards the servers it names. Checked wherever a spec enters (HTTP,
/// remoting, CLI) by the job that stores it, and again by every run before it opens anything, since roots,
/// host lists and the links along a path may have changed since the definition.
/// </summary>
public sealed record NodeLimits
{
    /// <summary>No limit: what the one-shot CLI and tests use.</summary>
    public static NodeLimits None { get; } = new();

    /// <summary>Directories local paths must lie under; empty for anywhere.</summary>
    public IReadOnlyList<string> LocalRoots { get; init; } = [];

    /// <summary>The node's own files and directories: a local path may not be or lie inside one (one inside a local path is left out of its tree).</summary>
    public IReadOnlyList<string> PrivatePaths { get; init; } = [];

    /// <summary>The servers each credential may be sent to.</summary>
    public CredentialHostsLookup CredentialHosts { get; init; } = _ => null;

    /// <summary>Every way <paramref name="spec"/> oversteps the limits (nothing for what <c>Validate</c> already refuses).</summary>
    public IReadOnlyList<JobSpecError> Check(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<JobSpecError>();
        CheckLocal(spec.LocalPath, "localPath", errors);
        if (spec.Remote is { } remote && !SmbUrl.IsSmbUrl(remote))
        {
            CheckLocal(remote, "remote", errors); // a second local directory is read and written like the first
        }
        else
        {
            CheckCredential(spec, errors);
        }
        return errors;
    }

    /// <summary>Throws <see cref="SpecRefusedException"/> when <paramref name="spec"/> oversteps the limits.</summary>
    public void ThrowIfRefused(JobSpec spec)
    {
        if (Check(spec) is [_, ..] problems)
        {
            throw new SpecRefusedException(problems);
        }
    }

    private void CheckLocal(string? path, string field, List<JobSpecError> errors)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            return;
        }
        if (RealPath.HasDotSegments(path))
        {
            // "root/link/.." is not "root" once the link is followed: only plain paths are checked and opened alike.
            errors.Add(new JobSpecError(field, "must not contain '.' or '..' segments"));
            return;
        }
        string real;
        try
        {
            real = RealPath.Of(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new JobSpecError(field, "cannot be resolved: " + e.Message));
            return;
        }
        if (LocalRoots.Count > 0 && !LocalRoots.Any(root => RealPath.IsSameOrUnder(real, RealPath.Of(root))))
        {
            errors.Add(new JobSpecError(field, $"is not under one of this node's local roots ({string.Join(", ", LocalRoots)})"));
        }
        if (PrivatePaths.FirstOrDefault(own => RealPath.IsSameOrUnder(real, RealPath.Of(own))) is { } state)
        {
            errors.Add(new JobSpecError(field, $"is or lies inside this node's own state ({state})"));
        }
    }

    private void CheckCredential(JobSpec spec, List<JobSpecError> errors)
    {
        SmbUrl url;
        try
        {
            url = SmbUrl.Parse(spec.Remote);
        }
        catch (FormatException)
        {
            return;
        }
        // Anonymous sends no secret; a password in the URL (one-shot CLI only) is the caller's own, not the node's.
        if (url.User is null || url.Password is not null || (spec.Credential is not null && !JobSpecRules.IsName(spec.Credential)))
        {
            return;
        }
        if (CredentialHosts(spec.Credential) is { } hosts && !hosts.Any(host => SameHost(host, url.Host)))
        {
            errors.Add(new JobSpecError("credential", $"credential '{spec.Credential ?? "default"}' may not be sent to {url.Host} (not among the servers it names)"));
        }
    }

    /// <summary>Host names compared as DNS does (any case, a trailing dot or not); addresses by value.</summary>
    private static bool SameHost(string allowed, string host)
    {
        var (a, b) = (allowed.Trim('[', ']').TrimEnd('.'), host.Trim('[', ']').TrimEnd('.'));
        return IPAddress.TryParse(a, out var x) && IPAddress.TryParse(b, out var y) ? x.Equals(y) : string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
