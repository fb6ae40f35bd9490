namespace SmbSyncCluster.Contracts;

/// <summary>
/// What a job or a run is when its spec or command leaves a setting out: the spec's initializers, the
/// planner and the CLI's options (and their help) all take their defaults from here.
/// </summary>
public static class JobDefaults
{
    /// <summary>Both sides' changes go both ways.</summary>
    public const SyncMode Mode = SyncMode.Mirror;

    /// <summary>A conflict keeps both versions, the losing one under a conflict name.</summary>
    public const ConflictPolicy Conflict = ConflictPolicy.KeepBoth;

    /// <summary>Transfers in flight at once.</summary>
    public const int Workers = 8;

    /// <summary>Largest share of tracked files a run may delete on one side without --force.</summary>
    public const int MaxDeletePercent = 50;

    /// <summary>Names an SMB share cannot hold are stored under full-width look-alikes, as rclone stores them.</summary>
    public const bool EncodeNames = true;

    /// <summary>Days a file a run deleted or overwrote is kept in its side's versions area (0: none kept).</summary>
    public const int KeepVersionsDays = 30;
}
