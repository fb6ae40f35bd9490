using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Model;
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
    /// <summary>How the run's stores name their temporary files; null when they were opened outside a run, which then removes no leftovers.</summary>
    public TempNames? Temps { get; init; }

    /// <summary>
    /// A root directory opening created ("created the remote directory share/teem") or, for a dry run, would create:
    /// one line each, for the run's summary, so that a typo in a path is seen before files land there.
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// Connections a run opens to its share at most (fewer with fewer workers): enough to keep a
    /// multi-process server (Samba serves each connection with one process) busy on several cores,
    /// few enough for a server that hosts many jobs' runs at once.
    /// </summary>
    public const int MaxConnections = 4;

    /// <summary>
    /// Opens both stores of <paramref name="spec"/>, creating a missing root directory where
    /// <paramref name="roots"/> allows it (a dry run sees it as an empty <see cref="AbsentRootStore"/>; a
    /// missing root it does not allow is a <see cref="DirectoryNotFoundException"/> that says why), and
    /// measures the time step of each side the run writes. An smb:// remote is connected (up to
    /// <see cref="MaxConnections"/> times) with the user of its URL and the password <paramref name="passwords"/>
    /// gives for the spec's credential (a password in the URL, accepted only from the one-shot CLI, wins);
    /// a credential the node lacks (named, or the default one for a user not admitted as guest) is a <see cref="MissingCredentialException"/>.
    /// Its connections wait <paramref name="reconnectBudget"/> for a server that dropped them (the client's default when null).
    /// </summary>
    public static async Task<JobStores> OpenAsync(JobSpec spec, PasswordLookup passwords, RootPolicy roots, CancellationToken ct, TimeSpan? reconnectBudget = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(passwords);
        var started = DateTimeOffset.UtcNow;
        var temps = TempNames.ForRun(spec, started);
        var owner = RunClaims.Owner(spec, started);
        var locks = new List<LocalPathLock>();
        IFileStore? local = null, remote = null;
        IAsyncDisposable? lease = null;
        var notes = new List<string>();
        try
        {
            // Before anything is created or written: a refused run leaves no trace.
            if (!roots.DryRun)
            {
                locks.Add(LocalPathLock.Acquire(spec.LocalPath, owner, LocalPathLock.DefaultDirectory));
                if (!SmbUrl.IsSmbUrl(spec.Remote))
                {
                    locks.Add(LocalPathLock.Acquire(spec.Remote, owner, LocalPathLock.DefaultDirectory));
                }
            }
            local = OpenLocal(spec.LocalPath, SyncSide.Local, roots, temps, notes);
            remote = SmbUrl.IsSmbUrl(spec.Remote)
                ? await OpenSmbAsync(spec, passwords, roots, temps, notes, reconnectBudget, ct)
                : OpenLocal(spec.Remote, SyncSide.Remote, roots, temps, notes);
            if (!roots.DryRun && remote is SmbFileStore share)
            {
                lease = await share.LeaseAsync(owner, ct);
            }
            foreach (var (side, store) in new[] { (SyncSide.Local, local), (SyncSide.Remote, remote) })
            {
                if (roots.Writes(side))
                {
                    await store.MeasureTimestampPrecisionAsync(ct);
                }
            }
            // Last, once nothing can refuse the run: the mark that tells this root from an empty one put in its place.
            if (!roots.DryRun && RootMarker.Mark(Path.GetFullPath(spec.LocalPath), roots.Writes(SyncSide.Local)) is { } unmarked)
            {
                notes.Add(unmarked);
            }
            return new JobStores(local, remote) { Temps = temps, Lease = lease, Locks = locks, Notes = notes };
        }
        catch
        {
            await ReleaseAsync(lease, local, remote, locks);
            throw;
        }
    }

    private static async Task<IFileStore> OpenSmbAsync(
        JobSpec spec, PasswordLookup passwords, RootPolicy roots, TempNames temps, List<string> notes, TimeSpan? reconnectBudget, CancellationToken ct)
    {
        var url = SmbUrl.Parse(spec.Remote);
        var place = url.Path.Length == 0 ? url.Share : $"{url.Share}/{url.Path}";
        var options = ClientOptions(spec, url, passwords);
        try
        {
            var store = await SmbFileStore.OpenAsync(reconnectBudget is { } budget ? options with { ReconnectBudget = budget } : options, url.Share, url.Path, ct,
                connections: Math.Clamp(spec.Workers, 1, MaxConnections), createRoot: roots.MayCreate(SyncSide.Remote), temps,
                encodeNames: spec.EncodeNames ?? JobDefaults.EncodeNames);
            if (store.CreatedRoot)
            {
                notes.Add(CreatedNote(SyncSide.Remote, place, dryRun: false));
            }
            return store;
        }
        catch (DirectoryNotFoundException) when (roots.PreviewsAsEmpty(SyncSide.Remote))
        {
            notes.Add(CreatedNote(SyncSide.Remote, place, dryRun: true));
            return new AbsentRootStore(url.WithoutPassword(), caseSensitive: false,
                spec.EncodeNames ?? JobDefaults.EncodeNames ? NameRules.SmbEncoded : NameRules.Smb);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new DirectoryNotFoundException(roots.Explain(SyncSide.Remote, e.Message), e);
        }
    }

    /// <summary>
    /// How to reach <paramref name="url"/>, the remote of <paramref name="spec"/>: its user with the password
    /// <paramref name="passwords"/> gives for the spec's credential (a password in the URL wins), its protection.
    /// A credential the node lacks is a <see cref="MissingCredentialException"/>.
    /// </summary>
    internal static SmbClientOptions ClientOptions(JobSpec spec, SmbUrl url, PasswordLookup passwords)
    {
        var password = url.Password ?? passwords(spec.Credential);
        var credentials = url.User is null ? SmbCredentials.Anonymous : new SmbCredentials(url.Domain ?? "", url.User, password ?? "");
        // Without a password the server would only answer LOGON_FAILURE (or admit a guest), hiding that the node has
        // none; unless Kerberos needs none (a ticket cache or keytab), or is demanded and will say what it lacks.
        if (url.User is not null && password is null && (spec.Credential is not null || !url.Guest) && !url.KerberosNeedsNoPassword())
        {
            throw new MissingCredentialException(spec.Credential);
        }
        return new SmbClientOptions
        {
            Host = url.Host,
            Port = url.Port,
            Credentials = credentials,
            RequireSigning = url.Protection == SmbProtection.Sign,
            RequireEncryption = url.Protection == SmbProtection.Encrypt,
            AllowGuest = url.Guest,
            Authentication = url.Auth,
            ServicePrincipal = url.ServicePrincipal,
        };
    }

    private static IFileStore OpenLocal(string path, SyncSide side, RootPolicy roots, TempNames temps, List<string> notes)
    {
        if (!Directory.Exists(path) && roots.MayCreate(side))
        {
            Directory.CreateDirectory(path);
            notes.Add(CreatedNote(side, path, dryRun: false));
        }
        if (!Directory.Exists(path) && !File.Exists(path) && roots.PreviewsAsEmpty(side))
        {
            notes.Add(CreatedNote(side, path, dryRun: true));
            return new AbsentRootStore(Path.GetFullPath(path), caseSensitive: true);
        }
        LocalFileStore store;
        try
        {
            store = new LocalFileStore(path, temps);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new DirectoryNotFoundException(roots.Explain(side, e.Message), e);
        }
        if (side == SyncSide.Local)
        {
            RootMarker.Check(Path.GetFullPath(path), roots);
        }
        return store;
    }

    private static string CreatedNote(SyncSide side, string place, bool dryRun) =>
        $"{(dryRun ? "would create" : "created")} the {side.ToString().ToLowerInvariant()} directory {place}";

    /// <summary>The run's claim on an SMB remote directory (<see cref="SmbFileStore.LeaseAsync"/>), given back first.</summary>
    private IAsyncDisposable? Lease { get; init; }

    /// <summary>The run's locks on its local directories (<see cref="LocalPathLock"/>), given back once the stores are closed.</summary>
    private IReadOnlyList<LocalPathLock> Locks { get; init; } = [];

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ReleaseAsync(Lease, Local, Remote, Locks);

    /// <summary>Gives back the lease, closes the stores, then lets go of the local locks, whatever fails on the way.</summary>
    private static async ValueTask ReleaseAsync(IAsyncDisposable? lease, IFileStore? local, IFileStore? remote, IReadOnlyList<LocalPathLock> locks)
    {
        try
        {
            if (lease is not null)
            {
                await lease.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                if (local is not null)
                {
                    await local.DisposeAsync();
                }
                if (remote is not null)
                {
                    await remote.DisposeAsync();
                }
            }
            finally
            {
                foreach (var held in locks)
                {
                    held.Dispose();
                }
            }
        }
    }
}
