using System.Security.Cryptography;
using System.Text;

namespace SmbSyncCluster.Bench;

/// <summary>
/// What a directory tree holds: file count, total bytes and one digest over every relative path and
/// content. A timed run's target is checked against its source with this, so that a run that is fast
/// because it skipped, truncated or garbled files cannot pass for a good time.
/// </summary>
internal sealed record TreeTally(int Files, long Bytes, string Digest)
{
    public static TreeTally Of(string root)
    {
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => (Relative: Path.GetRelativePath(root, f), Full: f))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        long bytes = 0;
        foreach (var (relative, full) in files)
        {
            using var input = File.OpenRead(full);
            digest.AppendData(Encoding.UTF8.GetBytes($"{relative}\n{input.Length}\n"));
            int n;
            while ((n = input.Read(buffer)) > 0)
            {
                digest.AppendData(buffer, 0, n);
                bytes += n;
            }
        }
        return new TreeTally(files.Count, bytes, Convert.ToHexStringLower(digest.GetHashAndReset()));
    }

    /// <summary>Throws unless <paramref name="target"/> holds exactly what this tally describes.</summary>
    public void Check(string target, string run)
    {
        var actual = Of(target);
        if (actual != this)
        {
            throw new InvalidOperationException(
                $"{run}: the share holds {actual.Files} files, {actual.Bytes} bytes (digest {actual.Digest[..12]}), " +
                $"expected {Files} files, {Bytes} bytes (digest {Digest[..12]})");
        }
    }
}
