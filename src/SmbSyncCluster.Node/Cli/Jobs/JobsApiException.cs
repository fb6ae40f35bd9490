namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>
/// A call to the HTTP front that did not succeed: the lines to print on stderr (one per problem, e.g. one
/// per invalid spec field) and the exit code of the CLI contract.
/// </summary>
internal sealed class JobsApiException(int exitCode, IReadOnlyList<string> lines) : Exception(string.Join("; ", lines))
{
    public JobsApiException(int exitCode, string line)
        : this(exitCode, [line])
    {
    }

    /// <summary>2 for a request the server found invalid, 3 for everything else (refused, unknown job, busy, down).</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>What to tell the user, without the "smbsync: " prefix.</summary>
    public IReadOnlyList<string> Lines { get; } = lines;
}

/// <summary>An <c>application/problem+json</c> body (RFC 9457) as the front writes it.</summary>
/// <param name="Title">A short summary of the kind of problem.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Detail">This occurrence, for the user.</param>
/// <param name="Errors">Per spec field, what is wrong with it (400 only).</param>
internal sealed record ApiProblem(string? Title, int? Status, string? Detail, IReadOnlyDictionary<string, string[]>? Errors);
