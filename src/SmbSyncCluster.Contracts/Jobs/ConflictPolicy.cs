namespace SmbSyncCluster.Contracts;

/// <summary>How a path changed differently on both sides is resolved; on the wire as "keep-both", "newer", "local", "remote", "skip".</summary>
public enum ConflictPolicy
{
    /// <summary>The newer version keeps the name; the other is kept beside it as a conflict copy on both sides.</summary>
    KeepBoth,

    /// <summary>The newer version overwrites the older one.</summary>
    Newer,

    /// <summary>The local version overwrites the remote one.</summary>
    Local,

    /// <summary>The remote version overwrites the local one.</summary>
    Remote,

    /// <summary>Both versions are left as they are and the conflict is reported.</summary>
    Skip,
}
