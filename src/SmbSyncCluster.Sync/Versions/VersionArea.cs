using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Versions;

/// <summary>
/// The versions area of one store (<see cref="VersionNames"/>): a file a run deletes or overwrites is moved
/// there by a rename on the same volume or share (no copy), listed and brought back by a restore, and removed
/// once older than the job keeps versions. Only names that parse as versions are listed, pruned or restored;
/// anything else found in the area (a user's file, a name a server made up) is left alone, and every path is
/// checked by the store, so that nothing outside the root is reached whatever a listing says.
/// </summary>
public static class VersionArea
{
    /// <summary>Moves the file at <paramref name="path"/> into the area as its version kept at <paramref name="keptUtc"/>; returns the version's path.</summary>
    public static async Task<string> KeepAsync(IFileStore store, string path, DateTime keptUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var version = VersionNames.PathOf(path, keptUtc);
        try
        {
            await store.RenameAsync(path, version, ct);
        }
        catch (Exception e) when (IsNotFound(e))
        {
            // The area's directory for this path does not exist yet (or the file went): created only then,
            // which saves a round trip per version on a share.
            await store.CreateDirectoryAsync(RelativePath.Parent(version).ToString(), ct);
            await store.RenameAsync(path, version, ct);
        }
        return version;
    }

    /// <summary>The versions of the file at <paramref name="path"/>, the newest first; none when the area holds none.</summary>
    public static async Task<IReadOnlyList<FileVersion>> ListAsync(IFileStore store, string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        CheckUserPath(path);
        IReadOnlyList<StoreEntry> entries;
        try
        {
            entries = await store.ListAsync(VersionNames.InArea(RelativePath.Parent(path).ToString()), ct);
        }
        catch (Exception e) when (IsNotFound(e))
        {
            return [];
        }
        var name = RelativePath.Name(path).ToString();
        var comparison = store.IsCaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return [.. entries
            .Where(e => e.Kind == StoreEntryKind.File && IsPlainName(e.Name))
            .Select(e => (Entry: e, Parsed: VersionNames.Parse(e.Name)))
            .Where(v => v.Parsed is { } p && string.Equals(p.Name, name, comparison))
            .Select(v => new FileVersion(v.Entry.Name, v.Parsed!.Value.KeptUtc, v.Entry.Size, v.Entry.ModifiedUtc))
            .OrderByDescending(v => v.KeptUtc)
            .ThenByDescending(v => v.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Puts the version <paramref name="versionName"/> of <paramref name="path"/> back in its place. A file at
    /// the path is first kept as a version itself (at <paramref name="nowUtc"/>), so that a restore never loses
    /// the current file; the version is renamed into place without replacing, so a file that appears meanwhile
    /// is not overwritten either. Returns the path the current file was kept as, or null when there was none.
    /// </summary>
    /// <exception cref="ArgumentException">the path is not a file's path outside the area, or the name is not one of its versions.</exception>
    /// <exception cref="FileNotFoundException">the area holds no such version.</exception>
    /// <exception cref="IOException">the path is a directory (or a link, a device).</exception>
    public static async Task<string?> RestoreAsync(IFileStore store, string path, string versionName, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(versionName);
        CheckUserPath(path);
        var name = RelativePath.Name(path).ToString();
        var comparison = store.IsCaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        if (!IsPlainName(versionName) || VersionNames.Parse(versionName) is not { } parsed || !string.Equals(parsed.Name, name, comparison))
        {
            throw new ArgumentException($"'{versionName}' is not a version of '{path}'", nameof(versionName));
        }
        var parent = RelativePath.Parent(path).ToString();
        var version = RelativePath.Combine(VersionNames.InArea(parent), versionName);
        if (await store.StatAsync(version, ct) is not { Kind: StoreEntryKind.File })
        {
            throw new FileNotFoundException($"no version '{versionName}' of '{path}' in {store.Description}", versionName);
        }
        string? keptCurrent = null;
        switch (await store.StatAsync(path, ct))
        {
            case { Kind: StoreEntryKind.File }:
                keptCurrent = await KeepAsync(store, path, nowUtc, ct);
                break;
            case { } other:
                throw new IOException($"'{path}' is {(other.Kind == StoreEntryKind.Directory ? "a directory" : "not a regular file")}; nothing was restored");
            case null when parent.Length > 0:
                await store.CreateDirectoryAsync(parent, ct);
                break;
        }
        try
        {
            await store.RenameAsync(version, path, ct);
        }
        catch when (keptCurrent is not null)
        {
            await PutBackAsync(store, keptCurrent, path);
            throw;
        }
        return keptCurrent;
    }

    /// <summary>
    /// Moves a file kept at <paramref name="version"/> back to <paramref name="path"/> after the change that
    /// displaced it failed. Best effort: if something took the path meanwhile, the version stays in the area,
    /// where nothing is lost.
    /// </summary>
    public static async Task PutBackAsync(IFileStore store, string version, string path)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            await store.RenameAsync(version, path, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SmbException)
        {
            // the path is taken again, or the store is gone: the version stays where a restore finds it
        }
    }

    /// <summary>
    /// Removes the versions kept before <paramref name="cutoffUtc"/>, and the area's directories that this
    /// leaves empty; returns how many versions went. Best effort, item by item: what cannot go now goes on a
    /// later run. Names that are no versions, links and anything else are left alone and never followed.
    /// </summary>
    public static async Task<int> PruneAsync(IFileStore store, DateTime cutoffUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        return (await PruneDirectoryAsync(store, VersionNames.Area, cutoffUtc, ct)).Pruned;
    }

    private static async Task<(int Pruned, bool Empty)> PruneDirectoryAsync(IFileStore store, string directory, DateTime cutoffUtc, CancellationToken ct)
    {
        IReadOnlyList<StoreEntry> entries;
        try
        {
            entries = await store.ListAsync(directory, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (0, false); // no area, or unreadable now
        }
        var (pruned, left) = (0, 0);
        foreach (var entry in entries)
        {
            ct.ThrowIfCancellationRequested();
            if (!IsPlainName(entry.Name))
            {
                left++;
                continue;
            }
            var path = RelativePath.Combine(directory, entry.Name);
            if (entry.Kind == StoreEntryKind.Directory)
            {
                var (inside, empty) = await PruneDirectoryAsync(store, path, cutoffUtc, ct);
                pruned += inside;
                left += empty && await TryAsync(() => store.DeleteDirectoryAsync(path, ct)) ? 0 : 1;
            }
            else if (entry.Kind == StoreEntryKind.File && VersionNames.Parse(entry.Name) is { } version && version.KeptUtc < cutoffUtc
                && await TryAsync(() => store.DeleteFileAsync(path, ct)))
            {
                pruned++;
            }
            else
            {
                left++;
            }
        }
        return (pruned, left == 0);
    }

    private static async Task<bool> TryAsync(Func<Task> change)
    {
        try
        {
            await change();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SmbException)
        {
            return false;
        }
    }

    /// <summary>
    /// Checks what a user asks for before any store is opened: <paramref name="path"/> a file's place in the synced
    /// tree, and <paramref name="versionName"/> (when given) a version's name, one component, of that file's name.
    /// </summary>
    /// <exception cref="ArgumentException">either is not.</exception>
    public static void CheckRequest(string path, string? versionName)
    {
        CheckUserPath(path);
        if (versionName is not null && (!IsPlainName(versionName)
            || VersionNames.Parse(versionName) is not { } parsed || !parsed.Name.Equals(RelativePath.Name(path).ToString(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"'{versionName}' is not a version of '{path}'", nameof(versionName));
        }
    }

    /// <summary>A path a user names (to list or restore): a file's place in the synced tree, never in the area itself.</summary>
    private static void CheckUserPath(string path)
    {
        RelativePath.Check(path);
        if (path.Length == 0 || VersionNames.IsInArea(path) || TempNames.IsTemp(RelativePath.Name(path).ToString()))
        {
            throw new ArgumentException($"'{path}' is not the path of a synced file", nameof(path));
        }
    }

    /// <summary>One component, as a listing should give: a server that lists '..' or a name with a separator is not followed there.</summary>
    private static bool IsPlainName(string name) =>
        name.Length > 0 && name is not ("." or "..") && name.IndexOfAny(['/', '\\', '\0']) < 0;

    private static bool IsNotFound(Exception e) => e is DirectoryNotFoundException or FileNotFoundException or SmbNotFoundException;
}
