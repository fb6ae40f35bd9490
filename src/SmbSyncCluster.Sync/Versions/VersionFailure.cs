using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Sync.Runs;

namespace SmbSyncCluster.Sync.Versions;

/// <summary>What kind of failure a versions listing or a restore met, which each front words its own way (an HTTP status, an exit code).</summary>
public enum VersionFailureKind
{
    /// <summary>The request itself is wrong: a path or a version name that cannot be one, a side to name.</summary>
    Invalid,

    /// <summary>The version asked for is not there.</summary>
    NotFound,

    /// <summary>
    /// The job's directories cannot be reached or changed now: another run holds them, a share is down, a password is missing,
    /// the limits refuse the spec, the local root looks replaced by an empty one.
    /// </summary>
    Unavailable,
}

/// <summary>
/// A failure of <see cref="JobVersions"/>'s listing or restore, as a front reports it: every front sorts the same
/// exceptions alike, and anything else stays a crash.
/// </summary>
/// <param name="Kind">What kind of failure.</param>
/// <param name="Field">For <see cref="VersionFailureKind.Invalid"/>, the part of the request at fault: path, version or side.</param>
/// <param name="Message">One line for the user.</param>
public sealed record VersionFailure(VersionFailureKind Kind, string? Field, string Message)
{
    /// <summary>The failure <paramref name="e"/> stands for, or null when it is none a listing or a restore is expected to meet.</summary>
    public static VersionFailure? Of(Exception e) => e switch
    {
        ArgumentException a => new(VersionFailureKind.Invalid, a.ParamName switch
        {
            "versionName" => "version",
            "side" => "side",
            _ => "path",
        }, WithoutParameter(a)),
        FileNotFoundException or SmbNotFoundException => new(VersionFailureKind.NotFound, null, e.Message),
        PlaceBusyException or IOException or UnauthorizedAccessException or SmbException or MissingCredentialException or SpecRefusedException
            or RootReplacedException or TimeoutException =>
            new(VersionFailureKind.Unavailable, null, e.Message),
        _ => null,
    };

    /// <summary>The message without the " (Parameter 'x')" that <see cref="ArgumentException"/> appends: the field already says it.</summary>
    private static string WithoutParameter(ArgumentException e) =>
        e.ParamName is { } name && e.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? e.Message[..^$" (Parameter '{name}')".Length]
            : e.Message;
}
