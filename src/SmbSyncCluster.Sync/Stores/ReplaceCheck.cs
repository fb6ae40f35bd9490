namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// Run by <see cref="IFileStore.WriteFileAsync"/> after the content is written and just before the rename
/// that replaces the existing file: it throws to keep that file (an edit made while a long copy ran),
/// and the written temporary file goes.
/// </summary>
/// <param name="ct">Cancellation.</param>
public delegate Task ReplaceCheck(CancellationToken ct);
