using System.Runtime.CompilerServices;
using SmbSyncCluster.Smb.Connection;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb;

/// <summary>
/// A client for one share. Thread safe: any number of calls may run at once and share one connection.
/// Paths are share-relative ("dir/file.txt"). When the connection drops, calls in flight fail with
/// <see cref="SmbConnectionException"/> and the next call reconnects (connection, session, tree).
/// </summary>
public sealed class SmbShareClient : IAsyncDisposable
{
    private const int DirectoryBufferSize = 1024 * 1024;

    // Room for a burst of about a thousand names between two notifications; more is reported as overflowed.
    private const int NotifyBufferSize = 64 * 1024;

    /// <summary>Far beyond any real directory; a listing that goes past it is a server that never says NO_MORE_FILES.</summary>
    private const int MaxDirectoryEntries = 2_000_000;
    private readonly SmbClientOptions _options;
    private readonly string _share;
    private readonly SemaphoreSlim _reconnect = new(1, 1);
    // Pauses between two tries to connect again: short for a dropped connection, capped for a server that is down.
    private static readonly TimeSpan ReconnectFirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ReconnectMaxPause = TimeSpan.FromSeconds(2);
    private TreeLink? _link;
    private DateTime? _downSince;
    private bool _disposed;

    private SmbShareClient(SmbClientOptions options, string share, TreeLink link)
    {
        _options = options;
        _share = share;
        _link = link;
    }

    /// <summary>Connects, authenticates and opens the share; errors (auth, missing share) surface here.</summary>
    public static async Task<SmbShareClient> ConnectAsync(SmbClientOptions options, string share, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(share) || !SmbPath.IsValidName(share, out _))
        {
            throw new SmbInvalidPathException($"'{share}' is not a share name");
        }
        return new SmbShareClient(options, share, await TreeLink.OpenAsync(options, share, ct));
    }

    /// <summary>The dialect of the current connection.</summary>
    public Smb2Dialect Dialect => CurrentLink.Connection.Dialect;

    /// <summary>True when messages on the current session are signed.</summary>
    public bool IsSigned => CurrentLink.Session.SigningRequired;

    /// <summary>True when traffic to this share is encrypted.</summary>
    public bool IsEncrypted => CurrentLink.Tree.Encrypt;

    /// <summary>The cipher negotiated (SMB 3.x), used when <see cref="IsEncrypted"/>.</summary>
    public Smb2Cipher Cipher => CurrentLink.Connection.Cipher;

    /// <summary>The signing algorithm negotiated.</summary>
    public Smb2SigningAlgorithm SigningAlgorithm => CurrentLink.Connection.SigningAlgorithm;

    /// <summary>True when the server admitted us as guest or anonymous.</summary>
    public bool IsGuest => CurrentLink.Session.IsGuest;

    /// <summary>Largest single READ/WRITE on the current connection.</summary>
    public int MaxIoSize => Math.Min(CurrentLink.Connection.MaxReadSize, CurrentLink.Connection.MaxWriteSize);

    private TreeLink CurrentLink => _link ?? throw new ObjectDisposedException(nameof(SmbShareClient));

    /// <summary>Lists a directory: every entry but '.' and '..', across as many QUERY_DIRECTORY calls as it takes.</summary>
    public async Task<IReadOnlyList<SmbEntry>> ListAsync(string path, CancellationToken ct = default)
    {
        var wire = SmbPath.ToWire(path);
        var link = await LinkAsync(ct);
        var bufferSize = Math.Min(link.Connection.MaxTransactSize, DirectoryBufferSize);
        var responses = await link.SendAsync(ct,
            new CreateRequest
            {
                Path = wire,
                DesiredAccess = CreateOptions.FileListDirectory | CreateOptions.FileReadAttributes | CreateOptions.Synchronize,
                CreateDisposition = CreateOptions.DispositionOpen,
                Options = CreateOptions.DirectoryFile,
            },
            new QueryDirectoryRequest(FileId.Related, restart: true, bufferSize));
        var entries = new List<SmbEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        FileId handle;
        using (responses[0])
        using (responses[1])
        {
            responses[0].EnsureSuccess($"open directory '{path}'");
            handle = CreateResponse.Parse(responses[0].Span).FileId;
            try
            {
                var more = ReadDirectoryResponse(responses[1], bufferSize, path, entries, names);
                while (more)
                {
                    using var next = (await link.SendAsync(ct, new QueryDirectoryRequest(handle, restart: false, bufferSize)))[0];
                    more = ReadDirectoryResponse(next, bufferSize, path, entries, names);
                }
            }
            finally
            {
                await CloseQuietlyAsync(link, handle);
            }
        }
        return entries;
    }

    /// <summary>
    /// Follows changes anywhere under directory <paramref name="path"/>, one batch per change notification,
    /// until <paramref name="ct"/> is cancelled (which closes the directory, ending the notification the
    /// server holds). A batch that <see cref="SmbChangeBatch.Overflowed"/> means the server dropped changes.
    /// The connection's loss ends it with <see cref="SmbConnectionException"/>: what changed meanwhile is
    /// unknown, so a caller that watches again must rescan. Paths are hints from the server, checked only
    /// to stay under <paramref name="path"/>: a caller rescans them, never trusts them.
    /// </summary>
    public async IAsyncEnumerable<SmbChangeBatch> WatchAsync(string path, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var link = await LinkAsync(ct);
        FileId handle;
        using (var opened = (await link.SendAsync(ct, new CreateRequest
        {
            Path = SmbPath.ToWire(path),
            DesiredAccess = CreateOptions.FileListDirectory | CreateOptions.FileReadAttributes | CreateOptions.Synchronize,
            CreateDisposition = CreateOptions.DispositionOpen,
            Options = CreateOptions.DirectoryFile,
        }))[0])
        {
            opened.EnsureSuccess($"watch directory '{path}'");
            handle = CreateResponse.Parse(opened.Span).FileId;
        }
        try
        {
            var bufferSize = Math.Min(link.Connection.MaxTransactSize, NotifyBufferSize);
            while (true)
            {
                var changes = new List<SmbChange>();
                NtStatus status;
                using (var response = (await link.SendAsync(ct, new ChangeNotifyRequest(handle, bufferSize)))[0])
                {
                    status = response.Status;
                    if (status == NtStatus.Success)
                    {
                        FileNotifyInformation.Parse(OutputBufferResponse.Locate(response.Span, bufferSize, "CHANGE_NOTIFY response"), changes);
                    }
                }
                if (status == NtStatus.NotifyCleanup)
                {
                    yield break; // the handle was closed under the watch
                }
                if (status is not (NtStatus.Success or NtStatus.NotifyEnumDir))
                {
                    throw SmbStatusException.From(status, $"watch directory '{path}'");
                }
                // An empty success is how some servers say the changes did not fit.
                yield return new SmbChangeBatch(changes, Overflowed: changes.Count == 0);
            }
        }
        finally
        {
            await CloseQuietlyAsync(link, handle);
        }
    }

    /// <summary>
    /// Adds one QUERY_DIRECTORY round's entries. A name listed twice (a server repeating a round) or a
    /// listing without end is a protocol error: both would otherwise loop, or mislead the sync.
    /// </summary>
    private static bool ReadDirectoryResponse(Smb2Message response, int bufferSize, string path, List<SmbEntry> into, HashSet<string> names)
    {
        if (response.Status == NtStatus.NoMoreFiles)
        {
            return false;
        }
        if (response.Status != NtStatus.Success)
        {
            throw SmbStatusException.From(response.Status, $"list directory '{path}'");
        }
        var before = into.Count;
        DirectoryEntryParser.Parse(OutputBufferResponse.Locate(response.Span, bufferSize, "QUERY_DIRECTORY response"), into);
        for (var i = before; i < into.Count; i++)
        {
            if (!names.Add(into[i].Name))
            {
                throw new SmbProtocolException($"the listing of '{path}' names '{into[i].Name}' twice");
            }
        }
        if (into.Count > MaxDirectoryEntries)
        {
            throw new SmbProtocolException($"the listing of '{path}' goes on past {MaxDirectoryEntries} entries");
        }
        return true;
    }

    /// <summary>Size, times, attributes and file id of one path (one compound CREATE + QUERY_INFO + CLOSE).</summary>
    public async Task<SmbEntry> StatAsync(string path, CancellationToken ct = default)
    {
        var wire = SmbPath.ToWire(path);
        var link = await LinkAsync(ct);
        var responses = await link.SendAsync(ct,
            OpenExisting(wire, CreateOptions.FileReadAttributes | CreateOptions.Synchronize),
            new QueryInfoRequest(FileId.Related, QueryInfoRequest.FileInternalInformation, 8),
            HandleRequest.Close(FileId.Related));
        using var guard = new ResponseSet(responses);
        guard.EnsureSuccess($"stat '{path}'");
        var metadata = CreateResponse.Parse(responses[0].Span).Metadata;
        var info = OutputBufferResponse.Locate(responses[1].Span, 8, "QUERY_INFO response");
        var fileId = info.Length >= 8 ? BitConverter.ToInt64(info) : 0;
        return SmbEntry.FromMetadata(LastComponent(wire), metadata, fileId);
    }

    /// <summary>Stat that answers null instead of throwing when the path does not exist.</summary>
    public async Task<SmbEntry?> TryStatAsync(string path, CancellationToken ct = default)
    {
        try
        {
            return await StatAsync(path, ct);
        }
        catch (SmbNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Opens an existing file for reading.</summary>
    public Task<SmbFile> OpenReadAsync(string path, CancellationToken ct = default) =>
        OpenAsync(path, CreateOptions.FileReadData | CreateOptions.FileReadAttributes | CreateOptions.Synchronize,
            CreateOptions.DispositionOpen, CreateOptions.ShareAll, CreateOptions.NonDirectoryFile, ct);

    /// <summary>
    /// Creates a file, replacing one that exists, and opens it for writing. Other clients may read it
    /// while it is open, but neither write nor delete it: a sync elsewhere that clears leftover temporary
    /// files must not remove one this client is still writing.
    /// </summary>
    public Task<SmbFile> CreateAsync(string path, CancellationToken ct = default) =>
        OpenAsync(path, WriteAccess, CreateOptions.DispositionOverwriteIf, CreateOptions.ShareRead, CreateOptions.NonDirectoryFile, ct);

    /// <summary>Opens an existing file for writing, keeping its content (to write on where it ends), shared as <see cref="CreateAsync"/>.</summary>
    public Task<SmbFile> OpenWriteAsync(string path, CancellationToken ct = default) =>
        OpenAsync(path, WriteAccess, CreateOptions.DispositionOpen, CreateOptions.ShareRead, CreateOptions.NonDirectoryFile, ct);

    private const uint WriteAccess = CreateOptions.FileReadData | CreateOptions.FileWriteData | CreateOptions.FileReadAttributes
        | CreateOptions.FileWriteAttributes | CreateOptions.Synchronize;

    /// <summary>
    /// Opens a file that claims its directory for as long as the handle lives, creating it when missing:
    /// others may read it, but an open for writing or deleting fails with a sharing violation until this
    /// handle is closed, which the server does itself when this client's connection dies. The file is
    /// deleted on close.
    /// </summary>
    public Task<SmbFile> OpenClaimAsync(string path, CancellationToken ct = default) =>
        OpenAsync(path,
            CreateOptions.FileReadData | CreateOptions.FileWriteData | CreateOptions.FileReadAttributes | CreateOptions.Delete
                | CreateOptions.Synchronize,
            CreateOptions.DispositionOpenIf, CreateOptions.ShareRead, CreateOptions.NonDirectoryFile | CreateOptions.DeleteOnClose, ct);

    private async Task<SmbFile> OpenAsync(string path, uint access, uint disposition, uint share, uint options, CancellationToken ct)
    {
        var wire = SmbPath.ToWire(path);
        var link = await LinkAsync(ct);
        var request = new CreateRequest
        {
            Path = wire,
            DesiredAccess = access,
            ShareAccess = share,
            FileAttributes = CreateOptions.AttributeNormal,
            CreateDisposition = disposition,
            Options = options,
        };
        using var response = (await link.SendAsync(ct, request))[0].EnsureSuccess($"open '{path}'");
        var created = CreateResponse.Parse(response.Span);
        return new SmbFile(link, created.FileId, wire, SmbEntry.FromMetadata(LastComponent(wire), created.Metadata, 0));
    }

    /// <summary>
    /// Writes a whole small file in one round trip (compound CREATE [+ SET_INFO] + WRITE + CLOSE),
    /// replacing any existing file, and sets its last write time when given. Larger contents are
    /// written through <see cref="CreateAsync"/> with every chunk in flight at once.
    /// </summary>
    /// <remarks>
    /// The time is set before the data is written: a time the client set sticks for the rest of the
    /// open ([MS-FSA] 2.1.5.14.2, Open.UserSetModificationTime), so the write does not move it, and
    /// the server schedules no delayed write-time update for the handle. Samba keeps those updates in
    /// a sorted timer list; one per small file written made each write slower than the last.
    /// </remarks>
    public async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> content, DateTime? lastWriteUtc = null, CancellationToken ct = default)
    {
        var wire = SmbPath.ToWire(path);
        var link = await LinkAsync(ct);
        if (content.Length > link.Connection.MaxWriteSize)
        {
            await using var file = await CreateAsync(path, ct);
            if (lastWriteUtc is { } t)
            {
                await file.SetTimesAsync(t, ct: ct);
            }
            await file.WriteAsync(0, content, ct);
            return;
        }
        var requests = new List<Smb2Request>
        {
            new CreateRequest
            {
                Path = wire,
                DesiredAccess = CreateOptions.FileWriteData | CreateOptions.FileReadAttributes | CreateOptions.FileWriteAttributes | CreateOptions.Synchronize,
                FileAttributes = CreateOptions.AttributeNormal,
                CreateDisposition = CreateOptions.DispositionOverwriteIf,
                Options = CreateOptions.NonDirectoryFile,
            },
        };
        if (lastWriteUtc is { } time)
        {
            requests.Add(SetInfoRequest.BasicInformation(FileId.Related, null, time));
        }
        var write = requests.Count;
        requests.Add(new WriteRequest(FileId.Related, 0, content));
        requests.Add(HandleRequest.Close(FileId.Related));
        using var guard = new ResponseSet(await link.SendAsync(ct, [.. requests]));
        guard.EnsureSuccess($"write '{path}'");
        var written = WriteResponse.ParseCount(guard[write].Span);
        if (written != content.Length)
        {
            throw new SmbProtocolException($"server wrote {written} of {content.Length} bytes to '{path}'");
        }
    }

    /// <summary>Reads a whole file; a small one takes one round trip (compound CREATE + READ + CLOSE).</summary>
    public async Task<byte[]> ReadAllBytesAsync(string path, CancellationToken ct = default)
    {
        var wire = SmbPath.ToWire(path);
        var link = await LinkAsync(ct);
        var max = link.Connection.MaxReadSize;
        var responses = await link.SendAsync(ct,
            OpenExisting(wire, CreateOptions.FileReadData | CreateOptions.FileReadAttributes | CreateOptions.Synchronize, CreateOptions.NonDirectoryFile),
            new ReadRequest(FileId.Related, 0, max),
            HandleRequest.Close(FileId.Related));
        using var guard = new ResponseSet(responses);
        guard.EnsureSuccess($"read '{path}'", NtStatus.EndOfFile);
        var size = CreateResponse.Parse(responses[0].Span).Metadata.EndOfFile;
        if (size > max)
        {
            await using var file = await OpenReadAsync(path, ct);
            var all = new byte[file.Entry.Size];
            var n = await file.ReadAsync(0, all, ct);
            return n == all.Length ? all : all[..n];
        }
        if (responses[1].Status == NtStatus.EndOfFile)
        {
            return [];
        }
        var (offset, length) = ReadResponse.Locate(responses[1].Span, max);
        return responses[1].Span.Slice(offset, length).ToArray();
    }

    /// <summary>Creates a directory; succeeds when it already exists as a directory.</summary>
    public async Task CreateDirectoryAsync(string path, CancellationToken ct = default)
    {
        var wire = SmbPath.ToWire(path);
        await CompoundAsync($"create directory '{path}'", ct,
            new CreateRequest
            {
                Path = wire,
                DesiredAccess = CreateOptions.FileReadAttributes | CreateOptions.Synchronize,
                FileAttributes = CreateOptions.AttributeDirectory,
                CreateDisposition = CreateOptions.DispositionOpenIf,
                Options = CreateOptions.DirectoryFile,
            },
            HandleRequest.Close(FileId.Related));
    }

    /// <summary>Deletes a file.</summary>
    public Task DeleteFileAsync(string path, CancellationToken ct = default) =>
        DeleteAsync(path, CreateOptions.NonDirectoryFile, "delete file", ct);

    /// <summary>Deletes an empty directory (<see cref="SmbDirectoryNotEmptyException"/> otherwise).</summary>
    public Task DeleteDirectoryAsync(string path, CancellationToken ct = default) =>
        DeleteAsync(path, CreateOptions.DirectoryFile, "delete directory", ct);

    private async Task DeleteAsync(string path, uint kind, string what, CancellationToken ct)
    {
        var wire = SmbPath.ToWire(path);
        if (wire.Length == 0)
        {
            throw new SmbInvalidPathException("the share root cannot be deleted");
        }
        // SET_INFO(disposition) rather than DELETE_ON_CLOSE: it reports a non-empty directory instead of ignoring it.
        await CompoundAsync($"{what} '{path}'", ct,
            OpenExisting(wire, CreateOptions.Delete | CreateOptions.FileReadAttributes | CreateOptions.Synchronize, kind),
            new SetInfoRequest(FileId.Related, SetInfoRequest.FileDispositionInformation, [1]),
            HandleRequest.Close(FileId.Related));
    }

    /// <summary>Renames or moves a file or directory within the share, replacing the target when asked.</summary>
    public async Task RenameAsync(string from, string to, bool replace, CancellationToken ct = default)
    {
        var source = SmbPath.ToWire(from);
        var target = SmbPath.ToWire(to);
        if (source.Length == 0 || target.Length == 0)
        {
            throw new SmbInvalidPathException("the share root cannot be renamed");
        }
        await CompoundAsync($"rename '{from}' to '{to}'", ct,
            OpenExisting(source, CreateOptions.Delete | CreateOptions.FileReadAttributes | CreateOptions.Synchronize),
            SetInfoRequest.Rename(FileId.Related, target, replace),
            HandleRequest.Close(FileId.Related));
    }

    /// <summary>Sets the last write time (and the creation time when given) of a file or directory.</summary>
    public async Task SetTimesAsync(string path, DateTime lastWriteUtc, DateTime? creationUtc = null, CancellationToken ct = default)
    {
        await CompoundAsync($"set times of '{path}'", ct,
            OpenExisting(SmbPath.ToWire(path), CreateOptions.FileWriteAttributes | CreateOptions.Synchronize),
            SetInfoRequest.BasicInformation(FileId.Related, creationUtc, lastWriteUtc),
            HandleRequest.Close(FileId.Related));
    }

    /// <summary>Sends a related compound chain that only has to succeed as a whole.</summary>
    private async Task CompoundAsync(string what, CancellationToken ct, params Smb2Request[] requests)
    {
        var link = await LinkAsync(ct);
        using var guard = new ResponseSet(await link.SendAsync(ct, requests));
        guard.EnsureSuccess(what);
    }

    private static CreateRequest OpenExisting(string wire, uint access, uint options = 0) => new()
    {
        Path = wire,
        DesiredAccess = access,
        CreateDisposition = CreateOptions.DispositionOpen,
        Options = options,
    };

    private static string LastComponent(string wire) => wire[(wire.LastIndexOf('\\') + 1)..];

    private static async Task CloseQuietlyAsync(TreeLink link, FileId handle)
    {
        if (!link.IsAlive)
        {
            return;
        }
        try
        {
            (await link.SendAsync(CancellationToken.None, HandleRequest.Close(handle)))[0].Dispose();
        }
        catch (SmbConnectionException)
        {
            // the handle died with the connection
        }
    }

    /// <summary>
    /// The live link, reconnecting (connection, session, tree) when the last one died. A server that
    /// refuses or drops new connections is tried again with a growing pause until it takes one, for at
    /// most <see cref="SmbClientOptions.ReconnectBudget"/> counted from the first failed try; once that is
    /// spent, each call tries once and fails with <see cref="SmbServerUnreachableException"/>, so the
    /// calls queued behind the one that gave up do not wait the budget again each.
    /// </summary>
    private async ValueTask<TreeLink> LinkAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var link = _link;
        if (link is { IsAlive: true })
        {
            return link;
        }
        await _reconnect.WaitAsync(ct);
        try
        {
            link = _link;
            if (link is { IsAlive: true })
            {
                return link;
            }
            if (link is not null)
            {
                await link.DisposeAsync();
            }
            _link = await ReconnectAsync(ct);
            return _link;
        }
        finally
        {
            _reconnect.Release();
        }
    }

    private async Task<TreeLink> ReconnectAsync(CancellationToken ct)
    {
        var pause = ReconnectFirstPause;
        while (true)
        {
            try
            {
                var link = await TreeLink.OpenAsync(_options, _share, ct);
                _downSince = null;
                return link;
            }
            catch (SmbConnectionException e)
            {
                var now = DateTime.UtcNow;
                var since = _downSince ??= now;
                var left = _options.ReconnectBudget - (now - since);
                if (left <= TimeSpan.Zero)
                {
                    throw new SmbServerUnreachableException($"{_options.Host}:{_options.Port}", now - since, e);
                }
                await Task.Delay(pause < left ? pause : left, ct);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, ReconnectMaxPause.Ticks));
            }
        }
    }

    /// <summary>Disconnects the tree, logs off and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_link is not null)
        {
            await _link.DisposeAsync();
        }
        _reconnect.Dispose();
    }

    /// <summary>The responses of one compound chain: the first error wins, all are disposed together.</summary>
    private readonly struct ResponseSet(Smb2Message[] responses) : IDisposable
    {
        public Smb2Message this[int index] => responses[index];

        public void EnsureSuccess(string what, params NtStatus[] alsoOk)
        {
            foreach (var r in responses)
            {
                r.EnsureSuccess(what, alsoOk);
            }
        }

        public void Dispose()
        {
            foreach (var r in responses)
            {
                r.Dispose();
            }
        }
    }
}
