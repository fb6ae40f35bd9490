using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Http;
using SmbSyncCluster.Node.Reports;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>
/// The arguments of <c>smbsync jobs VERB [ID] [options]</c>: which verb, which job, which server and
/// token, and the verb's own options. Only the shape (and numbers) is checked here; the server judges the values.
/// </summary>
internal sealed record JobsArguments
{
    /// <summary>Where the front listens when neither --server nor SMBSYNC_SERVER says otherwise.</summary>
    public static readonly Uri DefaultServer = new("http://127.0.0.1:8080");

    /// <summary>A spec file names only spec fields: a misspelt one is an error, not silently dropped.</summary>
    private static readonly JsonSerializerOptions SpecFileJson = new(NodeJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>list, show, create, update, sync, pause, resume, stop, delete, history or stats.</summary>
    public required string Verb { get; init; }

    /// <summary>The job; null only for list, and for stats of every job.</summary>
    public string? JobId { get; init; }

    /// <summary>The front's base URL.</summary>
    public required Uri Server { get; init; }

    /// <summary>The API token, when one was given; never printed.</summary>
    public string? Token { get; init; }

    /// <summary>Print the server's JSON as it came.</summary>
    public bool Json { get; init; }

    /// <summary>sync: plan only.</summary>
    public bool DryRun { get; init; }

    /// <summary>sync: run even when the max-delete guard trips.</summary>
    public bool Force { get; init; }

    /// <summary>sync: show the run's progress until it ends, then its summary.</summary>
    public bool Follow { get; init; }

    /// <summary>versions and restore: the file's path in the job.</summary>
    public string? FilePath { get; init; }

    /// <summary>restore: the version's name.</summary>
    public string? VersionName { get; init; }

    /// <summary>restore: local or remote, when given.</summary>
    public string? Side { get; init; }

    /// <summary>server-limit: the server and its new limit.</summary>
    public (string Host, int MaxTransfers)? ServerLimit { get; init; }

    /// <summary>create: the whole spec (from --file and/or the options).</summary>
    public JobSpec? NewSpec { get; init; }

    /// <summary>update: the fields to change.</summary>
    public JobSpecOptions Changes { get; init; } = new();

    /// <inheritdoc />
    public override string ToString() => $"jobs {Verb} {JobId} --server {Server} json={Json}"; // no token

    /// <summary>Parses <paramref name="args"/> (after "jobs"); throws <see cref="UsageException"/> with one clear line.</summary>
    public static JobsArguments Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var cli = new SmbsyncCommand();
        return From(cli.Jobs, UsageErrors.ThrowIfAny(cli.Parse(["jobs", .. args])), environment);
    }

    /// <summary>The arguments <paramref name="result"/> gives a verb of <paramref name="jobs"/>, checked; throws <see cref="UsageException"/> with one clear line.</summary>
    public static JobsArguments From(JobsVerb jobs, ParseResult result, Func<string, string?> environment)
    {
        var verb = (JobVerb)result.CommandResult.Command;
        var values = new OptionValues(result, environment);
        var jobId = verb.Arguments.OfType<JobIdArgument>().SingleOrDefault() is { } id ? values.Get(id) : null;
        var specFile = verb == jobs.Create ? values.Get(jobs.File) : null;
        if (verb == jobs.Create && jobId is null && specFile is null)
        {
            throw new UsageException(verb.PositionalError([]));
        }
        var changes = verb == jobs.Create ? jobs.NewSpec.Read(values, result)
            : verb == jobs.Update ? jobs.Changes.Read(values, result)
            : new JobSpecOptions();
        if (verb == jobs.Update && changes.IsEmpty)
        {
            throw new UsageException("jobs update needs at least one option to change, e.g. --workers 16");
        }
        var tokenFile = values.Get(jobs.TokenFile);
        return new JobsArguments
        {
            Verb = verb.Name,
            JobId = jobId,
            Server = ResolveServer(values.Given(jobs.Server) ? values.Get(jobs.Server) : NonEmpty(values.Variable(jobs.Server.Variable!))),
            Token = tokenFile is not null ? ReadToken(tokenFile) : NonEmpty(environment("SMBSYNC_API_TOKEN")),
            Json = values.Get(jobs.Json),
            DryRun = values.Get(jobs.DryRun),
            Force = values.Get(jobs.Force),
            Follow = values.Get(jobs.Follow),
            NewSpec = verb == jobs.Create ? NewJobSpec(jobId, specFile, changes) : null,
            Changes = changes,
            FilePath = verb == jobs.Versions ? values.Get(jobs.VersionsPath) : verb == jobs.Restore ? values.Get(jobs.RestorePath) : null,
            VersionName = verb == jobs.Restore ? values.Get(jobs.VersionName) : null,
            Side = verb == jobs.Restore ? CheckSide(values.Get(jobs.Side)) : null,
            ServerLimit = verb == jobs.ServerLimit ? (values.Get(jobs.ServerHost)!, ParseLimit(values.Get(jobs.MaxTransfers))) : null,
        };
    }

    private static int ParseLimit(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= ServerRoutes.MaxTransfers
            ? n
            : throw new UsageException($"jobs server-limit takes N, transfers at once, from 1 to {ServerRoutes.MaxTransfers}, not '{text}'");

    private static string? CheckSide(string? side) => side is null or "local" or "remote" ? side : throw new UsageException($"--side '{side}' is not one of local, remote");

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static Uri ResolveServer(string? text)
    {
        if (text is null)
        {
            return DefaultServer;
        }
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new UsageException($"server '{text}' is not an http:// or https:// URL");
    }

    private static string ReadToken(string path)
    {
        string token;
        try
        {
            token = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--token-file '{path}' cannot be read: {e.Message}");
        }
        return token.Length > 0 ? token : throw new UsageException($"--token-file '{path}' is empty");
    }

    /// <summary>The spec of <c>jobs create</c>: the file's, or one from the options alone; options override the file, the id argument its id.</summary>
    private static JobSpec NewJobSpec(string? jobId, string? specFile, JobSpecOptions options)
    {
        if (specFile is not null)
        {
            var fromFile = ReadSpecFile(specFile);
            return options.ApplyTo(jobId is null ? fromFile : fromFile with { Id = jobId });
        }
        if (options.LocalPath is null || options.Remote is null)
        {
            throw new UsageException("jobs create needs --local PATH and --remote URL (or --file SPEC.json)");
        }
        return options.ApplyTo(new JobSpec { Id = jobId!, LocalPath = options.LocalPath, Remote = options.Remote });
    }

    private static JobSpec ReadSpecFile(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--file '{path}' cannot be read: {e.Message}");
        }
        var readProblems = new List<JobSpecError>();
        JobSpec spec;
        try
        {
            var node = JsonNode.Parse(json) ?? throw new JsonException("the file holds null, not a job spec");
            spec = JobSpecReader.Read(node as JsonObject ?? throw new JsonException("the file holds no JSON object"), SpecFileJson, readProblems);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new UsageException($"--file '{path}' is not a job spec: {e.Message}");
        }
        return readProblems.Count == 0 ? spec : throw JobSpecOptions.Refusal(spec, readProblems);
    }
}
