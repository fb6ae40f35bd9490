using System.Buffers.Binary;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Security;
using SmbSyncCluster.Smb.Tests.Integration;

namespace SmbSyncCluster.Smb.Tests.Fuzz;

/// <summary>
/// Protocol-aware mutations of a recorded server frame: header fields, body length and offset fields at
/// their boundaries, truncation and extension, compound chains spliced, duplicated and reordered, and
/// raw damage to the bytes, the chain links and the NetBIOS length prefix. Every answer gets the
/// MessageIds of the request it answers (unless the mutation is the MessageId), and, when a signer is
/// given, structured mutations are mostly signed again, so they reach past the signature check.
/// </summary>
internal sealed class FrameMutator(Random random, IReadOnlyList<byte[]> corpus, Smb2Signer? signer)
{
    private const int CommandOffset = 12;
    private const int StatusOffset = 8;
    private const int CreditChargeOffset = 6;
    private const int CreditsOffset = 14;
    private const int MessageIdOffset = 24;
    private const int AsyncIdOffset = 32;
    private const int SessionIdOffset = 40;
    private const int HeaderStructureSizeOffset = 4;
    private const int StructuredKinds = 6;
    private const int MutationKinds = StructuredKinds + 7;
    private const int ChainableLength = Smb2Header.NextCommandOffset + 4;

    private static readonly uint[] Statuses =
    [
        (uint)NtStatus.Success, (uint)NtStatus.Pending, (uint)NtStatus.MoreProcessingRequired, (uint)NtStatus.NoMoreFiles,
        0x80000005, // STATUS_BUFFER_OVERFLOW: an error status that still carries a body
        (uint)NtStatus.AccessDenied, (uint)NtStatus.EndOfFile, 0xFFFFFFFF,
    ];

    private static readonly uint[] FlagBits =
    [
        (uint)Smb2HeaderFlags.ServerToRedir, (uint)Smb2HeaderFlags.AsyncCommand, (uint)Smb2HeaderFlags.RelatedOperations,
        (uint)Smb2HeaderFlags.Signed, (uint)Smb2HeaderFlags.DfsOperations,
    ];

    /// <summary>What the last call did, to reproduce a failure by eye as well as by seed.</summary>
    public string Description { get; private set; } = "unmutated";

    /// <summary>True when the last mutant was signed again, as only someone holding the session key could.</summary>
    public bool Resigned { get; private set; }

    /// <summary>The recorded frame with the request's MessageIds, signed again where that changed it.</summary>
    public byte[] Faithful(byte[] recorded, ulong[] ids)
    {
        var messages = TamperingProxy.Split(recorded);
        var changed = FixMessageIds(messages, ids);
        if (changed)
        {
            Resign(messages);
        }
        return Prefixed(TamperingProxy.Chain(messages));
    }

    /// <summary>One mutation of <paramref name="recorded"/>, returned with its NetBIOS length prefix.</summary>
    public byte[] Mutate(byte[] recorded, ulong[] ids)
    {
        var messages = TamperingProxy.Split(recorded);
        var kind = random.Next(MutationKinds);
        var keepIds = false;
        if (kind < StructuredKinds)
        {
            // Now and then two at once: some states need two fields to agree (an async interim response).
            var applied = new List<string>();
            for (var round = random.Next(3) == 0 ? 2 : 1; round > 0; round--)
            {
                keepIds |= MutateStructure(messages, random.Next(StructuredKinds));
                applied.Add(Description);
            }
            Description = string.Join("; ", applied);
        }
        if (!keepIds)
        {
            FixMessageIds(messages, ids);
        }
        Resigned = signer is not null && kind < StructuredKinds && random.Next(4) != 0;
        if (Resigned)
        {
            Resign(messages);
        }
        var frame = TamperingProxy.Chain(messages);
        return (kind - StructuredKinds) switch
        {
            < 0 => Prefixed(frame),
            0 or 1 => FlipBits(frame),
            2 or 3 => Prefixed(BreakChainLink(frame, messages)),
            4 or 5 => Prefixed(ResizeFrame(frame)),
            _ => BreakPrefix(frame),
        };
    }

    /// <summary>One mutation of the messages' contents or order; true when it set a MessageId.</summary>
    private bool MutateStructure(List<byte[]> messages, int kind)
    {
        switch (kind)
        {
            case 0 or 1:
                return MutateHeader(messages);
            case 2:
                MutateBodyField(Pick(messages));
                return false;
            case 3:
                ResizeMessage(messages);
                return false;
            case 4:
                Splice(messages);
                return false;
            default:
                Rearrange(messages);
                return false;
        }
    }

    private static bool FixMessageIds(List<byte[]> messages, ulong[] ids)
    {
        var changed = false;
        for (var i = 0; i < Math.Min(ids.Length, messages.Count) && messages[i].Length >= MessageIdOffset + 8; i++)
        {
            changed |= BinaryPrimitives.ReadUInt64LittleEndian(messages[i].AsSpan(MessageIdOffset)) != ids[i];
            BinaryPrimitives.WriteUInt64LittleEndian(messages[i].AsSpan(MessageIdOffset), ids[i]);
        }
        return changed;
    }

    private void Resign(List<byte[]> messages)
    {
        if (signer is null)
        {
            return;
        }
        foreach (var message in messages.Where(m => m.Length >= Smb2Header.Size && (Flags(m) & Smb2HeaderFlags.Signed) != 0))
        {
            signer.Sign(message);
        }
    }

    /// <summary>Changes one header field of one message; true when that field is the MessageId.</summary>
    private bool MutateHeader(List<byte[]> messages)
    {
        var index = random.Next(messages.Count);
        var m = messages[index];
        switch (random.Next(9))
        {
            case 0:
                Put16(m, CommandOffset, Pick<ushort>([0, 1, 3, 5, 6, 8, 9, 0x0B, 0x0E, 0x10, 0x12, 0x13, 0xFFFF]), "Command");
                return false;
            case 1:
                Put32(m, StatusOffset, Pick(Statuses), "Status");
                return false;
            case 2:
                Put32(m, Smb2Header.FlagsOffset, (uint)Flags(m) ^ Pick(FlagBits), "Flags");
                return false;
            case 3:
                var id = BinaryPrimitives.ReadUInt64LittleEndian(m.AsSpan(MessageIdOffset));
                Put64(m, MessageIdOffset, Pick<ulong>([0, id + 1, id - 1, ulong.MaxValue, (ulong)random.NextInt64()]), "MessageId");
                return true;
            case 4:
                Put16(m, CreditsOffset, Pick<ushort>([0, 1, 0xFFFF, (ushort)random.Next(0x10000)]), "CreditResponse");
                return false;
            case 5:
                var session = BinaryPrimitives.ReadUInt64LittleEndian(m.AsSpan(SessionIdOffset));
                Put64(m, SessionIdOffset, Pick<ulong>([0, session ^ 1, ulong.MaxValue]), "SessionId");
                return false;
            case 6:
                Put16(m, HeaderStructureSizeOffset, Pick<ushort>([0, 63, 65, 0xFFFF]), "header StructureSize");
                return false;
            case 7:
                Put16(m, CreditChargeOffset, Pick<ushort>([0, 1, 0xFFFF]), "CreditCharge");
                return false;
            default:
                Put64(m, AsyncIdOffset, (ulong)random.NextInt64(), "AsyncId/TreeId");
                return false;
        }
    }

    /// <summary>A 16- or 32-bit word early in the body (where StructureSize, lengths and offsets live) set to a boundary.</summary>
    private void MutateBodyField(byte[] m)
    {
        var bodyWords = Math.Min(48, (m.Length - Smb2Header.Size) / 2);
        if (bodyWords < 2)
        {
            Description = "body too short to mutate";
            return;
        }
        var offset = Smb2Header.Size + (2 * random.Next(bodyWords - 1));
        var len = (uint)m.Length;
        var value = Pick<uint>([0u, 1u, len - 1, len, len + 1, len - Smb2Header.Size, 0xFFFFu, 0x10000u, 0x7FFFFFFFu, 0xFFFFFFFFu]);
        if (random.Next(2) == 0 || offset + 4 > m.Length)
        {
            Put16(m, offset, (ushort)value, $"body word at {offset}");
        }
        else
        {
            Put32(m, offset, value, $"body dword at {offset}");
        }
    }

    private void ResizeMessage(List<byte[]> messages)
    {
        var index = random.Next(messages.Count);
        var m = messages[index];
        var length = random.Next(3) switch
        {
            0 => random.Next(m.Length),
            1 => Pick<int>([ChainableLength, Smb2Header.Size - 1, Smb2Header.Size, Smb2Header.Size + 1, m.Length - 1]),
            _ => m.Length + Pick<int>([1, 7, 8, 64, random.Next(1, 4096)]),
        };
        // Shorter than its NextCommand field, a message cannot be chained; ResizeFrame cuts anywhere.
        length = Math.Max(ChainableLength, length);
        var resized = new byte[length];
        m.AsSpan(0, Math.Min(length, m.Length)).CopyTo(resized);
        random.NextBytes(resized.AsSpan(Math.Min(length, m.Length)));
        messages[index] = resized;
        Description = $"message {index} resized {m.Length} -> {length}";
    }

    /// <summary>Chains the messages of another recorded frame into this one, at a random place.</summary>
    private void Splice(List<byte[]> messages)
    {
        var donor = random.Next(corpus.Count);
        var others = TamperingProxy.Split(corpus[donor]);
        var at = random.Next(messages.Count + 1);
        messages.InsertRange(at, others.Select(Padded));
        for (var i = 0; i < messages.Count - 1; i++)
        {
            messages[i] = Padded(messages[i]);
        }
        Description = $"spliced frame {donor} ({others.Count} messages) in at {at}";
    }

    private void Rearrange(List<byte[]> messages)
    {
        var i = random.Next(messages.Count);
        var j = random.Next(messages.Count);
        switch (random.Next(3))
        {
            case 0:
                messages.Insert(j, (byte[])messages[i].Clone());
                Description = $"message {i} duplicated at {j}";
                break;
            case 1:
                (messages[i], messages[j]) = (messages[j], messages[i]);
                Description = $"messages {i} and {j} swapped";
                break;
            default:
                if (messages.Count > 1)
                {
                    messages.RemoveAt(i);
                }
                Description = $"message {i} of {messages.Count + 1} dropped";
                break;
        }
        for (var k = 0; k < messages.Count - 1; k++)
        {
            messages[k] = Padded(messages[k]);
        }
    }

    private byte[] FlipBits(byte[] frame)
    {
        var flips = random.Next(1, 5);
        var positions = new List<int>();
        for (var i = 0; i < flips; i++)
        {
            var bit = random.Next(frame.Length * 8);
            frame[bit / 8] ^= (byte)(1 << (bit % 8));
            positions.Add(bit);
        }
        Description = $"bits {string.Join(',', positions)} flipped";
        return Prefixed(frame);
    }

    /// <summary>Points one message's NextCommand at a boundary: itself, the header, the end, past the end.</summary>
    private byte[] BreakChainLink(byte[] frame, List<byte[]> messages)
    {
        var index = random.Next(messages.Count);
        var offset = messages.Take(index).Sum(m => m.Length);
        var remaining = (uint)(frame.Length - offset);
        var value = Pick<uint>([0u, 1u, 8u, Smb2Header.Size - 1, Smb2Header.Size, remaining - Smb2Header.Size, remaining - 1, remaining, remaining + 1, 0xFFFFu, 0x80000000u, 0xFFFFFFFFu]);
        if (offset + Smb2Header.Size <= frame.Length)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(offset + Smb2Header.NextCommandOffset), value);
        }
        Description = $"NextCommand of message {index} = {value}";
        return frame;
    }

    private byte[] ResizeFrame(byte[] frame)
    {
        var length = random.Next(2) == 0 ? random.Next(frame.Length) : frame.Length + random.Next(1, 2048);
        var resized = new byte[length];
        frame.AsSpan(0, Math.Min(length, frame.Length)).CopyTo(resized);
        random.NextBytes(resized.AsSpan(Math.Min(length, frame.Length)));
        Description = $"frame resized {frame.Length} -> {length}";
        return resized;
    }

    /// <summary>A NetBIOS length prefix that disagrees with the frame, or a non-zero message type.</summary>
    private byte[] BreakPrefix(byte[] frame)
    {
        var prefixed = Prefixed(frame);
        var length = (uint)frame.Length;
        var value = Pick<uint>([0u, 1u, Smb2Header.Size - 1, Smb2Header.Size, length - 1, length + 1, 0xFFFFFFu, 0x85000000u | length, 0x01000000u | length]);
        BinaryPrimitives.WriteUInt32BigEndian(prefixed, value);
        Description = $"NetBIOS prefix 0x{value:X8} for {length} bytes";
        return prefixed;
    }

    private static byte[] Prefixed(byte[] frame)
    {
        var prefixed = new byte[4 + frame.Length];
        BinaryPrimitives.WriteUInt32BigEndian(prefixed, (uint)frame.Length);
        frame.CopyTo(prefixed, 4);
        return prefixed;
    }

    /// <summary>A chain member padded to 8 bytes, as [MS-SMB2] 3.3.4.1.3 lays out compound responses.</summary>
    private static byte[] Padded(byte[] message) =>
        message.Length % 8 == 0 ? message : [.. message, .. new byte[8 - (message.Length % 8)]];

    private static Smb2HeaderFlags Flags(byte[] m) =>
        m.Length >= Smb2Header.Size ? (Smb2HeaderFlags)BinaryPrimitives.ReadUInt32LittleEndian(m.AsSpan(Smb2Header.FlagsOffset)) : 0;

    private T Pick<T>(IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];

    private void Put16(byte[] m, int offset, ushort value, string field)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(offset), value);
        Description = $"{field} = 0x{value:X}";
    }

    private void Put32(byte[] m, int offset, uint value, string field)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(offset), value);
        Description = $"{field} = 0x{value:X}";
    }

    private void Put64(byte[] m, int offset, ulong value, string field)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(m.AsSpan(offset), value);
        Description = $"{field} = 0x{value:X}";
    }
}
