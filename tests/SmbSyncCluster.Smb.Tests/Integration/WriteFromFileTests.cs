using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>
/// WRITEs whose data comes from a local file: sent from the file as it is on a plain session, read into
/// memory first when the session signs or encrypts.
/// </summary>
public sealed class WriteFromFileTests(SambaFixture samba) : IClassFixture<SambaFixture>, IDisposable
{
    private const int IoSize = 1024 * 1024;
    private readonly string _work = Directory.CreateTempSubdirectory("smbsync-writefrom-").FullName;

    public static TheoryData<string> Protections => ["plain", "signed", "encrypted"];

    /// <summary>Only a file opened for asynchronous I/O can be handed to the socket; another one is read.</summary>
    private static FileStream Open(string path, bool asynchronous = true) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, asynchronous ? FileOptions.Asynchronous : FileOptions.None);

    private Task<SmbShareClient> ConnectAsync(string protection) => Samba.ConnectAsync(samba.Server, tweak: o => protection switch
    {
        "signed" => o with { MaxIoSize = IoSize, RequireSigning = true },
        "encrypted" => o with { MaxIoSize = IoSize, RequireEncryption = true },
        _ => o with { MaxIoSize = IoSize },
    });

    private string SourceFile(int length)
    {
        var path = Path.Combine(_work, Guid.NewGuid().ToString("N"));
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [MemberData(nameof(Protections))]
    public Task Copies_a_file_of_several_writes_byte_for_byte(string protection) => CopiesAsync(protection, asynchronous: true);

    [Fact]
    public Task Copies_from_a_file_opened_for_synchronous_io() => CopiesAsync("plain", asynchronous: false);

    private async Task CopiesAsync(string protection, bool asynchronous)
    {
        await using var client = await ConnectAsync(protection);
        var (dir, local) = Samba.NewDirectory(samba.Server);
        var source = SourceFile((5 * IoSize) + 12_345);
        var reported = new List<int>();

        await using (var file = await client.CreateAsync($"{dir}/copy.bin"))
        await using (var input = Open(source, asynchronous))
        {
            input.Position = 777; // the copy reads at offsets, from 0, whatever the position
            await file.WriteFromFileAsync(input, 0, input.Length, reported.Add, window: 3);
        }

        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(Path.Combine(local, "copy.bin")));
        Assert.Equal(new FileInfo(source).Length, reported.Sum());
        Assert.True(reported.Count >= 6, $"{reported.Count} writes reported");
        Assert.Equal(protection == "signed", client.IsSigned);
        Assert.Equal(protection == "encrypted", client.IsEncrypted);
    }

    [Fact]
    public async Task Copies_only_the_length_asked_for()
    {
        await using var client = await ConnectAsync("plain");
        var (dir, local) = Samba.NewDirectory(samba.Server);
        var source = SourceFile((2 * IoSize) + 10);

        await using (var file = await client.CreateAsync($"{dir}/prefix.bin"))
        await using (var input = Open(source))
        {
            await file.WriteFromFileAsync(input, 0, IoSize + 3);
        }

        Assert.Equal(File.ReadAllBytes(source)[..(IoSize + 3)], File.ReadAllBytes(Path.Combine(local, "prefix.bin")));
    }

    [Theory]
    [MemberData(nameof(Protections))]
    public async Task A_source_shorter_than_the_length_fails_and_the_connection_goes_on(string protection)
    {
        await using var client = await ConnectAsync(protection);
        var (dir, _) = Samba.NewDirectory(samba.Server);
        var source = SourceFile(IoSize);

        await using (var file = await client.CreateAsync($"{dir}/short.bin"))
        await using (var input = Open(source))
        {
            await Assert.ThrowsAsync<EndOfStreamException>(() => file.WriteFromFileAsync(input, 0, IoSize + 1));
        }

        await RoundTrip.AssertWorksAsync(client, samba.Server);
    }

    [Fact]
    public async Task An_empty_length_writes_nothing()
    {
        await using var client = await ConnectAsync("plain");
        var (dir, local) = Samba.NewDirectory(samba.Server);
        var source = SourceFile(100);

        await using (var file = await client.CreateAsync($"{dir}/empty.bin"))
        await using (var input = Open(source))
        {
            await file.WriteFromFileAsync(input, 0, 0);
        }

        Assert.Equal(0, new FileInfo(Path.Combine(local, "empty.bin")).Length);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
