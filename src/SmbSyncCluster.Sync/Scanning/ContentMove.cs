using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Scanning;

/// <summary>
/// A file the user moved on <paramref name="MovedOn"/> from <paramref name="From"/> to <paramref name="To"/>
/// with its time changed on the way, known to be the same file because the bytes at <paramref name="To"/>
/// there are those the other side still holds at <paramref name="From"/> (checksum mode).
/// </summary>
/// <param name="MovedOn">The side where the file moved.</param>
/// <param name="From">Its old path.</param>
/// <param name="To">Its new path.</param>
public sealed record ContentMove(SyncSide MovedOn, string From, string To);
