namespace SmbSyncCluster.Smb.Tests.Crypto;

/// <summary>Hex test vectors as published (spaces and line breaks allowed) turned into bytes.</summary>
internal static class TestBytes
{
    public static byte[] Hex(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static byte[] Repeat(byte value, int count) => Enumerable.Repeat(value, count).ToArray();
}
