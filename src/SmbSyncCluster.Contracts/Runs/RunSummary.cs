using System.Text.Json.Serialization;

namespace SmbSyncCluster.Contracts;

/// <summary>
/// What a run did: the CLI's JSON summary plus run id, times and outcome. Counts are files; with a dry
/// run they are what would have been done.
/// </summary>
public sealed record RunSummary
{
    /// <summary>The run.</summary>
    public required string RunId { get; init; }
    /// <summary>Which way the run synced.</summary>
    public required SyncMode Mode { get; init; }
    /// <summary>True when only planned.</summary>
    public bool DryRun { get; init; }
    /// <summary>Files copied to the remote.</summary>
    public int Uploaded { get; init; }
    /// <summary>Files copied to the local side.</summary>
    public int Downloaded { get; init; }
    /// <summary>Local files deleted.</summary>
    public int DeletedLocal { get; init; }
    /// <summary>Remote files deleted.</summary>
    public int DeletedRemote { get; init; }
    /// <summary>
    /// Files moved by renaming them where the other side had renamed or moved them, instead of copying them and
    /// deleting the old ones (a moved directory counts its files); omitted when 0, which keeps summaries stored
    /// before it existed byte for byte.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Moved { get; init; }
    /// <summary>Conflicts met.</summary>
    public int Conflicts { get; init; }
    /// <summary>Items skipped (unrepresentable names, conflicts under skip, blocked deletions).</summary>
    public int Skipped { get; init; }
    /// <summary>Items that failed.</summary>
    public int Failed { get; init; }
    /// <summary>Bytes copied.</summary>
    public long BytesTransferred { get; init; }
    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>When it ended.</summary>
    public required DateTimeOffset FinishedAt { get; init; }
    /// <summary>How the run ended.</summary>
    public required RunOutcome Outcome { get; init; }
    /// <summary>Why a run was aborted, when it was.</summary>
    public string? Reason { get; init; }
    /// <summary>The failed items (the first <see cref="MaxListedErrors"/>; <see cref="Failed"/> counts them all).</summary>
    public IReadOnlyList<RunError> Errors { get; init; } = [];
    /// <summary>
    /// The skipped items and why (the first <see cref="MaxListedSkips"/>; <see cref="Skipped"/> counts them
    /// all), action <see cref="RunAction.Skip"/>; null when none, which keeps summaries stored before it existed byte for byte.
    /// </summary>
    public IReadOnlyList<RunError>? Skips { get; init; }

    /// <summary>
    /// What the user should notice beyond the counts, one line each (a root directory the run created, or with a dry
    /// run would create: "created the remote directory share/teem"); null when none, which keeps summaries stored
    /// before it existed byte for byte.
    /// </summary>
    public IReadOnlyList<string>? Notes { get; init; }

    /// <summary>
    /// True for a run of a job that had no base: files missing on one side were copied, not deleted. Left out when
    /// false, which keeps summaries stored before it existed byte for byte.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool FirstSync { get; init; }

    /// <summary>
    /// The plan, for a dry run: each step that would touch a side, in order (the first <see cref="MaxListedPlan"/>;
    /// <see cref="Planned"/> counts them all). For a run the max-delete guard refused, the deletions it held back.
    /// Null otherwise, and always in what the journal keeps: the job adds it to the summary it answers with only.
    /// </summary>
    public IReadOnlyList<PlannedAction>? Plan { get; init; }

    /// <summary>
    /// For a watched job's runs in its history: how many runs the entry stands for. Runs that follow each other
    /// within an hour, each completed without a failure, are one entry (counts summed, from the first one's start
    /// to the last one's end, under the last one's id), so a day of edits does not push every other run out of
    /// the history. Null for other runs, which keeps summaries stored before it existed byte for byte.
    /// </summary>
    public int? Runs { get; init; }

    /// <summary>How many steps <see cref="Plan"/> stands for, those past its limit included; null when it is null.</summary>
    public int? Planned { get; init; }

    /// <summary>Most plan steps a summary lists.</summary>
    public const int MaxListedPlan = 1000;

    /// <summary>Most skipped items a summary lists.</summary>
    public const int MaxListedSkips = 1000;

    /// <summary>
    /// Most failed items a run lists: a share that turned read-only fails every file, and listing them
    /// all would put megabytes into each run's summary, the job's history and its snapshots.
    /// </summary>
    public const int MaxListedErrors = 1000;
}

/// <summary>One failed or skipped item, as the JSON summary reports it.</summary>
/// <param name="Path">The relative path.</param>
/// <param name="Action">What the run was doing to it (<see cref="RunAction.Skip"/> for a skipped item).</param>
/// <param name="Kind">How the failure is classed, or why the item was skipped.</param>
/// <param name="Message">One line for the user.</param>
public sealed record RunError(string Path, RunAction Action, RunErrorKind Kind, string Message);
