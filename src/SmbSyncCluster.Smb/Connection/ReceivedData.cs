namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// The data of one READ response, left in the received frame instead of copied out of it; disposing it
/// returns the frame. Empty at the end of the file.
/// </summary>
internal sealed class ReceivedData(Smb2Message? message, int offset, int length) : IDisposable
{
    /// <summary>What a READ at or past the end of the file returns.</summary>
    public static ReceivedData Empty { get; } = new(null, 0, 0);

    /// <summary>The bytes read.</summary>
    public int Length => length;

    /// <summary>The bytes, valid until disposed.</summary>
    public ReadOnlySpan<byte> Span => message is null ? default : message.Span.Slice(offset, length);

    public void Dispose() => message?.Dispose();
}
