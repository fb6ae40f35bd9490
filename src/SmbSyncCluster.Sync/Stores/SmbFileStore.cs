using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Sync.Detection;

using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// A directory on an SMB share, through a few pipelined <see cref="SmbShareClient"/> connections that
/// all concurrent operations share, taken in turn: Samba serves each connection with one process, so
/// over a single one a scan of tens of thousands of entries, or a stream of small files, waits on one
/// of the server's cores. Small files are written with one compound round trip before the rename.
/// </summary>
public sealed class SmbFileStore : IFileStore
{
    /// <summary>Files up to this size are read into memory and written with one compound; larger ones stream.</summary>
    private const int SmallFileLimit = 1024 * 1024;

    private readonly SmbShareClient[] _clients;
    private readonly string _basePath;
    private readonly bool _encodeNames;
    private int _turn;
    private RemoteLease? _lease;

    private SmbFileStore(SmbShareClient[] clients, string basePath, string description, TempNames temps, bool encodeNames)
    {
        Temps = temps;
        _clients = clients;
        _basePath = basePath;
        _encodeNames = encodeNames;
        Description = description;
    }

    /// <summary>
    /// Connects <paramref name="connections"/> sessions to <paramref name="share"/> and checks that
    /// <paramref name="basePath"/> is a directory there; when it does not exist, creates it (and its
    /// parents) with <paramref name="createRoot"/>, throws <see cref="DirectoryNotFoundException"/> without.
    /// The first session is set up alone, the others once it succeeded: a wrong password costs one failed
    /// logon, not one per connection (domain accounts lock after a few). Temporary files are named by
    /// <paramref name="temps"/> (by default, as no job's). With <paramref name="encodeNames"/>, the names under the
    /// base path are stored under <see cref="SmbNameEncoding"/> and read back decoded: callers see real names only.
    /// </summary>
    public static async Task<SmbFileStore> OpenAsync(
        SmbClientOptions options, string share, string basePath, CancellationToken ct, int connections = 1, bool createRoot = false,
        TempNames? temps = null, bool encodeNames = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        var first = await SmbShareClient.ConnectAsync(options, share, ct);
        var others = Enumerable.Range(1, connections - 1).Select(_ => SmbShareClient.ConnectAsync(options, share, ct)).ToArray();
        try
        {
            await Task.WhenAll(others);
        }
        catch
        {
            await first.DisposeAsync();
            foreach (var opened in others.Where(c => c.IsCompletedSuccessfully))
            {
                await opened.Result.DisposeAsync();
            }
            throw;
        }
        var store = new SmbFileStore(
            [first, .. others.Select(c => c.Result)], RelativePath.Check(basePath.Trim('/')),
            $"smb://{options.Credentials}@{options.Host}:{options.Port}/{share}/{basePath.Trim('/')}", temps ?? TempNames.Unowned(), encodeNames);
        try
        {
            var root = await store.Client.TryStatAsync(store._basePath, ct);
            if (root is null && createRoot)
            {
                await store.CreateRootAsync(ct);
                root = await store.Client.TryStatAsync(store._basePath, ct);
                store.CreatedRoot = true;
            }
            if (root is null)
            {
                throw new DirectoryNotFoundException($"directory '{basePath}' does not exist on share '{share}'");
            }
            if (!root.IsDirectory)
            {
                throw new SmbWrongKindException(NtStatus.NotADirectory, $"'{basePath}' on share '{share}' is not a directory");
            }
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates each level of the base path from the share down, leaving the levels that exist.</summary>
    private async Task CreateRootAsync(CancellationToken ct)
    {
        var levels = _basePath.Split('/');
        for (var depth = 1; depth <= levels.Length; depth++)
        {
            try
            {
                await Client.CreateDirectoryAsync(string.Join('/', levels[..depth]), ct);
            }
            catch (SmbNameCollisionException)
            {
                // this level exists
            }
        }
    }

    /// <summary>The file at the store's root that a run holds open while it syncs the directory; never synced.</summary>
    public const string LeaseFileName = ".smbsync-lease";

    /// <summary>
    /// Claims the store's directory for one run, whoever else syncs it (another node, another machine, a
    /// one-shot sync): see <see cref="RemoteLease"/>. From then on every change this store makes first
    /// checks that the claim is still held, taking it again after a reconnect. Throws
    /// <see cref="Runs.PlaceBusyException"/> naming the holder when another run holds it. Where this user may
    /// not create the file (a read-only share) the run could not write either: no lease is taken.
    /// </summary>
    public async Task<IAsyncDisposable> LeaseAsync(string owner, CancellationToken ct)
    {
        var lease = new RemoteLease(_clients[0], Remote(LeaseFileName), $"remote directory '{Description}'", owner);
        if (!await lease.TakeAsync(ct))
        {
            return NoLease.Instance;
        }
        _lease = lease;
        return lease;
    }

    /// <summary>Before a change: the run's claim on the directory, if it took one, still holds (see <see cref="RemoteLease.HoldAsync"/>).</summary>
    private ValueTask HoldLeaseAsync(CancellationToken ct) => _lease?.HoldAsync(ct) ?? ValueTask.CompletedTask;

    private sealed class NoLease : IAsyncDisposable
    {
        public static readonly NoLease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>True when every message to the share is encrypted.</summary>
    public bool IsEncrypted => _clients.All(c => c.IsEncrypted);

    /// <summary>True when opening created the base directory (<c>createRoot</c>): a typo in a path would otherwise pass unseen.</summary>
    public bool CreatedRoot { get; private set; }

    /// <summary>True when every message to the share is signed (or, being encrypted, needs no signature).</summary>
    public bool IsSigned => _clients.All(c => c.IsSigned || c.IsEncrypted);

    /// <summary>The connection the next operation goes through.</summary>
    private SmbShareClient Client => _clients[(int)((uint)Interlocked.Increment(ref _turn) % (uint)_clients.Length)];

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>How this store names its temporary files.</summary>
    public TempNames Temps { get; }

    /// <inheritdoc />
    public TimeSpan TimestampPrecision { get; private set; } = TimeSpan.FromTicks(1);

    /// <inheritdoc />
    public async Task MeasureTimestampPrecisionAsync(CancellationToken ct) => TimestampPrecision = await TimestampProbe.MeasureAsync(this, Temps, ct);

    /// <inheritdoc />
    public bool IsCaseSensitive => false;

    /// <inheritdoc />
    public NameRules Names => _encodeNames ? NameRules.SmbEncoded : NameRules.Smb;

    /// <summary>Where a path of the store is on the share: under the base path, each name in its stored form.</summary>
    private string Remote(string path)
    {
        var relative = RelativePath.Check(path);
        if (_encodeNames)
        {
            return RelativePath.Combine(_basePath, SmbNameEncoding.EncodePath(relative));
        }
        // SMB separates names with '\': one inside a name would reach another directory ("..\..").
        return relative.Contains('\\', StringComparison.Ordinal)
            ? throw new ArgumentException($"'{path}' holds a '\\', which an SMB share takes for a separator", nameof(path))
            : RelativePath.Combine(_basePath, relative);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoreEntry>> ListAsync(string directory, CancellationToken ct)
    {
        var listed = await Client.ListAsync(Remote(directory), ct);
        return _encodeNames ? [.. listed.Select(Decoded)] : [.. listed.Select(ToEntry)];
    }

    /// <summary>
    /// An entry under the name it stands for; one whose name is no stored form of any (written by another tool)
    /// is left alone under the name the share gives it: it could be neither reached nor copied under its own.
    /// </summary>
    private static StoreEntry Decoded(SmbEntry e) => SmbNameEncoding.Decode(e.Name) is { } name
        ? ToEntry(e) with { Name = name }
        : ToEntry(e) with { Kind = StoreEntryKind.Other, Note = $"'{e.Name}' on the share is not a name its encoding writes (see --no-encode-names): not synced" };

    private static StoreEntry ToEntry(SmbEntry e) => new(
        e.Name,
        (e.Attributes & FileAttributes.ReparsePoint) != 0 ? StoreEntryKind.Other
            : e.IsDirectory ? StoreEntryKind.Directory : StoreEntryKind.File,
        e.Size,
        e.LastWriteTimeUtc);

    /// <inheritdoc />
    public async Task<StoreEntry?> StatAsync(string path, CancellationToken ct) =>
        await Client.TryStatAsync(Remote(path), ct) is { } e ? ToEntry(e) with { Name = path[(path.LastIndexOf('/') + 1)..] } : null;

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string path, CancellationToken ct)
    {
        var file = await Client.OpenReadAsync(Remote(path), ct);
        return file.AsStream(closeFile: true);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A large file read from a local one is written to the job's resumable temporary name for the path
    /// (<see cref="TempNames.Resumable"/>), which outlives a lost connection, a stopped run or a killed
    /// process: the next attempt, in this run or a later one on any node, finds it holding the same version
    /// (its modification time) and sends only what it lacks (<see cref="ResumeOffsetAsync"/>).
    /// </remarks>
    public async Task WriteFileAsync(string path, Stream content, long length, DateTime modifiedUtc, ReplaceCheck? replace, CancellationToken ct)
    {
        var target = Remote(path);
        var resumable = length > SmallFileLimit && content is ILocalFileContent { File: not null };
        var temp = Remote(resumable ? Temps.Resumable(path) : Temps.For(path));
        await HoldLeaseAsync(ct);
        try
        {
            if (length <= SmallFileLimit)
            {
                var buffer = new byte[length];
                await content.ReadExactlyAsync(buffer, ct);
                await EnsureEndedAsync(content, path, length, ct);
                await Client.WriteAllBytesAsync(temp, buffer, modifiedUtc, ct);
            }
            else
            {
                await WriteLargeAsync(path, temp, content, length, modifiedUtc, ct);
            }
            // A long copy may outlive the connection that holds the claim: checked again before the commit.
            await HoldLeaseAsync(ct);
            if (replace is not null)
            {
                await replace(ct);
            }
            await Client.RenameAsync(temp, target, replace: replace is not null, ct);
        }
        catch (Exception e)
        {
            // What a lost connection or a stop interrupted is kept to be resumed; anything else is wrong content.
            if (!resumable || e is not (SmbConnectionException or SmbServerUnreachableException or OperationCanceledException))
            {
                await DeleteQuietlyAsync(temp);
            }
            // The server's answer names the temporary file, which the user never sees: the item is the user's path.
            if (e is SmbStatusException status)
            {
                throw SmbStatusException.From(status.Status, $"write '{path}'");
            }
            throw;
        }
    }

    /// <summary>WRITEs in flight at once in a large copy: with their largest size, how far behind its end an interrupted copy may have holes.</summary>
    private const int WriteWindow = 8;

    /// <summary>The step in which the end of an interrupted copy is compared with its source.</summary>
    private const int ResumeBlock = 1024 * 1024;

    private async Task WriteLargeAsync(string path, string temp, Stream content, long length, DateTime modifiedUtc, CancellationToken ct)
    {
        if (content is ILocalFileContent { File: { } local } skipping)
        {
            var (file, offset) = await OpenResumableAsync(temp, local, length, modifiedUtc, ct);
            await using (file)
            {
                skipping.Resumed(offset);
                try
                {
                    await file.WriteFromFileAsync(local, offset, length - offset, n => skipping.Skip(n), WriteWindow, ct);
                }
                catch (EndOfStreamException e)
                {
                    throw new SourceChangedException(path, e.Message);
                }
            }
            await EnsureEndedAsync(content, path, length, ct);
            return;
        }
        await using var created = await Client.CreateAsync(temp, ct);
        await created.SetTimesAsync(modifiedUtc, ct: ct); // first: a time set on the open sticks through the writes (see SmbShareClient.WriteAllBytesAsync)
        await using var output = created.AsStream();
        await content.CopyToAsync(output, 4 * 1024 * 1024, ct);
        if (output.Position != length)
        {
            throw new SourceChangedException(path, $"expected {length} bytes but the source gave {output.Position}");
        }
    }

    /// <summary>
    /// Opens the resumable temporary file and says from which byte to write: where an earlier copy of the same
    /// version (same modification time, no longer than the source) stopped, or 0 for a new file.
    /// </summary>
    private async Task<(SmbFile File, long Offset)> OpenResumableAsync(string temp, FileStream local, long length, DateTime modifiedUtc, CancellationToken ct)
    {
        var client = Client;
        var earlier = await client.TryStatAsync(temp, ct);
        if (earlier is { IsDirectory: false, Size: > 0 } && earlier.Size <= length
            && Math.Abs((earlier.LastWriteTimeUtc - modifiedUtc).Ticks) <= TimestampPrecision.Ticks)
        {
            var file = await client.OpenWriteAsync(temp, ct);
            try
            {
                await file.SetTimesAsync(modifiedUtc, ct: ct); // again on this open, before its writes
                return (file, await ResumeOffsetAsync(file, local, earlier.Size, ct));
            }
            catch
            {
                await file.DisposeAsync();
                throw;
            }
        }
        var created = await client.CreateAsync(temp, ct);
        try
        {
            await created.SetTimesAsync(modifiedUtc, ct: ct); // first: a time set on the open sticks through the writes (see SmbShareClient.WriteAllBytesAsync)
            return (created, 0);
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// How much of an interrupted copy of <paramref name="local"/> (<paramref name="size"/> bytes long) is
    /// right. Its WRITEs went out in order with at most <see cref="WriteWindow"/> in flight, so everything
    /// more than that many of the largest WRITEs before its end had been written when it stopped; the rest,
    /// where a WRITE still in flight may have left a hole, is read back and compared with the source, and
    /// the copy goes on from the first block that differs. The first block and one half way through the
    /// part taken as written are compared too: a file of another content under our name and time (planted,
    /// or the source rewritten with its time put back) starts the copy over. Reading back costs no upload.
    /// </summary>
    private static async Task<long> ResumeOffsetAsync(SmbFile file, FileStream local, long size, CancellationToken ct)
    {
        var margin = (long)WriteWindow * file.MaxWriteSize;
        var trusted = Math.Max(0, size - margin) / ResumeBlock * ResumeBlock;
        var there = new byte[ResumeBlock];
        var here = new byte[ResumeBlock];
        async Task<bool> SameBlockAsync(long offset)
        {
            var length = (int)Math.Min(ResumeBlock, size - offset);
            return await file.ReadAsync(offset, there.AsMemory(0, length), ct) == length
                && await RandomAccess.ReadAsync(local.SafeFileHandle, here.AsMemory(0, length), offset, ct) == length
                && there.AsSpan(0, length).SequenceEqual(here.AsSpan(0, length));
        }
        if (trusted > 0 && !(await SameBlockAsync(0) && await SameBlockAsync(trusted / 2 / ResumeBlock * ResumeBlock)))
        {
            return 0;
        }
        var offset = trusted;
        while (offset < size && await SameBlockAsync(offset))
        {
            offset = Math.Min(size, offset + ResumeBlock);
        }
        return offset;
    }

    /// <summary>Reads on past the bytes scanned: one more means the source grew; none lets the content check itself.</summary>
    private static async Task EnsureEndedAsync(Stream content, string path, long length, CancellationToken ct)
    {
        if (await content.ReadAsync(new byte[1], ct) != 0)
        {
            throw new SourceChangedException(path, $"the source holds more than the {length} bytes scanned");
        }
    }

    private async Task DeleteQuietlyAsync(string temp)
    {
        try
        {
            await Client.DeleteFileAsync(temp, CancellationToken.None);
        }
        catch (SmbException)
        {
            // the temp file may never have been created, or the connection is gone; a later scan skips it
        }
    }

    /// <inheritdoc />
    public async Task CreateDirectoryAsync(string path, CancellationToken ct)
    {
        await HoldLeaseAsync(ct);
        try
        {
            await Client.CreateDirectoryAsync(Remote(path), ct);
        }
        catch (SmbNotFoundException) when (path.Contains('/', StringComparison.Ordinal))
        {
            // Plans create parents first, so a missing parent is rare: create the chain only then.
            await CreateDirectoryAsync(RelativePath.Parent(path).ToString(), ct);
            await Client.CreateDirectoryAsync(Remote(path), ct);
        }
    }

    /// <inheritdoc />
    public async Task DeleteFileAsync(string path, CancellationToken ct)
    {
        await HoldLeaseAsync(ct);
        await Client.DeleteFileAsync(Remote(path), ct);
    }

    /// <inheritdoc />
    public async Task DeleteDirectoryAsync(string path, CancellationToken ct)
    {
        await HoldLeaseAsync(ct);
        await Client.DeleteDirectoryAsync(Remote(path), ct);
    }

    /// <inheritdoc />
    public async Task RenameAsync(string from, string to, CancellationToken ct)
    {
        await HoldLeaseAsync(ct);
        await Client.RenameAsync(Remote(from), Remote(to), replace: false, ct);
    }

    /// <inheritdoc />
    public async Task SetModifiedAsync(string path, DateTime modifiedUtc, CancellationToken ct)
    {
        await HoldLeaseAsync(ct);
        await Client.SetTimesAsync(Remote(path), modifiedUtc, ct: ct);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }
}
