using System.Buffers.Binary;
using SmbSyncCluster.Smb.Errors;

namespace SmbSyncCluster.Smb.Protocol;

/// <summary>The 64-byte SMB2 packet header, sync or async form ([MS-SMB2] 2.2.1).</summary>
internal struct Smb2Header
{
    public const int Size = 64;
    public const int SignatureOffset = 48;
    public const int SignatureSize = 16;
    public const int FlagsOffset = 16;
    public const int NextCommandOffset = 20;
    public const uint ProtocolId = 0x424D53FE; // 0xFE 'S' 'M' 'B' read as little-endian

    public ushort CreditCharge;
    public NtStatus Status;
    public Smb2Command Command;
    public ushort Credits;
    public Smb2HeaderFlags Flags;
    public uint NextCommand;
    public ulong MessageId;
    /// <summary>Only in the async form (SMB2_FLAGS_ASYNC_COMMAND); replaces Reserved and TreeId.</summary>
    public ulong AsyncId;
    public uint TreeId;
    public ulong SessionId;

    public readonly bool IsAsync => (Flags & Smb2HeaderFlags.AsyncCommand) != 0;

    public readonly void Write(Span<byte> destination)
    {
        var w = new WireWriter(destination);
        w.WriteUInt32(ProtocolId);
        w.WriteUInt16(Size);
        w.WriteUInt16(CreditCharge);
        w.WriteUInt32((uint)Status);
        w.WriteUInt16((ushort)Command);
        w.WriteUInt16(Credits);
        w.WriteUInt32((uint)Flags);
        w.WriteUInt32(NextCommand);
        w.WriteUInt64(MessageId);
        if (IsAsync)
        {
            w.WriteUInt64(AsyncId);
        }
        else
        {
            w.WriteUInt32(0);
            w.WriteUInt32(TreeId);
        }
        w.WriteUInt64(SessionId);
        w.WriteZeros(SignatureSize);
    }

    public static Smb2Header Read(ReadOnlySpan<byte> message)
    {
        var r = new WireReader(message);
        if (r.ReadUInt32() != ProtocolId)
        {
            throw new SmbProtocolException("not an SMB2 message (bad protocol id)");
        }
        r.ExpectStructureSize(Size, "SMB2 header");
        var h = new Smb2Header
        {
            CreditCharge = r.ReadUInt16(),
            Status = (NtStatus)r.ReadUInt32(),
            Command = (Smb2Command)r.ReadUInt16(),
            Credits = r.ReadUInt16(),
            Flags = (Smb2HeaderFlags)r.ReadUInt32(),
            NextCommand = r.ReadUInt32(),
            MessageId = r.ReadUInt64(),
        };
        if (h.IsAsync)
        {
            h.AsyncId = r.ReadUInt64();
        }
        else
        {
            r.Skip(4);
            h.TreeId = r.ReadUInt32();
        }
        h.SessionId = r.ReadUInt64();
        return h;
    }

    /// <summary>Patches the flags of an already written header (e.g. to mark it signed).</summary>
    public static void SetFlags(Span<byte> message, Smb2HeaderFlags flags) =>
        BinaryPrimitives.WriteUInt32LittleEndian(message[FlagsOffset..], (uint)flags);

    public static void SetNextCommand(Span<byte> message, uint next) =>
        BinaryPrimitives.WriteUInt32LittleEndian(message[NextCommandOffset..], next);
}
