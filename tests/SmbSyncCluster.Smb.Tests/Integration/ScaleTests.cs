using System.Security.Cryptography;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>Large directories, large files, many concurrent requests, and a connection killed mid-transfer.</summary>
public sealed class ScaleTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    [Fact]
    public async Task Lists_a_directory_of_ten_thousand_entries()
    {
        var (dir, local) = Samba.NewDirectory(samba.Server);
        for (var i = 0; i < 10_000; i++)
        {
            File.WriteAllBytes(Path.Combine(local, $"file-{i:D5}-with-a-longer-name-to-span-several-buffers.dat"), []);
        }
        await using var client = await Samba.ConnectAsync(samba.Server);

        var entries = await client.ListAsync(dir);

        Assert.Equal(10_000, entries.Count);
        Assert.Equal(10_000, entries.Select(e => e.Name).Distinct().Count());
    }

    [Fact]
    public async Task One_GiB_round_trip_keeps_every_byte()
    {
        const long size = 1L << 30;
        var (dir, local) = Samba.NewDirectory(samba.Server);
        await using var client = await Samba.ConnectAsync(samba.Server);
        var block = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);
        using var sent = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        await using (var file = await client.CreateAsync($"{dir}/gig.bin"))
        await using (var stream = file.AsStream())
        {
            for (long written = 0; written < size; written += block.Length)
            {
                block[0] = (byte)(written >> 22); // every block differs
                sent.AppendData(block);
                await stream.WriteAsync(block);
            }
        }
        using var received = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        await using (var file = await client.OpenReadAsync($"{dir}/gig.bin"))
        await using (var stream = file.AsStream())
        {
            var buffer = new byte[1024 * 1024];
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0)
            {
                received.AppendData(buffer, 0, n);
                total += n;
            }
        }

        Assert.Equal(size, total);
        Assert.Equal(size, new FileInfo(Path.Combine(local, "gig.bin")).Length);
        Assert.Equal(sent.GetHashAndReset(), received.GetHashAndReset());
        File.Delete(Path.Combine(local, "gig.bin"));
    }

    [Fact]
    public async Task A_thousand_concurrent_small_file_operations_share_one_connection()
    {
        var (dir, local) = Samba.NewDirectory(samba.Server);
        await using var client = await Samba.ConnectAsync(samba.Server);

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            client.WriteAllBytesAsync($"{dir}/f{i}", BitConverter.GetBytes(i))));
        var readBack = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => client.ReadAllBytesAsync($"{dir}/f{i}")));

        Assert.Equal(1000, Directory.GetFiles(local).Length);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(i, BitConverter.ToInt32(readBack[i]));
        }
    }

    [Fact]
    public async Task A_connection_killed_mid_read_fails_the_read_and_the_next_call_reconnects()
    {
        var (dir, local) = Samba.NewDirectory(samba.Server);
        var data = RandomNumberGenerator.GetBytes(64 * 1024 * 1024);
        File.WriteAllBytes(Path.Combine(local, "big"), data);
        await using var client = await Samba.ConnectAsync(samba.Server);
        await using var file = await client.OpenReadAsync($"{dir}/big");

        var reads = Enumerable.Range(0, 8).Select(async _ =>
        {
            var buffer = new byte[data.Length];
            await file.ReadAsync(0, buffer);
        }).ToList();
        await Task.Delay(20);
        samba.Server.KillClientConnections();

        await Assert.ThrowsAsync<SmbConnectionException>(() => Task.WhenAll(reads));
        var again = await client.ReadAllBytesAsync($"{dir}/big");
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(again));
    }

    [Fact]
    public async Task Cancelling_a_large_read_leaves_the_connection_usable()
    {
        var (dir, local) = Samba.NewDirectory(samba.Server);
        File.WriteAllBytes(Path.Combine(local, "big"), new byte[256 * 1024 * 1024]);
        File.WriteAllText(Path.Combine(local, "small"), "still here");
        await using var client = await Samba.ConnectAsync(samba.Server);
        await using var file = await client.OpenReadAsync($"{dir}/big");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(30));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => file.ReadAsync(0, new byte[256 * 1024 * 1024], cts.Token).AsTask());
        var after = await client.ReadAllBytesAsync($"{dir}/small");

        Assert.Equal("still here", System.Text.Encoding.UTF8.GetString(after));
    }
}
