namespace SmbSyncCluster.Smb.Auth.Spnego;

/// <summary>Writes DER elements (tag, minimal length, content) for the tokens the client sends.</summary>
internal static class DerWriter
{
    public static byte[] Element(byte tag, ReadOnlySpan<byte> content)
    {
        var lengthBytes = content.Length switch
        {
            < 0x80 => 0,
            <= 0xFF => 1,
            <= 0xFFFF => 2,
            <= 0xFFFFFF => 3,
            _ => 4,
        };
        var element = new byte[2 + lengthBytes + content.Length];
        element[0] = tag;
        if (lengthBytes == 0)
        {
            element[1] = (byte)content.Length;
        }
        else
        {
            element[1] = (byte)(0x80 | lengthBytes);
            for (var i = 0; i < lengthBytes; i++)
            {
                element[2 + i] = (byte)(content.Length >> (8 * (lengthBytes - 1 - i)));
            }
        }
        content.CopyTo(element.AsSpan(2 + lengthBytes));
        return element;
    }

    /// <summary>An element whose content is the given elements one after another.</summary>
    public static byte[] Constructed(byte tag, params ReadOnlySpan<byte[]> children)
    {
        var total = 0;
        foreach (var child in children)
        {
            total += child.Length;
        }
        var content = new byte[total];
        var offset = 0;
        foreach (var child in children)
        {
            child.CopyTo(content, offset);
            offset += child.Length;
        }
        return Element(tag, content);
    }
}
