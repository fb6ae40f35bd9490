using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Tests.Support;
using Xunit.Sdk;

namespace SmbSyncCluster.Sync.Tests.Simulation;

/// <summary>
/// Executes a plan on simulated trees in plan order, as a careful executor would: every action
/// first checks that what it reads, replaces or deletes is in the state the plan expects and that
/// the order made its parent directory exist, so a wrong order or a stale state fails the test.
/// </summary>
internal static class PlanApplier
{
    public static void Apply(SyncPlan plan, SimTree local, SimTree remote, TreeSnapshot baseState)
    {
        foreach (var action in plan.Actions)
        {
            try
            {
                Apply(action, local, remote);
            }
            catch (XunitException e)
            {
                throw new XunitException($"{e.Message}\nin the plan:\n{string.Join('\n', plan.Steps())}");
            }
            action.RecordIn(baseState);
        }
    }

    private static void Apply(SyncAction action, SimTree local, SimTree remote)
    {
        switch (action.Kind)
        {
            case SyncActionKind.Upload:
                Transfer(action, local, remote);
                break;
            case SyncActionKind.Download:
                Transfer(action, remote, local);
                break;
            case SyncActionKind.DeleteLocal:
                Delete(action, local);
                break;
            case SyncActionKind.DeleteRemote:
                Delete(action, remote);
                break;
            case SyncActionKind.CreateLocalDirectory:
                CreateDirectory(action, local);
                break;
            case SyncActionKind.CreateRemoteDirectory:
                CreateDirectory(action, remote);
                break;
            case SyncActionKind.MoveLocal:
                Move(action, local);
                break;
            case SyncActionKind.MoveRemote:
                Move(action, remote);
                break;
            case SyncActionKind.RenameLocal:
                Rename(action, local);
                break;
            case SyncActionKind.RenameRemote:
                Rename(action, remote);
                break;
        }
    }

    private static void Transfer(SyncAction action, SimTree from, SimTree to)
    {
        var source = Expect(action, from);
        if (action.Replaces is { } replaced)
        {
            Require(to.Exact(action.Path)?.State == replaced, action, "the destination is not the version it replaces");
        }
        else
        {
            Require(!to.Exists(action.Path), action, "the destination exists");
        }
        Require(to.ParentIsDirectory(action.Path), action, "the destination directory does not exist");
        to.Put(source);
    }

    private static void Delete(SyncAction action, SimTree tree)
    {
        var entry = Expect(action, tree);
        Require(entry.State.IsFile || !tree.HasChildren(action.Path), action, "the directory is not empty");
        tree.Remove(action.Path);
    }

    private static void CreateDirectory(SyncAction action, SimTree tree)
    {
        Require(tree.CanCreate(action.Path), action, "the directory cannot be created there");
        tree.Put(new SimEntry(action.Path, action.Expected!.Value, 0));
    }

    private static void Rename(SyncAction action, SimTree tree)
    {
        var entry = Expect(action, tree);
        var target = action.TargetPath!;
        Require(tree.CanCreate(target), action, "the rename target cannot be created");
        tree.Remove(action.Path);
        tree.Put(entry with { Path = target });
    }

    /// <summary>
    /// Renames the entry and everything under it, as a store does, after checking each entry the move
    /// records is there as the plan expects; the target may exist only as the entry itself in another case.
    /// </summary>
    private static void Move(SyncAction action, SimTree tree)
    {
        var entry = Expect(action, tree);
        foreach (var moved in action.Moved!)
        {
            Require(tree.Exact(moved.From)?.State == moved.There, action, $"'{moved.From}' is not {moved.There}");
        }
        var target = action.TargetPath!;
        var caseOnly = string.Equals(action.Path, target, StringComparison.OrdinalIgnoreCase);
        Require((caseOnly || !tree.Exists(target)) && tree.ParentIsDirectory(target) && tree.Rules.Check(RelativePath.Name(target)) is null,
            action, "the move target cannot be created");
        var under = tree.Entries.Where(e => e.Path.StartsWith(action.Path + "/", StringComparison.Ordinal)).ToList();
        tree.RemoveTree(action.Path);
        tree.Put(entry with { Path = target });
        foreach (var child in under)
        {
            tree.Put(child with { Path = target + child.Path[action.Path.Length..] });
        }
    }

    private static SimEntry Expect(SyncAction action, SimTree tree)
    {
        var entry = tree.Exact(action.Path);
        Require(entry is { } e && e.State == action.Expected, action, $"expected {action.Expected}, found {entry?.State}");
        return entry!.Value;
    }

    private static void Require(bool condition, SyncAction action, string problem)
    {
        if (!condition)
        {
            throw new XunitException($"{action.Kind} {action.Path}: {problem}");
        }
    }
}
