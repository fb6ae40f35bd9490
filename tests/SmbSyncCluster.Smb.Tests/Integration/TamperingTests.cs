using System.Buffers.Binary;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>How a man in the middle rewrites a signed READ response, whose data it also changes.</summary>
public enum ReadAttack
{
    /// <summary>Command relabelled SESSION_SETUP, whose final response the session verifies itself.</summary>
    RelabelledSessionSetup,

    /// <summary>SessionId changed to a session the client does not know.</summary>
    OtherSession,

    /// <summary>SMB2_FLAGS_SIGNED cleared.</summary>
    SignedFlagCleared,

    /// <summary>Turned into an interim response (async, STATUS_PENDING, unsigned), data and all.</summary>
    TurnedInterim,

    /// <summary>A forged interim response chained in front, then the READ response relabelled SESSION_SETUP.</summary>
    ForgedInterimInChain,
}

/// <summary>
/// A signed or encrypted response altered in flight by a man in the middle: the client must refuse the
/// response, drop the connection, and work again on the next call. Header fields are no way around the
/// signature: what a response must carry follows from the request it answers.
/// </summary>
public sealed class TamperingTests(SigningMandatorySambaFixture signed, EncryptionRequiredSambaFixture encrypted, SambaFixture plain)
    : IClassFixture<SigningMandatorySambaFixture>, IClassFixture<EncryptionRequiredSambaFixture>, IClassFixture<SambaFixture>
{
    private const string Content = "the real content";
    private const int CommandOffset = 12;
    private const int StatusOffset = 8;
    private const int FlagsOffset = 16;
    private const int SessionIdOffset = 40;
    private const uint ServerToRedir = 0x1;
    private const uint AsyncCommand = 0x2;
    private const uint Signed = 0x8;
    private const uint StatusPending = 0x103;
    private const ushort SessionSetup = 0x0001;

    private static async Task<(SmbShareClient Client, string File)> ConnectThroughAsync(
        TamperingProxy proxy, SambaServer server, bool requireSigning = false)
    {
        var (dir, local) = Samba.NewDirectory(server);
        File.WriteAllText(Path.Combine(local, "f.txt"), Content);
        var options = Samba.Options(server) with { Port = proxy.Port, RequireSigning = requireSigning, RequestTimeout = TimeSpan.FromSeconds(5) };
        return (await SmbShareClient.ConnectAsync(options, SambaServer.ShareName), $"{dir}/f.txt");
    }

    private static async Task AssertTamperingIsRefusedAsync(SambaServer server)
    {
        using var proxy = new TamperingProxy(server.Port);
        var (client, file) = await ConnectThroughAsync(proxy, server);
        await using var _ = client;

        proxy.ArmFromEnd(3); // inside the last response of the chain, covered by the signature or the AEAD tag
        var failure = await Record.ExceptionAsync(() => client.ReadAllBytesAsync(file));
        var again = await client.ReadAllBytesAsync(file);

        Assert.True(proxy.Tampered);
        Assert.IsType<SmbProtocolException>(failure);
        Assert.Equal(Content, System.Text.Encoding.UTF8.GetString(again));
    }

    [Fact]
    public Task A_tampered_signed_response_is_refused() => AssertTamperingIsRefusedAsync(signed.Server);

    [Fact]
    public Task A_tampered_encrypted_response_is_refused() => AssertTamperingIsRefusedAsync(encrypted.Server);

    public static TheoryData<ReadAttack, bool, bool> Attacks()
    {
        var data = new TheoryData<ReadAttack, bool, bool>();
        foreach (var attack in Enum.GetValues<ReadAttack>())
        {
            // The server requires signing, or the job asks for it (protection=sign) of one that does not;
            // the file read whole in one compound, or through a stream as the sync engine reads.
            foreach (var (clientRequiresSigning, stream) in new[] { (false, false), (true, false), (false, true), (true, true) })
            {
                data.Add(attack, clientRequiresSigning, stream);
            }
        }
        return data;
    }

    private static async Task<byte[]> ReadAsync(SmbShareClient client, string file, bool stream)
    {
        if (!stream)
        {
            return await client.ReadAllBytesAsync(file);
        }
        await using var content = (await client.OpenReadAsync(file)).AsStream(closeFile: true);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task A_rewritten_header_does_not_get_tampered_data_past_the_signature(ReadAttack attack, bool clientRequiresSigning, bool stream)
    {
        var server = clientRequiresSigning ? plain.Server : signed.Server;
        using var proxy = new TamperingProxy(server.Port);
        var (client, file) = await ConnectThroughAsync(proxy, server, clientRequiresSigning);
        await using var _ = client;
        Assert.True(client.IsSigned);

        proxy.ArmRewrite(TamperingProxy.Response(Smb2Command.Read), messages => Rewrite(messages, attack));
        byte[]? read = null;
        var failure = await Record.ExceptionAsync(async () => read = await ReadAsync(client, file, stream));
        var again = await ReadAsync(client, file, stream);

        Assert.True(proxy.Tampered);
        Assert.Null(read);
        // A stream reading ahead may find the connection already failed by the refused response.
        Assert.IsType<SmbProtocolException>(failure is SmbConnectionException { InnerException: SmbProtocolException } ? failure.InnerException : failure);
        Assert.Equal(Content, System.Text.Encoding.UTF8.GetString(again));
    }

    private static List<byte[]> Rewrite(List<byte[]> messages, ReadAttack attack)
    {
        var index = messages.FindIndex(m => TamperingProxy.CommandOf(m) == Smb2Command.Read);
        var read = messages[index];
        read[read[64 + 2]] ^= 0x5A; // the first data byte: DataOffset is the READ body's third byte
        switch (attack)
        {
            case ReadAttack.RelabelledSessionSetup:
                BinaryPrimitives.WriteUInt16LittleEndian(read.AsSpan(CommandOffset), SessionSetup);
                break;
            case ReadAttack.OtherSession:
                BinaryPrimitives.WriteUInt64LittleEndian(read.AsSpan(SessionIdOffset), BinaryPrimitives.ReadUInt64LittleEndian(read.AsSpan(SessionIdOffset)) + 1);
                break;
            case ReadAttack.SignedFlagCleared:
                SetFlags(read, Flags(read) & ~Signed);
                break;
            case ReadAttack.TurnedInterim:
                SetFlags(read, (Flags(read) | AsyncCommand) & ~Signed);
                BinaryPrimitives.WriteUInt32LittleEndian(read.AsSpan(StatusOffset), StatusPending);
                break;
            case ReadAttack.ForgedInterimInChain:
                var interim = new byte[80]; // header + ERROR body (9 bytes), padded to 8
                read.AsSpan(0, 64).CopyTo(interim);
                SetFlags(interim, ServerToRedir | AsyncCommand);
                BinaryPrimitives.WriteUInt32LittleEndian(interim.AsSpan(StatusOffset), StatusPending);
                interim.AsSpan(48, 16).Clear();
                interim[64] = 9;
                BinaryPrimitives.WriteUInt16LittleEndian(read.AsSpan(CommandOffset), SessionSetup);
                messages.Insert(index, interim);
                break;
        }
        return messages;
    }

    private static uint Flags(byte[] message) => BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(FlagsOffset));

    private static void SetFlags(byte[] message, uint flags) => BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(FlagsOffset), flags);
}
