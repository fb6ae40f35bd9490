using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Runs;

/// <summary>Resolves a credential name (null for the default) to a password, or null when the node has none.</summary>
/// <param name="credential">The name a job spec gives.</param>
public delegate string? PasswordLookup(string? credential);

/// <summary>The two stores of a job, opened for a run and closed with it.</summary>
/// <param name="Local">The local directory.</param>
/// <param name="Remote">The SMB share (or second local directory).</param>
public sealed record JobStores(IFileStore Local, IFileStore Remote) : IAsyncDisposable
{
    /// <summary>
    /// Connections a run opens to its share at most (fewer with fewer workers): enough to keep a
    /// multi-process server (Samba serves each connection with one process) busy on several cores,
    /// few enough for a server that hosts many jobs' runs at once.
    /// </summary>
    public const int MaxConnections = 4;

    /// <summary>
    /// Opens both stores of <paramref name="spec"/>: the local directory must exist; an smb:// remote is
    /// connected (up to <see cref="MaxConnections"/> times) with the user of its URL and the password
    /// <paramref name="passwords"/> gives for the spec's credential (a password in the URL, accepted only
    /// from the one-shot CLI, wins); a named credential the node lacks is a <see cref="MissingCredentialException"/>.
    /// </summary>
    public static async Task<JobStores> OpenAsync(JobSpec spec, PasswordLookup passwords, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(passwords);
        var local = new LocalFileStore(spec.LocalPath);
        if (!SmbUrl.IsSmbUrl(spec.Remote))
        {
            return new JobStores(local, new LocalFileStore(spec.Remote));
        }
        var url = SmbUrl.Parse(spec.Remote);
        var password = url.Password ?? passwords(spec.Credential);
        if (url.User is not null && password is null && spec.Credential is not null)
        {
            throw new MissingCredentialException(spec.Credential);
        }
        var credentials = url.User is null ? SmbCredentials.Anonymous : new SmbCredentials(url.Domain ?? "", url.User, password ?? "");
        var remote = await SmbFileStore.OpenAsync(
            new SmbClientOptions { Host = url.Host, Port = url.Port, Credentials = credentials }, url.Share, url.Path, ct,
            connections: Math.Clamp(spec.Workers, 1, MaxConnections));
        return new JobStores(local, remote);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Local.DisposeAsync();
        await Remote.DisposeAsync();
    }
}
