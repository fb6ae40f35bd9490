using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// A directory on the local file system. Symbolic links are listed as <see cref="StoreEntryKind.Other"/>
/// and never followed; writes refuse to pass through a linked directory, so nothing is ever written
/// outside the root.
/// </summary>
public sealed class LocalFileStore : IFileStore
{
    // Copies move 1 MiB at a time through a pooled buffer; the file streams themselves do not buffer,
    // or every small file would allocate (and the GC reclaim) a fresh 1 MiB array.
    private const int CopyBufferSize = 1024 * 1024;
    private const int Unbuffered = 1;
    private readonly string _root;

    /// <summary>Opens the store; the root must exist. Temporary files are named by <paramref name="temps"/> (by default, as no job's).</summary>
    /// <exception cref="DirectoryNotFoundException">the root does not exist.</exception>
    public LocalFileStore(string root, TempNames? temps = null)
    {
        Temps = temps ?? TempNames.Unowned();
        _root = Path.GetFullPath(root);
        if (!Directory.Exists(_root))
        {
            throw new DirectoryNotFoundException($"local directory '{root}' does not exist");
        }
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

    private string Full(string path)
    {
        RelativePath.Check(path);
        return path.Length == 0 ? _root : Path.Join(_root, path);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoreEntry>> ListAsync(string directory, CancellationToken ct)
    {
        var entries = new List<StoreEntry>();
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
        foreach (var info in new DirectoryInfo(Full(directory)).EnumerateFileSystemInfos("*", options))
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
        var full = Full(path);
        FileSystemInfo info = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full);
        return Task.FromResult(info.Exists || info.LinkTarget is not null ? ToEntry(info) : null);
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string path, CancellationToken ct)
    {
        var full = Full(path);
        if (new FileInfo(full).LinkTarget is not null)
        {
            throw new IOException($"'{path}' is a symbolic link, which is not followed");
        }
        if (SpecialFiles.IsSpecial(full))
        {
            throw new IOException($"'{path}' is a FIFO, socket or device, which is not read"); // a FIFO would block the open
        }
        return Task.FromResult<Stream>(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            Unbuffered, FileOptions.Asynchronous | FileOptions.SequentialScan));
    }

    /// <inheritdoc />
    public async Task WriteFileAsync(string path, Stream content, long length, DateTime modifiedUtc, ReplaceCheck? replace, CancellationToken ct)
    {
        var full = Full(path);
        EnsureNoLinkedAncestor(path);
        var temp = Full(Temps.For(path));
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, Unbuffered, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(output, CopyBufferSize, ct);
                if (output.Length != length)
                {
                    throw new SourceChangedException(path, $"expected {length} bytes but the source gave {output.Length}");
                }
            }
            File.SetLastWriteTimeUtc(temp, modifiedUtc);
            if (replace is not null)
            {
                await replace(ct);
            }
            File.Move(temp, full, overwrite: replace is not null);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Refuses a write whose parent chain holds a symbolic link: it could lead outside the root.</summary>
    private void EnsureNoLinkedAncestor(string path)
    {
        for (var parent = RelativePath.Parent(path).ToString(); parent.Length > 0; parent = RelativePath.Parent(parent).ToString())
        {
            if (new DirectoryInfo(Full(parent)).LinkTarget is not null)
            {
                throw new UnauthorizedAccessException($"'{parent}' is a symbolic link; nothing is written through it");
            }
        }
    }

    /// <inheritdoc />
    public Task CreateDirectoryAsync(string path, CancellationToken ct)
    {
        EnsureNoLinkedAncestor(path + "/x");
        Directory.CreateDirectory(Full(path));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteFileAsync(string path, CancellationToken ct)
    {
        var full = Full(path);
        if (!File.Exists(full) && new FileInfo(full).LinkTarget is null)
        {
            throw new FileNotFoundException($"'{path}' does not exist", path);
        }
        File.Delete(full);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteDirectoryAsync(string path, CancellationToken ct)
    {
        Directory.Delete(Full(path), recursive: false);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RenameAsync(string from, string to, CancellationToken ct)
    {
        EnsureNoLinkedAncestor(to);
        var source = Full(from);
        if (Directory.Exists(source))
        {
            Directory.Move(source, Full(to));
        }
        else
        {
            File.Move(source, Full(to), overwrite: false);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SetModifiedAsync(string path, DateTime modifiedUtc, CancellationToken ct)
    {
        var full = Full(path);
        if (Directory.Exists(full))
        {
            Directory.SetLastWriteTimeUtc(full, modifiedUtc);
        }
        else
        {
            File.SetLastWriteTimeUtc(full, modifiedUtc);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
