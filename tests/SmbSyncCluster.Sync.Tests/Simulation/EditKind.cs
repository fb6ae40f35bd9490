namespace SmbSyncCluster.Sync.Tests.Simulation;

/// <summary>What a user (or another client) does to one side between two runs.</summary>
internal enum EditKind
{
    AddFile,
    Modify,
    Touch,
    DeleteFile,
    AddDirectory,
    DeleteDirectory,
    SameOnBoth,
    FileToDirectory,
    DirectoryToFile,

    /// <summary>A file or a directory with all it holds renamed or moved to another path, times kept.</summary>
    Rename,

    /// <summary>A file copied to another path with its time (cp -p): the same content under a second name.</summary>
    Copy,
}
