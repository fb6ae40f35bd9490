namespace SmbSyncCluster.Sync.Detection;

/// <summary>How the detector compares entries and which names each side can hold.</summary>
public sealed record DetectionOptions
{
    /// <summary>
    /// Largest write-time difference still taken as "unchanged": the coarser timestamp precision of
    /// the two stores (100 ns for NTFS and Samba, 1 s for some servers, 2 s for FAT). There is no
    /// default because too large a value hides same-size edits made within it.
    /// </summary>
    public required TimeSpan MtimeTolerance { get; init; }

    /// <summary>Names the local side can hold; checked for paths about to be created there.</summary>
    public NameRules LocalNames { get; init; } = NameRules.Permissive;

    /// <summary>Names the remote side can hold; checked for paths about to be created there.</summary>
    public NameRules RemoteNames { get; init; } = NameRules.Permissive;

    /// <summary>Local entries the scan did not follow (links, special files): nothing is created at or under them.</summary>
    public IReadOnlySet<string> LocalNotFollowed { get; init; } = new HashSet<string>();

    /// <summary>Remote entries the scan did not follow: nothing is created at or under them.</summary>
    public IReadOnlySet<string> RemoteNotFollowed { get; init; } = new HashSet<string>();
}
