using System.Buffers.Binary;

namespace SmbSyncCluster.Smb.Auth.Ntlm;

/// <summary>
/// The VERSION structure the client puts in its messages ([MS-NLMP] 2.2.2.10). It is informational only
/// ("for debugging purposes"), so it simply claims Windows 10.0.20348 with NTLM revision 15.
/// </summary>
internal static class NtlmVersion
{
    public const int Size = 8;

    private const byte MajorVersion = 10;
    private const byte MinorVersion = 0;
    private const ushort Build = 20348;
    private const byte NtlmRevisionCurrent = 0x0F;

    public static void Write(Span<byte> destination)
    {
        destination[0] = MajorVersion;
        destination[1] = MinorVersion;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], Build);
        destination[4..7].Clear(); // Reserved
        destination[7] = NtlmRevisionCurrent;
    }
}
