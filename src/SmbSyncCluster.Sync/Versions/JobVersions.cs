using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Versions;

/// <summary>Opens a job's stores with a root policy (<see cref="JobStores.OpenAsync"/> with the node's passwords).</summary>
/// <param name="roots">How the roots are treated: a listing opens them as a dry run does (no lock, no claim, nothing written).</param>
/// <param name="ct">Cancellation.</param>
public delegate Task<JobStores> StoreOpener(RootPolicy roots, CancellationToken ct);

/// <summary>
/// The versions a job kept on both of its sides: listed for a path, and one put back in its place. A listing
/// opens the stores as a dry run would (no lock, no claim on the remote directory, so a run in progress goes
/// on); a restore claims them as a run does, so it never runs alongside one, and is a change the job's next
/// run syncs to the other side like any other.
/// </summary>
public static class JobVersions
{
    /// <summary>
    /// Opens <paramref name="spec"/>'s stores as a run does, for a listing or a restore made outside one: the limits
    /// of whoever asks (a node's, or none for the one-shot CLI) are checked again first, since roots and the links
    /// along a path may have changed since the spec was given, and nothing is opened (no password sent) past them.
    /// </summary>
    /// <param name="spec">The job's spec.</param>
    /// <param name="limits">What the asker lets specs reach.</param>
    /// <param name="passwords">The passwords for <see cref="JobStores.OpenAsync"/>.</param>
    /// <param name="open">Opens the stores in place of <see cref="JobStores.OpenAsync"/> (tests); null for it.</param>
    public static StoreOpener Opener(JobSpec spec, NodeLimits limits, PasswordLookup passwords, Func<JobSpec, RootPolicy, CancellationToken, Task<JobStores>>? open = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(passwords);
        return (roots, ct) =>
        {
            limits.ThrowIfRefused(spec);
            return open is null ? JobStores.OpenAsync(spec, passwords, roots, ct) : open(spec, roots, ct);
        };
    }

    /// <summary>The versions of <paramref name="path"/> on both sides, the newest first.</summary>
    public static async Task<IReadOnlyList<SideVersion>> ListAsync(JobSpec spec, StoreOpener open, string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(open);
        VersionArea.CheckRequest(path, versionName: null);
        await using var stores = await open(new RootPolicy(spec.Mode, SyncedPaths: 1, DryRun: true), ct);
        var local = await VersionArea.ListAsync(stores.Local, path, ct);
        var remote = await VersionArea.ListAsync(stores.Remote, path, ct);
        return [.. local.Select(v => new SideVersion(SyncSide.Local, v)).Concat(remote.Select(v => new SideVersion(SyncSide.Remote, v)))
            .OrderByDescending(v => v.Version.KeptUtc)];
    }

    /// <summary>
    /// Restores the version <paramref name="versionName"/> of <paramref name="path"/> on <paramref name="side"/>
    /// (null: the one side that holds it), keeping the current file as a version first.
    /// </summary>
    /// <exception cref="ArgumentException">the path or the name is not valid, or, without a side, both sides hold the name.</exception>
    /// <exception cref="FileNotFoundException">no side holds that version.</exception>
    public static async Task<RestoredVersion> RestoreAsync(
        JobSpec spec, StoreOpener open, string path, string versionName, SyncSide? side, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(open);
        VersionArea.CheckRequest(path, versionName);
        await using var stores = await open(new RootPolicy(spec.Mode, SyncedPaths: 1, DryRun: false), ct);
        if (side is null)
        {
            var holders = new List<SyncSide>();
            foreach (var (candidate, store) in new[] { (SyncSide.Local, stores.Local), (SyncSide.Remote, stores.Remote) })
            {
                if ((await VersionArea.ListAsync(store, path, ct)).Any(v => v.Name == versionName))
                {
                    holders.Add(candidate);
                }
            }
            side = holders switch
            {
                [var one] => one,
                [] => throw new FileNotFoundException($"neither side holds a version '{versionName}' of '{path}'", versionName),
                _ => throw new ArgumentException($"both sides hold a version '{versionName}' of '{path}': name the side", nameof(side)),
            };
        }
        var target = side == SyncSide.Local ? stores.Local : stores.Remote;
        var kept = await VersionArea.RestoreAsync(target, path, versionName, nowUtc, ct);
        return new RestoredVersion(path, side.Value, versionName, kept is null ? null : RelativePath.Name(kept).ToString());
    }
}

/// <summary>A version and the side whose area holds it.</summary>
/// <param name="Side">Local or remote.</param>
/// <param name="Version">The version.</param>
public sealed record SideVersion(SyncSide Side, FileVersion Version);

/// <summary>What a restore did.</summary>
/// <param name="Path">The file put back.</param>
/// <param name="Side">The side it was put back on.</param>
/// <param name="Version">The version's name, which is no longer in the area.</param>
/// <param name="KeptCurrentAs">The name under which the file that was there is kept in the area, or null when there was none.</param>
public sealed record RestoredVersion(string Path, SyncSide Side, string Version, string? KeptCurrentAs);
