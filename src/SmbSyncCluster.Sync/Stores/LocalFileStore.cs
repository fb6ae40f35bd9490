using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// A directory on the local file system. Symbolic links are listed as <see cref="StoreEntryKind.Other"/>
/// and never followed: every operation reaches its path from the root one component at a time and acts
/// relative to the directory it reached (<see cref="BeneathRoot"/>), so a directory swapped for a link
/// after the scan fails the item instead of leading outside the root. Linux only (the *at calls).
/// </summary>
public sealed class LocalFileStore : IFileStore
{
    // Copies move 1 MiB at a time through a pooled buffer; the file streams themselves do not buffer,
    // or every small file would allocate (and the GC reclaim) a fresh 1 MiB array.
    private const int CopyBufferSize = 1024 * 1024;
    private const int Unbuffered = 1;
    private readonly string _root;
    private readonly BeneathRoot _tree;

    /// <summary>Opens the store; the root must exist. Temporary files are named by <paramref name="temps"/> (by default, as no job's).</summary>
    /// <exception cref="DirectoryNotFoundException">the root does not exist.</exception>
    /// <exception cref="PlatformNotSupportedException">not on Linux (x86 or arm), where paths cannot be resolved safely.</exception>
    public LocalFileStore(string root, TempNames? temps = null)
    {
        if (!LinuxCalls.IsSupported)
        {
            throw new PlatformNotSupportedException("local directories are synced on Linux only (x86 or arm)");
        }
        Temps = temps ?? TempNames.Unowned();
        _root = Path.GetFullPath(root);
        if (!Directory.Exists(_root))
        {
            throw new DirectoryNotFoundException($"local directory '{root}' does not exist");
        }
        _tree = new BeneathRoot(_root);
    }

    /// <inheritdoc />
    public string Description => _root;

    /// <summary>How this store names its temporary files.</summary>
    public TempNames Temps { get; }

    /// <inheritdoc />
    public TimeSpan TimestampPrecision { get; private set; } = TimeSpan.FromTicks(1);

    /// <inheritdoc />
    public async Task MeasureTimestampPrecisionAsync(CancellationToken ct) => TimestampPrecision = await TimestampProbe.MeasureAsync(this, Temps, ct);

    /// <inheritdoc />
    public bool IsCaseSensitive => !OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS();

    /// <inheritdoc />
    public Task<IReadOnlyList<StoreEntry>> ListAsync(string directory, CancellationToken ct)
    {
        var entries = new List<StoreEntry>();
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
        // Listed through the descriptor the walk reached (/proc/self/fd/N is that very directory), so a
        // directory swapped for a link meanwhile is refused rather than listed from outside the root.
        using var opened = _tree.OpenDirectory(RelativePath.Check(directory), create: false);
        foreach (var info in new DirectoryInfo($"/proc/self/fd/{opened.DangerousGetHandle()}").EnumerateFileSystemInfos("*", options))
        {
            ct.ThrowIfCancellationRequested();
            entries.Add(ToEntry(info));
        }
        return Task.FromResult<IReadOnlyList<StoreEntry>>(entries);
    }

    private static StoreEntry ToEntry(FileSystemInfo info) => info switch
    {
        // A name that is not valid UTF-8 comes back with U+FFFD in it, under which nothing exists.
        { Exists: false, LinkTarget: null } => Other(info, "cannot be read under its name (not valid UTF-8, or gone during the scan)"),
        _ when info.LinkTarget is not null || (info.Attributes & FileAttributes.ReparsePoint) != 0 => Other(info, "symbolic link: not followed"),
        FileInfo { Length: 0 } f when SpecialFiles.IsSpecial(f.FullName) => Other(info, "FIFO, socket or device: not read"),
        FileInfo f => new StoreEntry(f.Name, StoreEntryKind.File, f.Length, f.LastWriteTimeUtc),
        DirectoryInfo d => new StoreEntry(d.Name, StoreEntryKind.Directory, 0, d.LastWriteTimeUtc),
        _ => Other(info, null),
    };

    private static StoreEntry Other(FileSystemInfo info, string? note) =>
        new(info.Name, StoreEntryKind.Other, 0, info.Exists ? info.LastWriteTimeUtc : default) { Note = note };

    /// <inheritdoc />
    public Task<StoreEntry?> StatAsync(string path, CancellationToken ct)
    {
        var name = BeneathRoot.NameOf(RelativePath.Check(path));
        return Task.FromResult(_tree.Stat(path) is { } status ? ToEntry(name, status) : null);
    }

    private static StoreEntry ToEntry(string name, BeneathRoot.Status status) => status.Type switch
    {
        LinuxCalls.TypeFile => new StoreEntry(name, StoreEntryKind.File, status.Size, status.ModifiedUtc),
        LinuxCalls.TypeDirectory => new StoreEntry(name, StoreEntryKind.Directory, 0, status.ModifiedUtc),
        LinuxCalls.TypeLink => new StoreEntry(name, StoreEntryKind.Other, 0, status.ModifiedUtc) { Note = "symbolic link: not followed" },
        _ => new StoreEntry(name, StoreEntryKind.Other, 0, status.ModifiedUtc) { Note = "FIFO, socket or device: not read" },
    };

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string path, CancellationToken ct)
    {
        var file = _tree.OpenFileForReading(RelativePath.Check(path));
        return Task.FromResult<Stream>(new FileStream(file, FileAccess.Read, Unbuffered));
    }

    /// <inheritdoc />
    public async Task WriteFileAsync(string path, Stream content, long length, DateTime modifiedUtc, ReplaceCheck? replace, CancellationToken ct)
    {
        using var parent = _tree.OpenParent(RelativePath.Check(path));
        var name = BeneathRoot.NameOf(path);
        var temp = BeneathRoot.NameOf(Temps.For(path));
        var output = new FileStream(BeneathRoot.CreateFile(parent, temp, path), FileAccess.Write, Unbuffered);
        try
        {
            await using (output)
            {
                await content.CopyToAsync(output, CopyBufferSize, ct);
                if (output.Length != length)
                {
                    throw new SourceChangedException(path, $"expected {length} bytes but the source gave {output.Length}");
                }
                BeneathRoot.SetModified(output.SafeFileHandle, modifiedUtc, path);
            }
            if (replace is not null)
            {
                await replace(ct);
            }
            BeneathRoot.Rename(parent, temp, parent, name, noReplace: replace is null, path);
        }
        catch
        {
            try
            {
                BeneathRoot.Remove(parent, temp, directory: false, path);
            }
            catch (IOException)
            {
                // already gone (renamed away by someone else); a later scan ignores temporary names anyway
            }
            throw;
        }
    }

    /// <inheritdoc />
    public Task CreateDirectoryAsync(string path, CancellationToken ct)
    {
        _tree.OpenDirectory(RelativePath.Check(path), create: true).Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteFileAsync(string path, CancellationToken ct) => Remove(path, directory: false);

    /// <inheritdoc />
    public Task DeleteDirectoryAsync(string path, CancellationToken ct) => Remove(path, directory: true);

    private Task Remove(string path, bool directory)
    {
        using var parent = _tree.OpenParent(RelativePath.Check(path));
        BeneathRoot.Remove(parent, BeneathRoot.NameOf(path), directory, path);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RenameAsync(string from, string to, CancellationToken ct)
    {
        using var source = _tree.OpenParent(RelativePath.Check(from));
        using var target = _tree.OpenParent(RelativePath.Check(to));
        BeneathRoot.Rename(source, BeneathRoot.NameOf(from), target, BeneathRoot.NameOf(to), noReplace: true, to);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SetModifiedAsync(string path, DateTime modifiedUtc, CancellationToken ct)
    {
        using var parent = _tree.OpenParent(RelativePath.Check(path));
        BeneathRoot.SetModified(parent, BeneathRoot.NameOf(path), modifiedUtc, path);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
