using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Errors;

using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// A directory on an SMB share, through one pipelined <see cref="SmbShareClient"/> that all concurrent
/// transfers share. Small files are written with one compound round trip before the rename.
/// </summary>
public sealed class SmbFileStore : IFileStore
{
    /// <summary>Files up to this size are read into memory and written with one compound; larger ones stream.</summary>
    private const int SmallFileLimit = 1024 * 1024;

    private readonly SmbShareClient _client;
    private readonly string _basePath;
    private readonly bool _ownsClient;

    /// <summary>Wraps a connected share client; <paramref name="basePath"/> is the store's root inside the share ("" for the share root).</summary>
    public SmbFileStore(SmbShareClient client, string basePath, string description, bool ownsClient = true)
    {
        _client = client;
        _basePath = RelativePath.Check(basePath.Trim('/'));
        _ownsClient = ownsClient;
        Description = description;
    }

    /// <summary>Connects to <paramref name="share"/> and checks that <paramref name="basePath"/> is a directory there.</summary>
    public static async Task<SmbFileStore> OpenAsync(SmbClientOptions options, string share, string basePath, CancellationToken ct)
    {
        var client = await SmbShareClient.ConnectAsync(options, share, ct);
        try
        {
            var store = new SmbFileStore(client, basePath, $"smb://{options.Credentials}@{options.Host}:{options.Port}/{share}/{basePath.Trim('/')}");
            var root = await client.StatAsync(store._basePath, ct);
            if (!root.IsDirectory)
            {
                throw new SmbWrongKindException(NtStatus.NotADirectory, $"'{basePath}' on share '{share}' is not a directory");
            }
            return store;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public TimeSpan TimestampPrecision => TimeSpan.FromTicks(1);

    /// <inheritdoc />
    public bool IsCaseSensitive => false;

    private string Remote(string path) => RelativePath.Combine(_basePath, RelativePath.Check(path));

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoreEntry>> ListAsync(string directory, CancellationToken ct) =>
        [.. (await _client.ListAsync(Remote(directory), ct)).Select(ToEntry)];

    private static StoreEntry ToEntry(SmbEntry e) => new(
        e.Name,
        (e.Attributes & FileAttributes.ReparsePoint) != 0 ? StoreEntryKind.Other
            : e.IsDirectory ? StoreEntryKind.Directory : StoreEntryKind.File,
        e.Size,
        e.LastWriteTimeUtc);

    /// <inheritdoc />
    public async Task<StoreEntry?> StatAsync(string path, CancellationToken ct) =>
        await _client.TryStatAsync(Remote(path), ct) is { } e ? ToEntry(e) with { Name = path[(path.LastIndexOf('/') + 1)..] } : null;

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string path, CancellationToken ct)
    {
        var file = await _client.OpenReadAsync(Remote(path), ct);
        return file.AsStream(closeFile: true);
    }

    /// <inheritdoc />
    public async Task WriteFileAsync(string path, Stream content, long length, DateTime modifiedUtc, bool overwrite, CancellationToken ct)
    {
        var target = Remote(path);
        var temp = Remote(TempNames.For(path));
        try
        {
            if (length <= SmallFileLimit)
            {
                var buffer = new byte[length];
                await content.ReadExactlyAsync(buffer, ct);
                if (await content.ReadAsync(new byte[1], ct) != 0)
                {
                    throw new SourceChangedException(path, $"the source holds more than the {length} bytes scanned");
                }
                await _client.WriteAllBytesAsync(temp, buffer, modifiedUtc, ct);
            }
            else
            {
                await WriteLargeAsync(path, temp, content, length, modifiedUtc, ct);
            }
            await _client.RenameAsync(temp, target, replace: overwrite, ct);
        }
        catch
        {
            await DeleteQuietlyAsync(temp);
            throw;
        }
    }

    private async Task WriteLargeAsync(string path, string temp, Stream content, long length, DateTime modifiedUtc, CancellationToken ct)
    {
        await using var file = await _client.CreateAsync(temp, ct);
        await file.SetTimesAsync(modifiedUtc, ct: ct); // first: a time set on the open sticks through the writes (see SmbShareClient.WriteAllBytesAsync)
        await using var output = file.AsStream();
        await content.CopyToAsync(output, 4 * 1024 * 1024, ct);
        if (output.Position != length)
        {
            throw new SourceChangedException(path, $"expected {length} bytes but the source gave {output.Position}");
        }
    }

    private async Task DeleteQuietlyAsync(string temp)
    {
        try
        {
            await _client.DeleteFileAsync(temp, CancellationToken.None);
        }
        catch (SmbException)
        {
            // the temp file may never have been created, or the connection is gone; a later scan skips it
        }
    }

    /// <inheritdoc />
    public async Task CreateDirectoryAsync(string path, CancellationToken ct)
    {
        try
        {
            await _client.CreateDirectoryAsync(Remote(path), ct);
        }
        catch (SmbNotFoundException) when (path.Contains('/', StringComparison.Ordinal))
        {
            // Plans create parents first, so a missing parent is rare: create the chain only then.
            await CreateDirectoryAsync(RelativePath.Parent(path).ToString(), ct);
            await _client.CreateDirectoryAsync(Remote(path), ct);
        }
    }

    /// <inheritdoc />
    public Task DeleteFileAsync(string path, CancellationToken ct) => _client.DeleteFileAsync(Remote(path), ct);

    /// <inheritdoc />
    public Task DeleteDirectoryAsync(string path, CancellationToken ct) => _client.DeleteDirectoryAsync(Remote(path), ct);

    /// <inheritdoc />
    public Task RenameAsync(string from, string to, CancellationToken ct) => _client.RenameAsync(Remote(from), Remote(to), replace: false, ct);

    /// <inheritdoc />
    public Task SetModifiedAsync(string path, DateTime modifiedUtc, CancellationToken ct) => _client.SetTimesAsync(Remote(path), modifiedUtc, ct: ct);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsClient)
        {
            await _client.DisposeAsync();
        }
    }
}
