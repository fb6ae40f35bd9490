using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SmbSyncCluster.Contracts;
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

    private static readonly string[] Global = ["--server", "--token-file"];
    private static readonly string[] SpecFlags = ["--local", "--remote", "--mode", "--conflict", "--workers", "--exclude", "--include", "--interval", "--credential", "--checksum", "--no-checksum"];

    /// <summary>Each verb, whether it takes a job id, and the options it accepts besides <see cref="Global"/>.</summary>
    private static readonly Dictionary<string, (bool TakesId, string[] Options)> Verbs = new()
    {
        ["list"] = (false, ["--json"]),
        ["show"] = (true, ["--json"]),
        ["create"] = (true, [.. SpecFlags, "--file", "--json"]),
        ["update"] = (true, [.. SpecFlags, "--json"]),
        ["sync"] = (true, ["--dry-run", "--force", "--follow", "--json"]),
        ["pause"] = (true, ["--json"]),
        ["resume"] = (true, ["--json"]),
        ["stop"] = (true, ["--json"]),
        ["delete"] = (true, []),
        ["history"] = (true, ["--json"]),
    };

    /// <summary>A spec file names only spec fields: a misspelt one is an error, not silently dropped.</summary>
    private static readonly JsonSerializerOptions SpecFileJson = new(NodeJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>list, show, create, update, sync, pause, resume, stop, delete or history.</summary>
    public required string Verb { get; init; }

    /// <summary>The job; null only for list.</summary>
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

    /// <summary>create: the whole spec (from --file and/or the options).</summary>
    public JobSpec? NewSpec { get; init; }

    /// <summary>update: the fields to change.</summary>
    public JobSpecOptions Changes { get; init; } = new();

    /// <inheritdoc />
    public override string ToString() => $"jobs {Verb} {JobId} --server {Server} json={Json}"; // no token

    /// <summary>Parses <paramref name="args"/> (after "jobs"); throws <see cref="UsageException"/> with one clear line.</summary>
    public static JobsArguments Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var positional = new List<string>();
        var given = new List<string>();
        var excludes = new List<string>();
        var includes = new List<string>();
        var changes = new JobSpecOptions();
        string? server = null, tokenFile = null, specFile = null;
        bool json = false, dryRun = false, force = false, follow = false;
        var reader = new ArgumentReader(args);
        while (reader.MoveNext())
        {
            if (reader.IsOption)
            {
                given.Add(reader.Current);
            }
            switch (reader.Current)
            {
                case "--server": server = reader.Value(); break;
                case "--token-file": tokenFile = reader.Value(); break;
                case "--json": json = true; break;
                case "--dry-run": dryRun = true; break;
                case "--force": force = true; break;
                case "--follow": follow = true; break;
                case "--file": specFile = reader.Value(); break;
                case "--local": changes = changes with { LocalPath = Path.GetFullPath(reader.Value()) }; break;
                case "--remote": changes = changes with { Remote = RemoteValue(reader.Value()) }; break;
                case "--mode": changes = changes with { Mode = reader.Value() }; break;
                case "--conflict": changes = changes with { Conflict = reader.Value() }; break;
                case "--workers": changes = changes with { Workers = reader.Number(1, JobSpec.MaxWorkers) }; break;
                case "--exclude": excludes.Add(reader.Value()); break;
                case "--include": includes.Add(reader.Value()); break;
                case "--interval": changes = changes with { IntervalSeconds = reader.Number(0, int.MaxValue) }; break;
                case "--credential": changes = changes with { Credential = reader.Value() }; break;
                case "--checksum": changes = changes with { Checksum = true }; break;
                case "--no-checksum": changes = changes with { Checksum = false }; break;
                case var _ when reader.IsOption: throw reader.Unknown();
                default: positional.Add(reader.Current); break;
            }
        }
        changes = changes with
        {
            Exclude = excludes.Count > 0 ? excludes : null,
            Include = includes.Count > 0 ? includes : null,
        };

        if (positional.Count == 0)
        {
            throw new UsageException($"jobs needs a verb: {string.Join(", ", Verbs.Keys)}; see 'smbsync --help'");
        }
        var verb = positional[0];
        if (!Verbs.TryGetValue(verb, out var shape))
        {
            throw new UsageException($"unknown jobs verb '{verb}'; see 'smbsync --help'");
        }
        if (given.FirstOrDefault(o => !Global.Contains(o) && !shape.Options.Contains(o)) is { } stray)
        {
            throw new UsageException($"{stray} does not apply to 'jobs {verb}'; see 'smbsync --help'");
        }
        var ids = positional.Count - 1;
        if (ids > (shape.TakesId ? 1 : 0))
        {
            throw new UsageException($"jobs {verb} takes {(shape.TakesId ? "one job id" : "no job id")}, got '{string.Join(' ', positional.Skip(1))}'");
        }
        var jobId = ids == 1 ? positional[1] : null;
        if (shape.TakesId && jobId is null && !(verb == "create" && specFile is not null))
        {
            throw new UsageException($"jobs {verb} needs a job id");
        }
        if (verb == "update" && changes.IsEmpty)
        {
            throw new UsageException("jobs update needs at least one option to change, e.g. --workers 16");
        }

        return new JobsArguments
        {
            Verb = verb,
            JobId = jobId,
            Server = ResolveServer(server ?? NonEmpty(environment("SMBSYNC_SERVER"))),
            Token = tokenFile is not null ? ReadToken(tokenFile) : NonEmpty(environment("SMBSYNC_API_TOKEN")),
            Json = json,
            DryRun = dryRun,
            Force = force,
            Follow = follow,
            NewSpec = verb == "create" ? NewJobSpec(jobId, specFile, changes) : null,
            Changes = changes,
        };
    }

    /// <summary>A local path is made absolute here, where the user's working directory is known.</summary>
    private static string RemoteValue(string remote) => SmbUrl.IsSmbUrl(remote) ? remote : Path.GetFullPath(remote);

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
