using System.CommandLine;

namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary><c>smbsync jobs VERB [ID] [options]</c>: a client of a node's HTTP front; <see cref="JobsArguments"/> reads what is given.</summary>
internal sealed class JobsVerb : VerbCommand
{
    public JobsVerb()
        : base("jobs", "Define, run and watch the jobs of a running node, through its HTTP front")
    {
        Server.Recursive = true;
        TokenFile.Recursive = true;
        Options.Add(Server);
        Options.Add(TokenFile);
        JobVerb[] verbs =
        [
            new("list", "List the jobs", null, Json),
            new("show", "Show a job: its spec, state and last run", Id, Json),
            Create = new("create", "Define a job from the options, or from a spec file whose fields the options override", OptionalId, [.. NewSpec.All, File, Json])
            {
                Prose = string.Join(Environment.NewLine, HelpNotes.Remote, HelpNotes.Glob),
            },
            Update = new("update", "Change the given fields of a job's spec; the others stay", Id, [.. Changes.All, Json])
            {
                Prose = string.Join(Environment.NewLine, "--interval 0 removes the schedule; --exclude or --include, given, replaces the whole list.", HelpNotes.Glob),
            },
            new("sync", "Start a run of a job now", Id, DryRun, Force, Follow, Json),
            new("pause", "Pause a job's run: no new actions start, what is done stays", Id, Json),
            new("resume", "Go on with a paused run", Id, Json),
            new("stop", "End a job's run; what is done stays recorded", Id, Json),
            new("delete", "Delete a job", Id),
            new("history", "List a job's past runs", Id, Json),
            new("stats", "Show a job's runs of the last 30 days added up, or without ID every job's, per node and in all", OptionalId, Json),
            Versions = new("versions", "List the versions of a file the job's runs deleted or overwrote, on both sides", Id, Json)
            {
                Prose = HelpNotes.Versions,
            },
            Restore = new("restore", "Put a version of a file back in its place; the current file is kept as a version first", Id, Side, Json)
            {
                Prose = HelpNotes.Versions,
            },
            new("servers", "List the SMB servers with a transfer limit set or transfers running or waiting, cluster-wide", null, Json),
            ServerLimit = new("server-limit", "Set how many transfers may run against an SMB server at once, across all jobs and nodes", null, Json),
        ];
        ServerLimit.Arguments.Add(ServerHost);
        ServerLimit.Arguments.Add(MaxTransfers);
        Versions.Arguments.Add(VersionsPath);
        Restore.Arguments.Add(RestorePath);
        Restore.Arguments.Add(VersionName);
        foreach (var verb in verbs)
        {
            Subcommands.Add(verb);
        }
    }

    public CliOption<string?> Server { get; } = CliOptions.Text("--server", "URL", "The node's HTTP front", "SMBSYNC_SERVER", JobsArguments.DefaultServer.OriginalString);

    public CliOption<string?> TokenFile { get; } = CliOptions.Text("--token-file", "FILE", "A file holding the API token (else SMBSYNC_API_TOKEN)");

    public JobIdArgument Id { get; } = new(optional: false);

    public JobIdArgument OptionalId { get; } = new(optional: true);

    public CliOption<bool> Json { get; } = CliOptions.Flag("--json", "Print the server's JSON as it came");

    public JobVerb Create { get; }

    public JobVerb Update { get; }

    public JobSpecOptionSet NewSpec { get; } = new(forNewJob: true);

    public CliOption<string?> File { get; } = CliOptions.Text("--file", "SPEC.json", "A job spec in JSON, as the API takes it; the options given override its fields, ID its id");

    public JobSpecOptionSet Changes { get; } = new(forNewJob: false);

    public JobVerb Versions { get; }

    public JobVerb ServerLimit { get; }

    public Argument<string> ServerHost { get; } = new("HOST") { Description = "The SMB server, as job remotes name it (smb://USER@HOST/...)" };

    public Argument<string> MaxTransfers { get; } = new("N") { Description = "Transfers at once against the server, 1 to 1000" };

    public JobVerb Restore { get; }

    public Argument<string> VersionsPath { get; } = new("PATH") { Description = "The file's path in the job, e.g. docs/report.txt" };

    public Argument<string> RestorePath { get; } = new("PATH") { Description = "The file's path in the job, e.g. docs/report.txt" };

    public Argument<string> VersionName { get; } = new("VERSION") { Description = "The version's name, as jobs versions lists it" };

    public CliOption<string?> Side { get; } = CliOptions.Text("--side", "local|remote", "The side whose version it is (needed only when both hold that name)");

    public CliOption<bool> DryRun { get; } = CliOptions.Flag("--dry-run", "Plan only: list what would be done, change nothing");

    public CliOption<bool> Force { get; } = CliOptions.Flag("--force", "Run even when the job's max-delete guard would stop it");

    public CliOption<bool> Follow { get; } = CliOptions.Flag("--follow", "Show the run's progress until it ends, then its summary, and exit as smbsync sync does");

    public override string Notes => HelpNotes.Jobs;

    public override string PositionalError(IReadOnlyList<string> positionals) => positionals.Count == 0
        ? $"jobs needs a verb: {string.Join(", ", Subcommands.Select(c => c.Name))}; see 'smbsync --help'"
        : $"unknown jobs verb '{positionals[0]}'; see 'smbsync --help'";
}
