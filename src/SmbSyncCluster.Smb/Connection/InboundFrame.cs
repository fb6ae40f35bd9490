namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// One received frame in the clear: its SMB2 messages start at offset 0 of <paramref name="Buffer"/>,
/// a buffer from <see cref="System.Buffers.ArrayPool{T}.Shared"/> that whoever holds the frame returns.
/// </summary>
/// <param name="Buffer">The pooled buffer; longer than the frame.</param>
/// <param name="Length">The frame's length in bytes.</param>
/// <param name="Encrypted">True when the frame arrived inside a transform header and was decrypted.</param>
internal readonly record struct InboundFrame(byte[] Buffer, int Length, bool Encrypted);
