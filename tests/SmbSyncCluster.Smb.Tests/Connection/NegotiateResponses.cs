using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Tests.Connection;

/// <summary>NEGOTIATE responses built from the [MS-SMB2] 2.2.4 layout, with the fields a test varies.</summary>
internal static class NegotiateResponses
{
    private const uint LargeMtu = 0x4;

    /// <summary>
    /// A whole response message. On 3.1.1 it carries a SHA-512 pre-authentication context, and cipher
    /// and signing contexts when <paramref name="cipher"/> or <paramref name="signing"/> is given.
    /// </summary>
    public static byte[] Build(
        Smb2Dialect dialect, uint capabilities = LargeMtu, uint maxSize = 1 << 20,
        Smb2Cipher? cipher = null, Smb2SigningAlgorithm? signing = null, ushort securityMode = 1)
    {
        var contexts = dialect == Smb2Dialect.Smb311 ? Contexts(cipher, signing) : [];
        var message = new byte[Smb2Header.Size + 64 + contexts.Length];
        new Smb2Header { Command = Smb2Command.Negotiate, Flags = Smb2HeaderFlags.ServerToRedir, Credits = 1 }.Write(message);
        var w = new WireWriter(message.AsSpan(Smb2Header.Size));
        w.WriteUInt16(65);
        w.WriteUInt16(securityMode);
        w.WriteUInt16((ushort)dialect);
        w.WriteUInt16((ushort)ContextCount(dialect, cipher, signing));
        w.WriteGuid(Guid.NewGuid());
        w.WriteUInt32(capabilities);
        w.WriteUInt32(maxSize);
        w.WriteUInt32(maxSize);
        w.WriteUInt32(maxSize);
        w.WriteZeros(16); // SystemTime, ServerStartTime
        w.WriteUInt16(0); // SecurityBufferOffset
        w.WriteUInt16(0); // SecurityBufferLength
        w.WriteUInt32(contexts.Length > 0 ? Smb2Header.Size + 64u : 0);
        w.WriteBytes(contexts);
        return message;
    }

    private static int ContextCount(Smb2Dialect dialect, Smb2Cipher? cipher, Smb2SigningAlgorithm? signing) =>
        dialect != Smb2Dialect.Smb311 ? 0 : 1 + (cipher is null ? 0 : 1) + (signing is null ? 0 : 1);

    private static byte[] Contexts(Smb2Cipher? cipher, Smb2SigningAlgorithm? signing)
    {
        var buffer = new byte[256];
        var w = new WireWriter(buffer);
        w.WriteUInt16(NegotiateContext.PreauthIntegrityCapabilities);
        w.WriteUInt16(38);
        w.WriteUInt32(0);
        w.WriteUInt16(1); // one hash algorithm
        w.WriteUInt16(32); // salt length
        w.WriteUInt16(NegotiateContext.HashSha512);
        w.WriteZeros(32);
        if (cipher is { } c)
        {
            w.WriteZeros(NegotiateContext.Align8(w.Position) - w.Position);
            w.WriteUInt16(NegotiateContext.EncryptionCapabilities);
            w.WriteUInt16(4);
            w.WriteUInt32(0);
            w.WriteUInt16(1);
            w.WriteUInt16((ushort)c);
        }
        if (signing is { } s)
        {
            w.WriteZeros(NegotiateContext.Align8(w.Position) - w.Position);
            w.WriteUInt16(NegotiateContext.SigningCapabilities);
            w.WriteUInt16(4);
            w.WriteUInt32(0);
            w.WriteUInt16(1);
            w.WriteUInt16((ushort)s);
        }
        return buffer[..w.Position];
    }
}
