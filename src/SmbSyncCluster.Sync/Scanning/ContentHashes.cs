using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Scanning;

/// <summary>Checksum mode's reading: files' SHA-256, a file that cannot be read now being left to detection and the copy.</summary>
internal static class ContentHashes
{
    /// <summary>The hashes of <paramref name="files"/> that could be read, <paramref name="parallelism"/> at once, by path.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(
        IFileStore store, IEnumerable<(string Path, long Size)> files, int parallelism, CancellationToken ct)
    {
        var hashes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (file, token) =>
            {
                if (await TryHashAsync(store, file.Path, file.Size, token) is { } hash)
                {
                    hashes[file.Path] = hash;
                }
            });
        return hashes;
    }

    /// <summary>The file's SHA-256 in hex, or null when it cannot be read now (gone, locked, grown past its scanned size).</summary>
    public static async Task<string?> TryHashAsync(IFileStore store, string path, long size, CancellationToken ct)
    {
        try
        {
            return Convert.ToHexString(await HashAsync(store, path, size, ct));
        }
        catch (Exception e) when (ErrorClassifier.ConcernsOneItem(e))
        {
            return null;
        }
    }

    /// <summary>The file's SHA-256, read no further than its scanned size: a server that never reports the end of a file is cut off.</summary>
    private static async Task<byte[]> HashAsync(IFileStore store, string path, long size, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(path, ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            var total = 0L;
            int n;
            while ((n = await stream.ReadAsync(buffer, ct)) > 0)
            {
                total += n;
                if (total > size)
                {
                    throw new SourceChangedException(path, $"it holds more than the {size} bytes the scan found");
                }
                hash.AppendData(buffer, 0, n);
            }
            return hash.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
