using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>
/// Everything a job's journal adds up to: the spec, the base (the state last synced, per path, which the
/// next run's three-way detection compares both sides with), the run in progress and the history of runs. <see cref="Decide"/> turns a command
/// into events or refuses it; <see cref="Apply"/> folds an event in. The base is updated in place:
/// copying a million-path tree per event would cost more than the run.
/// </summary>
public sealed class JobState
{
    /// <summary>How many finished runs are kept.</summary>
    public const int HistoryLength = 50;

    private readonly List<RunSummary> _history = [];

    /// <summary>The spec, or null before the job is defined.</summary>
    public JobSpec? Spec { get; private set; }

    /// <summary>True once deleted.</summary>
    public bool Deleted { get; private set; }

    /// <summary>The last synced state of every tracked path.</summary>
    public TreeSnapshot Base { get; private set; } = new();

    /// <summary>The run in progress, if any.</summary>
    public ActiveRun? Run { get; private set; }

    /// <summary>
    /// When the job got its schedule (the definition that gave it an interval), for <see cref="JobSchedule"/>;
    /// null without a schedule, or when the journal predates definition times.
    /// </summary>
    public DateTimeOffset? ScheduledSince { get; private set; }

    /// <summary>
    /// When the last run that completed (not a dry run) ended, however long ago: the history keeps only the last
    /// <see cref="HistoryLength"/> runs. Null before the first, or when the journal predates it and the history has none.
    /// </summary>
    public DateTimeOffset? LastCompletedAt { get; private set; }

    /// <summary>Finished runs, oldest first, at most <see cref="HistoryLength"/>.</summary>
    public IReadOnlyList<RunSummary> History => _history;

    /// <summary>The runs of the last days, for the job's statistics: unlike the history, not capped by count.</summary>
    public RunDays Days { get; private set; } = new();

    /// <summary>
    /// The status the API shows. A watched job whose last run completed is idle, waiting for the next change:
    /// its runs come and go with what users write, and "completed" would say the job had finished.
    /// </summary>
    public JobStatus Status => Run is { Paused: true } ? JobStatus.Paused
        : Run is not null ? JobStatus.Running
        : _history.Count == 0 ? JobStatus.Idle
        : _history[^1].Outcome != RunOutcome.Completed ? JobStatus.Failed
        : Spec is { Watch: true } ? JobStatus.Idle
        : JobStatus.Completed;

    /// <summary>True when the job is defined and not deleted.</summary>
    public bool Exists => Spec is not null && !Deleted;

    /// <summary>Rebuilds a state from a snapshot's parts (see <see cref="JobSnapshotCodec"/>).</summary>
    internal static JobState Restore(
        JobSpec? spec, bool deleted, TreeSnapshot baseState, ActiveRun? run, IEnumerable<RunSummary> history, DateTimeOffset? scheduledSince, DateTimeOffset? lastCompletedAt,
        IEnumerable<RunDay>? days = null)
    {
        var state = new JobState { Spec = spec, Deleted = deleted, Base = baseState, Run = run, ScheduledSince = scheduledSince };
        state._history.AddRange(history);
        // A snapshot from before the days knows the runs of its history only.
        state.Days = days is null ? RunDays.Of(state._history) : RunDays.From(days);
        state.LastCompletedAt = lastCompletedAt ?? state._history.LastOrDefault(Completes)?.FinishedAt;
        return state;
    }

    /// <summary>Folds one event into the state.</summary>
    public void Apply(IJobEvent e)
    {
        switch (e)
        {
            case JobDefined d:
                // Turning the schedule on (or defining the job anew) starts its clock; a new worker count or interval does not.
                ScheduledSince = d.Spec.IntervalSeconds is null ? null
                    : Exists && Spec!.IntervalSeconds is not null ? ScheduledSince
                    : d.At;
                if (Spec is { } previous && !previous.SyncsSamePlaces(d.Spec))
                {
                    // What was synced between two other directories says nothing about these: applied to
                    // them, it would take their files for unchanged or deleted. The next run is a first one.
                    Base = new TreeSnapshot();
                }
                Spec = d.Spec;
                Deleted = false;
                break;
            case JobDeleted:
                Deleted = true;
                Run = null;
                Base = new TreeSnapshot();
                break;
            case RunStarted s:
                Run = new ActiveRun(s.RunId, s.At, s.DryRun, s.Force, s.MaxDeletePercent, s.FirstSync, s.Watched);
                break;
            case ItemsSynced synced:
                foreach (var change in synced.Changes)
                {
                    Base.Apply(change);
                }
                if (Run is { } active && active.RunId == synced.RunId)
                {
                    active.ItemsSynced += synced.Changes.Count;
                    active.Bytes += synced.Bytes;
                    if (synced.Counts is { } counts)
                    {
                        active.Counts += counts;
                    }
                }
                break;
            case ItemsFailed failed when Run is { } failing && failing.RunId == failed.RunId:
                failing.Record(failed);
                break;
            case RunControlled c when Run is { } controlled && controlled.RunId == c.RunId:
                controlled.Paused = c.Control == RunControl.Pause;
                controlled.Stopping |= c.Control == RunControl.Stop;
                break;
            case RunFinished f:
                var quiet = EndsQuietly(f);
                var watched = Run is { Watched: true } ended && ended.RunId == f.Summary.RunId;
                Run = null;
                if (Completes(f.Summary))
                {
                    LastCompletedAt = f.Summary.FinishedAt;
                }
                if (quiet)
                {
                    break;
                }
                Days.Add(f.Summary);
                if (watched && _history.Count > 0 && WatchedHistory.Merge(_history[^1], f.Summary) is { } merged)
                {
                    _history[^1] = merged;
                    break;
                }
                _history.Add(watched ? f.Summary with { Runs = 1 } : f.Summary);
                if (_history.Count > HistoryLength)
                {
                    _history.RemoveAt(0);
                }
                break;
        }
    }

    /// <summary>
    /// The events a command produces, or the reason it is refused (e.g. a sync while a run is in
    /// progress, which the HTTP front answers with 409). <paramref name="now"/> is the hosting node's
    /// time, for what the command does not date itself (a definition); <paramref name="limitProblems"/> are
    /// the ways a definition's spec oversteps the hosting node's <see cref="NodeLimits"/>, refused with the spec's own.
    /// </summary>
    public JobDecision Decide(JobCommand command, DateTimeOffset now, IReadOnlyList<JobSpecError>? limitProblems = null) => command switch
    {
        DefineJob d when (IReadOnlyList<JobSpecError>)[.. d.Spec.Validate(d.ReadProblems), .. limitProblems ?? []] is [_, ..] problems => JobDecision.Invalid(problems),
        DefineJob { Intent: DefineIntent.Create } d when Exists => JobDecision.Refuse(JobRefusal.Invalid, $"a job with id '{d.Spec.Id}' exists; update it instead", "id"),
        DefineJob { Intent: DefineIntent.Update } d when !Exists => JobDecision.Refuse(JobRefusal.NotFound, $"job {d.Spec.Id} does not exist"),
        // The one-shot CLI defines its job before every run: an unchanged spec is not journaled again.
        DefineJob d when Exists && OnlyTuningDiffers(d.Spec) && Spec!.Workers == d.Spec.Workers && Spec.IntervalSeconds == d.Spec.IntervalSeconds && Spec.Watch == d.Spec.Watch => JobDecision.Accept(),
        DefineJob d when Run is not null && !OnlyTuningDiffers(d.Spec) =>
            JobDecision.Refuse(JobRefusal.Busy, $"job {d.Spec.Id} is running; only workers and intervalSeconds may change until it ends"),
        DefineJob d => JobDecision.Accept(new JobDefined(d.Spec.Id, d.Spec, now)),
        _ when !Exists => JobDecision.Refuse(JobRefusal.NotFound, $"job {command.JobId} does not exist"),
        DeleteJob when Run is not null => JobDecision.Refuse(JobRefusal.Busy, $"job {command.JobId} is running; stop it first"),
        DeleteJob => JobDecision.Accept(new JobDeleted(command.JobId)),
        StartRun when Run is not null => JobDecision.Refuse(JobRefusal.Busy, $"job {command.JobId} is already running (run {Run.RunId})"),
        StartRun s => JobDecision.Accept(new RunStarted(command.JobId, s.RunId, s.At, s.DryRun, s.Force, s.MaxDeletePercent, FirstSync: Base.Count == 0)),
        ControlRun when Run is null => JobDecision.Refuse(JobRefusal.NotRunning, $"job {command.JobId} has no run in progress"),
        ControlRun when Run.Stopping => JobDecision.Refuse(JobRefusal.NotRunning, $"job {command.JobId} is stopping its run"),
        ControlRun { Control: RunControl.Pause } when Run!.Paused => JobDecision.Refuse(JobRefusal.NotRunning, $"job {command.JobId} is already paused"),
        ControlRun { Control: RunControl.Resume } when !Run!.Paused => JobDecision.Refuse(JobRefusal.NotRunning, $"job {command.JobId} is not paused"),
        ControlRun c => JobDecision.Accept(new RunControlled(command.JobId, Run!.RunId, c.Control, c.At)),
        _ => JobDecision.Refuse(JobRefusal.Invalid, $"unknown command {command.GetType().Name}"),
    };

    /// <summary>
    /// True when <paramref name="finished"/> ends a run the watchers started that found nothing to do (they saw
    /// the job's own writes, or a change undone): kept out of the history, which would otherwise fill with them.
    /// </summary>
    public bool EndsQuietly(RunFinished finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var s = finished.Summary;
        return Run is { Watched: true } run && run.RunId == s.RunId && s.Outcome == RunOutcome.Completed
            && s.Uploaded + s.Downloaded + s.DeletedLocal + s.DeletedRemote + s.Conflicts + s.Skipped + s.Failed == 0 && s.Notes is null;
    }

    private static bool Completes(RunSummary run) => run.Outcome == RunOutcome.Completed && !run.DryRun;

    /// <summary>A running job may change how many transfers it runs at once and its schedule, nothing that changes the plan.</summary>
    private bool OnlyTuningDiffers(JobSpec spec) =>
        Spec is { } c && c.LocalPath == spec.LocalPath && c.Remote == spec.Remote && c.Mode == spec.Mode && c.Conflict == spec.Conflict
        && c.Credential == spec.Credential && c.Checksum == spec.Checksum
        && (c.EncodeNames ?? JobDefaults.EncodeNames) == (spec.EncodeNames ?? JobDefaults.EncodeNames) && c.Exclude.SequenceEqual(spec.Exclude) && c.Include.SequenceEqual(spec.Include);
}
