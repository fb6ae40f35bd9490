using System.Buffers.Binary;
using SmbSyncCluster.Smb.Errors;

namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 NEGOTIATE response ([MS-SMB2] 2.2.4) with the negotiate contexts this client reads.</summary>
internal sealed class NegotiateResponse
{
    private const ushort StructureSize = 65;

    public ushort SecurityMode { get; private init; }
    public Guid ServerGuid { get; private init; }
    public Smb2Dialect Dialect { get; private init; }
    public uint Capabilities { get; private init; }
    public uint MaxTransactSize { get; private init; }
    public uint MaxReadSize { get; private init; }
    public uint MaxWriteSize { get; private init; }
    public Smb2Cipher Cipher { get; private set; }
    public Smb2SigningAlgorithm? SigningAlgorithm { get; private set; }
    public bool HasPreauthSha512 { get; private set; }

    public static NegotiateResponse Parse(ReadOnlySpan<byte> message)
    {
        var r = new WireReader(message) { Position = Smb2Header.Size };
        r.ExpectStructureSize(StructureSize, "NEGOTIATE response");
        var securityMode = r.ReadUInt16();
        var dialect = r.ReadUInt16();
        var contextCount = r.ReadUInt16();
        var serverGuid = r.ReadGuid();
        var caps = r.ReadUInt32();
        var maxTransact = r.ReadUInt32();
        var maxRead = r.ReadUInt32();
        var maxWrite = r.ReadUInt32();
        r.Skip(20); // SystemTime, ServerStartTime, and the security buffer: SPNEGO hints this client does not need
        var contextOffset = r.ReadUInt32();
        if (!Enum.IsDefined((Smb2Dialect)dialect))
        {
            throw new SmbProtocolException($"server chose dialect 0x{dialect:X4}, which was not offered");
        }
        var response = new NegotiateResponse
        {
            SecurityMode = securityMode,
            ServerGuid = serverGuid,
            Dialect = (Smb2Dialect)dialect,
            Capabilities = caps,
            MaxTransactSize = maxTransact,
            MaxReadSize = maxRead,
            MaxWriteSize = maxWrite,
        };
        if (response.Dialect == Smb2Dialect.Smb311)
        {
            response.ReadContexts(r, contextOffset, contextCount);
        }
        return response;
    }

    private void ReadContexts(WireReader r, uint offset, ushort count)
    {
        var position = (long)offset;
        for (var i = 0; i < count; i++)
        {
            position = NegotiateContext.Align8((int)Math.Min(position, int.MaxValue - 8));
            var header = r.Slice(position, NegotiateContext.HeaderSize, "negotiate context header");
            var type = BinaryPrimitives.ReadUInt16LittleEndian(header);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(header[2..]);
            var data = new WireReader(r.Slice(position + NegotiateContext.HeaderSize, length, "negotiate context data"));
            switch (type)
            {
                case NegotiateContext.PreauthIntegrityCapabilities:
                    var hashCount = data.ReadUInt16();
                    data.Skip(2);
                    HasPreauthSha512 = hashCount == 1 && data.ReadUInt16() == NegotiateContext.HashSha512;
                    break;
                case NegotiateContext.EncryptionCapabilities:
                    if (data.ReadUInt16() != 1)
                    {
                        throw new SmbProtocolException("server must choose exactly one cipher");
                    }
                    Cipher = (Smb2Cipher)data.ReadUInt16();
                    break;
                case NegotiateContext.SigningCapabilities:
                    if (data.ReadUInt16() != 1)
                    {
                        throw new SmbProtocolException("server must choose exactly one signing algorithm");
                    }
                    SigningAlgorithm = (Smb2SigningAlgorithm)data.ReadUInt16();
                    break;
            }
            position += NegotiateContext.HeaderSize + length;
        }
        if (!HasPreauthSha512)
        {
            throw new SmbProtocolException("SMB 3.1.1 server did not select SHA-512 pre-authentication integrity");
        }
    }
}
