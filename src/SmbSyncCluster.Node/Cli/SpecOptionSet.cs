using System.CommandLine;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Cli.Jobs;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// The options of a job's spec that <c>smbsync sync</c>, <c>jobs create</c> and <c>jobs update</c> share,
/// declared once. With <c>defaults</c>, the help shows what a new job gets when an option is left out (the
/// spec's own initializers give it: only the options given are read).
/// </summary>
internal sealed class SpecOptionSet(bool defaults)
{
    public CliOption<string?> Mode { get; } = WithCompletions(
        CliOptions.Text("--mode", "mirror|upload|download", "Which way changes go: both ways, local to remote, or remote to local",
            fallback: defaults ? JobDefaults.Mode.WireName : null),
        WireNames.All<SyncMode>());

    public CliOption<string?> Conflict { get; } = WithCompletions(
        CliOptions.Text("--conflict", "keep-both|newer|local|remote|skip",
            "What a file changed on both sides becomes: both versions (one under a conflict name), the newer, the local or the remote one, or left alone",
            fallback: defaults ? JobDefaults.Conflict.WireName : null),
        WireNames.All<ConflictPolicy>());

    public CliOption<int?> Workers { get; } = CliOptions.OptionalNumber("--workers", "N", 1, JobSpec.MaxWorkers, "Transfers in flight at once",
        shownDefault: defaults ? JobDefaults.Workers : null);

    public CliOption<string[]> Exclude { get; } = CliOptions.List("--exclude", "GLOB", "Leave out what matches (repeatable; see GLOB)");

    public CliOption<string[]> Include { get; } = CliOptions.List("--include", "GLOB", "Sync only what matches (repeatable; see GLOB)");

    public CliOption<bool> Checksum { get; } = CliOptions.Flag("--checksum", "Read same-size files whose times differ: identical content is one version");

    public CliOption<bool> NoEncodeNames { get; } = CliOptions.Flag("--no-encode-names",
        "Skip names an SMB share cannot hold (a:b, why?, a trailing space or period) instead of storing them under look-alikes as rclone does");

    public CliOption<bool> Watch { get; } = CliOptions.Flag("--watch",
        "Follow both sides and sync what changes as it changes (inotify, SMB change notifications), with a full rescan hourly");

    public CliOption<int?> KeepVersions { get; } = CliOptions.OptionalNumber("--keep-versions", "DAYS", 0, JobSpec.MaxKeepVersionsDays,
        "Days a file a run deletes or overwrites is kept in .smbsync-versions on the side that lost it; 0 keeps none",
        shownDefault: defaults ? JobDefaults.KeepVersionsDays : null);

    public CliOption<string?> BandwidthLimit { get; } = CliOptions.Text("--bwlimit", "RATE|TIMETABLE",
        "Limit the job's transfers, both ways together, in bytes per second as rclone does: 4M, 512K, a timetable such as \"08:00,1M 19:00,off\" (node's local time; Mon-08:00,1M for a day), or off");

    /// <summary>The options, in the order the help lists them.</summary>
    public IEnumerable<Option> All => [Mode, Conflict, Workers, Exclude, Include, Checksum, NoEncodeNames, KeepVersions, Watch, BandwidthLimit];

    /// <summary>The fields given on the command line; null (or an empty list: null too) where left out.</summary>
    public JobSpecOptions Read(OptionValues values)
    {
        var excludes = values.Get(Exclude)!;
        var includes = values.Get(Include)!;
        return new JobSpecOptions
        {
            Mode = values.Given(Mode) ? values.Get(Mode) : null,
            Conflict = values.Given(Conflict) ? values.Get(Conflict) : null,
            Workers = values.Given(Workers) ? values.Get(Workers) : null,
            Exclude = excludes.Length > 0 ? excludes : null,
            Include = includes.Length > 0 ? includes : null,
            Checksum = values.Given(Checksum) ? true : null,
            EncodeNames = values.Given(NoEncodeNames) ? false : null,
            Watch = values.Given(Watch) ? true : null,
            KeepVersionsDays = values.Given(KeepVersions) ? values.Get(KeepVersions) : null,
            BandwidthLimit = values.Get(BandwidthLimit),
        };
    }

    private static CliOption<string?> WithCompletions(CliOption<string?> option, IReadOnlyList<string> values)
    {
        option.CompletionSources.Add([.. values]);
        return option;
    }
}
