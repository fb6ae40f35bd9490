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
}
