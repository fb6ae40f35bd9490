namespace SmbSyncCluster.Smb.Auth.Spnego;

/// <summary>
/// Reads DER elements (tag, length, content) one after another from a buffer the server sent. Every
/// length is checked against what is left, so a lying length fails with
/// <see cref="AuthenticationProtocolException"/> instead of reading past the buffer.
/// </summary>
internal ref struct DerReader
{
    // Four length bytes already allow more than any SESSION_SETUP buffer can hold.
    private const int MaxLengthBytes = 4;

    private ReadOnlySpan<byte> _remaining;

    public DerReader(ReadOnlySpan<byte> data) => _remaining = data;

    public readonly bool HasMore => !_remaining.IsEmpty;

    public readonly byte PeekTag() =>
        _remaining.IsEmpty ? throw Malformed("expected another element, found the end of the data") : _remaining[0];

    /// <summary>Reads the next element, which must carry <paramref name="tag"/>, and returns its content.</summary>
    public ReadOnlySpan<byte> Read(byte tag)
    {
        var actual = PeekTag();
        if (actual != tag)
        {
            throw Malformed($"expected tag 0x{tag:X2}, found 0x{actual:X2}");
        }
        return ReadAny(out _);
    }

    /// <summary>Reads the next element whatever its tag and returns its content.</summary>
    public ReadOnlySpan<byte> ReadAny(out byte tag)
    {
        tag = PeekTag();
        if ((tag & 0x1F) == 0x1F)
        {
            throw Malformed("multi-byte tags do not occur in SPNEGO");
        }
        if (_remaining.Length < 2)
        {
            throw Malformed("the element has no length");
        }

        var first = _remaining[1];
        var headerLength = 2;
        long length;
        if (first < 0x80)
        {
            length = first;
        }
        else
        {
            var lengthBytes = first & 0x7F;
            if (lengthBytes == 0)
            {
                throw Malformed("indefinite lengths are not DER");
            }
            if (lengthBytes > MaxLengthBytes || _remaining.Length < 2 + lengthBytes)
            {
                throw Malformed("the element's length field is truncated or too long");
            }
            length = 0;
            foreach (var b in _remaining.Slice(2, lengthBytes))
            {
                length = (length << 8) | b;
            }
            headerLength += lengthBytes;
        }

        if (length > _remaining.Length - headerLength)
        {
            throw Malformed($"an element claims {length} bytes but only {_remaining.Length - headerLength} remain");
        }
        var content = _remaining.Slice(headerLength, (int)length);
        _remaining = _remaining[(headerLength + (int)length)..];
        return content;
    }

    /// <summary>Fails unless everything was read: trailing bytes mean the structure is not what it claims.</summary>
    public readonly void EnsureEnd(string structure)
    {
        if (!_remaining.IsEmpty)
        {
            throw Malformed($"{_remaining.Length} unexpected bytes after the {structure}");
        }
    }

    public static AuthenticationProtocolException Malformed(string detail) =>
        new($"Malformed SPNEGO token from the server: {detail}.");
}
