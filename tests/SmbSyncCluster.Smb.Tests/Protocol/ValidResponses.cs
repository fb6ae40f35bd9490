using System.Text;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Tests.Protocol;

/// <summary>Well-formed server responses, built by hand from the [MS-SMB2] layouts, to mutate in fuzz tests.</summary>
internal static class ValidResponses
{
    public static byte[][] All() =>
    [
        Negotiate311(),
        WithHeader(Smb2Command.SessionSetup, Body(9, (ref WireWriter w) => { w.WriteUInt16(0); w.WriteUInt16(72); w.WriteUInt16(4); w.WriteUInt32(0xAABBCCDD); })),
        WithHeader(Smb2Command.TreeConnect, Body(16, (ref WireWriter w) => { w.WriteByte(1); w.WriteByte(0); w.WriteUInt32(0); w.WriteUInt32(0); w.WriteUInt32(0x1F01FF); })),
        WithHeader(Smb2Command.Create, Body(89, (ref WireWriter w) => { w.WriteZeros(2 + 4 + 48 + 8 + 4 + 4); w.WriteUInt64(1); w.WriteUInt64(2); w.WriteUInt32(0); w.WriteUInt32(0); })),
        WithHeader(Smb2Command.Read, Body(17, (ref WireWriter w) => { w.WriteByte(80); w.WriteByte(0); w.WriteUInt32(3); w.WriteUInt32(0); w.WriteUInt32(0); w.WriteBytes([1, 2, 3]); })),
        WithHeader(Smb2Command.QueryDirectory, Body(9, (ref WireWriter w) => { w.WriteUInt16(72); var e = DirectoryEntries("x"); w.WriteUInt32((uint)e.Length); w.WriteBytes(e); })),
        DirectoryEntries("a", "bb", "ccc"),
    ];

    public static byte[] DirectoryEntries(params string[] names)
    {
        var entries = names.Select(n =>
        {
            var name = Encoding.Unicode.GetBytes(n);
            var size = (64 + name.Length + 7) & ~7;
            var buffer = new byte[size];
            var w = new WireWriter(buffer);
            w.WriteUInt32(0);
            w.WriteUInt32(0);
            w.WriteZeros(48);
            w.WriteUInt32(0x20);
            w.WriteUInt32((uint)name.Length);
            w.WriteBytes(name);
            return buffer;
        }).ToList();
        for (var i = 0; i < entries.Count - 1; i++)
        {
            BitConverter.GetBytes(entries[i].Length).CopyTo(entries[i], 0);
        }
        return [.. entries.SelectMany(e => e)];
    }

    private static byte[] Negotiate311()
    {
        var contexts = new byte[8 + 38 + 2 + 8 + 4];
        var c = new WireWriter(contexts);
        c.WriteUInt16(1); c.WriteUInt16(38); c.WriteUInt32(0);
        c.WriteUInt16(1); c.WriteUInt16(32); c.WriteUInt16(1); c.WriteZeros(32);
        c.WriteZeros(2);
        c.WriteUInt16(2); c.WriteUInt16(4); c.WriteUInt32(0);
        c.WriteUInt16(1); c.WriteUInt16(2);
        return WithHeader(Smb2Command.Negotiate, Body(65, (ref WireWriter w) =>
        {
            w.WriteUInt16(1);
            w.WriteUInt16(0x0311);
            w.WriteUInt16(2);
            w.WriteZeros(16);
            w.WriteUInt32(0x4);
            w.WriteUInt32(1 << 20);
            w.WriteUInt32(1 << 20);
            w.WriteUInt32(1 << 20);
            w.WriteZeros(16);
            w.WriteUInt16(0);
            w.WriteUInt16(0);
            w.WriteUInt32(64 + 64);
            w.WriteBytes(contexts);
        }));
    }

    private delegate void BodyWriter(ref WireWriter w);

    private static byte[] Body(ushort structureSize, BodyWriter write)
    {
        var buffer = new byte[4096];
        var w = new WireWriter(buffer);
        w.WriteUInt16(structureSize);
        write(ref w);
        return buffer[..w.Position];
    }

    private static byte[] WithHeader(Smb2Command command, byte[] body)
    {
        var message = new byte[Smb2Header.Size + body.Length];
        new Smb2Header { Command = command, Flags = Smb2HeaderFlags.ServerToRedir, Credits = 1 }.Write(message);
        body.CopyTo(message, Smb2Header.Size);
        return message;
    }
}
