using CsCheck;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Security;

namespace SmbSyncCluster.Smb.Tests.Protocol;

/// <summary>
/// Random and mutated server messages fed to every response decoder: the only acceptable failure is
/// <see cref="SmbProtocolException"/> (a clean protocol error), never another exception or a hang.
/// </summary>
public sealed class DecoderFuzzTests
{
    private delegate void Decoder(byte[] message);

    private static readonly (string Name, Decoder Decode)[] Decoders =
    [
        ("header", m => Smb2Header.Read(m)),
        ("negotiate", m => NegotiateResponse.Parse(m)),
        ("session setup", m => SessionSetupResponse.Parse(m)),
        ("tree connect", m => TreeConnectResponse.Parse(m)),
        ("create", m => CreateResponse.Parse(m)),
        ("read", m => ReadResponse.Locate(m, 1 << 20)),
        ("write", m => WriteResponse.ParseCount(m)),
        ("output buffer", m => OutputBufferResponse.Locate(m, 1 << 20, "fuzz")),
        ("directory entries", m => DirectoryEntryParser.Parse(m, [])),
        ("change notifications", m => FileNotifyInformation.Parse(m, [])),
        ("transform length", m => Smb2Cryptor.PlaintextLength(m)),
    ];

    private static void OnlyProtocolErrors(byte[] message)
    {
        foreach (var (name, decode) in Decoders)
        {
            try
            {
                decode(message);
            }
            catch (SmbProtocolException)
            {
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{name} decoder threw {e.GetType().Name} on {Convert.ToHexString(message)}: {e.Message}");
            }
        }
    }

    [Fact]
    public void Random_bytes_only_ever_give_protocol_errors() =>
        Gen.Byte.Array[0, 400].Sample(OnlyProtocolErrors, iter: 20_000);

    [Fact]
    public void Mutated_valid_responses_only_ever_give_protocol_errors()
    {
        var seeds = ValidResponses.All();
        Gen.Int[0, seeds.Length - 1]
            .SelectMany(i => Gen.Int[0, seeds[i].Length - 1].Array[1, 8].SelectMany(positions =>
                Gen.Byte.Array[positions.Length].Select(values => (i, positions, values))))
            .Sample(t =>
            {
                var message = (byte[])seeds[t.i].Clone();
                for (var k = 0; k < t.positions.Length; k++)
                {
                    message[t.positions[k]] = t.values[k];
                }
                OnlyProtocolErrors(message);
            }, iter: 20_000);
    }

    [Fact]
    public void Truncations_of_valid_responses_only_ever_give_protocol_errors()
    {
        foreach (var seed in ValidResponses.All())
        {
            for (var length = 0; length < seed.Length; length++)
            {
                OnlyProtocolErrors(seed[..length]);
            }
        }
    }

    [Fact]
    public void Directory_entries_with_path_separators_are_rejected()
    {
        var message = ValidResponses.DirectoryEntries("..\\..\\etc\\passwd");

        Assert.Throws<SmbProtocolException>(() => DirectoryEntryParser.Parse(message, []));
    }

    [Fact]
    public void Directory_entry_offsets_that_loop_are_rejected()
    {
        var message = ValidResponses.DirectoryEntries("a");
        BitConverter.GetBytes(0x4).CopyTo(message, 0); // NextEntryOffset pointing back inside the entry

        Assert.Throws<SmbProtocolException>(() => DirectoryEntryParser.Parse(message, []));
    }

    [Fact]
    public void Valid_directory_entries_decode()
    {
        var entries = new List<SmbEntry>();

        DirectoryEntryParser.Parse(ValidResponses.DirectoryEntries("one.txt", "two"), entries);

        Assert.Equal(["one.txt", "two"], entries.Select(e => e.Name));
    }
}
