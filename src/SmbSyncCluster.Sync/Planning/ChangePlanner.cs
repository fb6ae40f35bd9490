using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// Turns each change into actions for one run, after the moves found among them (which take the changes
/// they explain out of <paramref name="changes"/>). Directory deletions wait until everything else is
/// planned, because whether a directory may go depends on what remains under it.
/// </summary>
internal sealed class ChangePlanner(IReadOnlyList<Change> changes, IReadOnlyList<SyncAction> moves, PlanOptions options)
{
    private readonly ConflictCopyNamer namer = new(changes, options);
    private readonly List<SyncAction> actions = [.. moves];
    private readonly Dictionary<SyncSide, List<Change>> directoryDeletions = new()
    {
        [SyncSide.Local] = [],
        [SyncSide.Remote] = [],
    };

    // Paths left as a file on one side and a directory on the other, keyed by the file's side:
    // nothing can be created under them there.
    private readonly Dictionary<SyncSide, HashSet<string>> fileInTheWay = new()
    {
        [SyncSide.Local] = new(StringComparer.Ordinal),
        [SyncSide.Remote] = new(StringComparer.Ordinal),
    };

    private SyncMode Mode => options.Mode;

    public List<SyncAction> Plan()
    {
        foreach (var change in changes)
        {
            PlanChange(change);
        }
        foreach (var side in new[] { SyncSide.Local, SyncSide.Remote })
        {
            PlanDirectoryDeletions(side);
        }
        ParentDirectories.AddMissing(actions, changes);
        FilesInTheWay.SkipPlacementsUnder(actions, fileInTheWay);
        return actions;
    }

    private void PlanChange(Change change)
    {
        switch (change.Kind)
        {
            case ChangeKind.Converged:
                actions.Add(new SyncAction(SyncActionKind.RecordConverged, change.Path) { Expected = change.Local });
                break;
            case ChangeKind.DeletedOnBoth:
                actions.Add(new SyncAction(SyncActionKind.ForgetBase, change.Path));
                break;
            case ChangeKind.LocalAdded or ChangeKind.LocalModified or ChangeKind.LocalModifiedRemoteDeleted:
                Propagate(change, SyncSide.Local);
                break;
            case ChangeKind.RemoteAdded or ChangeKind.RemoteModified or ChangeKind.RemoteModifiedLocalDeleted:
                Propagate(change, SyncSide.Remote);
                break;
            case ChangeKind.LocalDeleted:
                PropagateDeletion(change, SyncSide.Remote);
                break;
            case ChangeKind.RemoteDeleted:
                PropagateDeletion(change, SyncSide.Local);
                break;
            case ChangeKind.Conflict:
                Resolve(change);
                break;
            case ChangeKind.UnrepresentableOnRemote:
                ReportUnrepresentable(change, SyncSide.Remote);
                break;
            case ChangeKind.UnrepresentableOnLocal:
                ReportUnrepresentable(change, SyncSide.Local);
                break;
        }
    }

    private void Propagate(Change change, SyncSide from)
    {
        var to = from.Other();
        if (Mode.Writes(to))
        {
            actions.Add(SideActions.Place(to, change.Path, change.On(from)!.Value, change.On(to)));
        }
        else if (change.Kind is ChangeKind.LocalModifiedRemoteDeleted or ChangeKind.RemoteModifiedLocalDeleted)
        {
            // The mode would propagate the deletion, but the change made since wins over it.
            actions.Add(SideActions.Skip(change.Path, SkipReason.DeletionBlocked,
                $"deleted on the {to.Describe()} side but changed on the {from.Describe()} side since the last sync; not deleted"));
        }
    }

    private void PropagateDeletion(Change change, SyncSide on)
    {
        if (!Mode.Writes(on))
        {
            return;
        }
        var state = change.On(on)!.Value;
        if (state.IsFile)
        {
            actions.Add(SideActions.Delete(on, change.Path, state));
        }
        else
        {
            directoryDeletions[on].Add(change);
        }
    }

    /// <summary>
    /// A directory deleted on one side goes on the other only if nothing remains under it there;
    /// otherwise it is re-created where it was deleted (when the mode writes that side) so the
    /// content that stays can be propagated into it.
    /// </summary>
    private void PlanDirectoryDeletions(SyncSide on)
    {
        var candidates = directoryDeletions[on];
        var kept = DirectoryRetention.Kept(on, candidates.Select(c => c.Path).ToList(), changes, actions);
        var deletedOn = on.Other();
        foreach (var change in candidates)
        {
            var state = change.On(on)!.Value;
            if (!kept.Contains(change.Path))
            {
                actions.Add(SideActions.Delete(on, change.Path, state));
            }
            else if (Mode.Writes(deletedOn))
            {
                actions.Add(SideActions.Place(deletedOn, change.Path, state, replaces: null));
            }
            else
            {
                actions.Add(SideActions.Skip(change.Path, SkipReason.DeletionBlocked,
                    $"deleted on the {deletedOn.Describe()} side, but the {on.Describe()} directory holds content that is not being deleted; kept"));
            }
        }
    }

    private void Resolve(Change conflict)
    {
        var resolution = ConflictResolution.Decide(conflict, options);
        if (resolution.Winner is not { } winner)
        {
            LeaveConflict(conflict, "changed on both sides; left as is (conflict policy skip)");
            return;
        }
        var loser = winner.Other();
        if (!Mode.Writes(loser))
        {
            LeaveConflict(conflict,
                $"changed on both sides; the {winner.Describe()} version wins but {Mode.WireName} mode does not write the {loser.Describe()} side");
            return;
        }
        var winning = conflict.On(winner)!.Value;
        var losing = conflict.On(loser)!.Value;
        if (!resolution.KeepLoser)
        {
            actions.Add(SideActions.Place(loser, conflict.Path, winning, losing));
            return;
        }
        var copy = namer.Name(conflict.Path, loser);
        actions.Add(SideActions.Rename(loser, conflict.Path, copy, losing));
        if (Mode.Writes(winner))
        {
            actions.Add(SideActions.Place(winner, copy, losing, replaces: null));
        }
        actions.Add(SideActions.Place(loser, conflict.Path, winning, replaces: null));
    }

    private void LeaveConflict(Change conflict, string message)
    {
        actions.Add(SideActions.Skip(conflict.Path, SkipReason.Conflict, message));
        var local = conflict.Local!.Value;
        if (local.Kind != conflict.Remote!.Value.Kind)
        {
            fileInTheWay[local.IsFile ? SyncSide.Local : SyncSide.Remote].Add(conflict.Path);
        }
    }

    private void ReportUnrepresentable(Change change, SyncSide on)
    {
        if (Mode.Writes(on))
        {
            actions.Add(SideActions.Skip(change.Path, SkipReason.Unrepresentable, change.Reason ?? $"the {on.Describe()} side cannot hold this name"));
        }
    }
}
