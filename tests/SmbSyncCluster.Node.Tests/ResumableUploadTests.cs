using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// A large upload whose <c>smbsync sync</c> process is killed (SIGKILL) half way goes on, in the next sync,
/// from where it stopped: it sends about the other half only, and the file on the share is byte-identical.
/// </summary>
public sealed class ResumableUploadTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private const long Size = 256L * 1024 * 1024;

    /// <summary>How far behind its end an interrupted copy may have holes, which the resume reads back: 8 WRITEs of 8 MiB.</summary>
    private const long Margin = 64L * 1024 * 1024;

    /// <summary>The resumable temporary file of the copy (its run part all 'f'), not another temporary file such as a time probe's.</summary>
    private static string? Partial(string dir) =>
        Directory.GetFiles(dir, ".smbsync-*-ffffffffffff-*.partial").SingleOrDefault();

    /// <summary>The partial file's size once the server has written what was in flight when the client died.</summary>
    private static async Task<long> SettledSizeAsync(string path)
    {
        var size = -1L;
        for (var now = new FileInfo(path).Length; now != size; now = new FileInfo(path).Length)
        {
            size = now;
            await Task.Delay(200);
        }
        return size;
    }

    [Fact]
    public async Task A_large_upload_killed_half_way_sends_only_the_rest_on_the_next_sync()
    {
        var pair = SambaPair.New(samba.Server);
        var source = Path.Combine(pair.Local, "big.bin");
        await using (var file = File.Create(source))
        {
            var block = new byte[1024 * 1024];
            var random = new Random(7);
            for (var i = 0; i < Size / block.Length; i++)
            {
                random.NextBytes(block);
                await file.WriteAsync(block);
            }
        }
        string[] args = pair.Args("--mode", "upload", "--workers", "1");

        using (var doomed = Process.Start(CliProcess.StartInfo(args, SambaServer.Password))!)
        {
            for (var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1); DateTime.UtcNow < deadline && !doomed.HasExited; await Task.Delay(1))
            {
                if (Partial(pair.RemoteDisk) is { } partial && new FileInfo(partial).Length >= Size / 2)
                {
                    break;
                }
            }
            doomed.Kill(entireProcessTree: true); // SIGKILL: nothing is cleaned up
            await doomed.WaitForExitAsync();
        }
        var left = Partial(pair.RemoteDisk);
        Assert.True(left is not null, "the kill must land mid-copy, leaving the partial file");
        var written = await SettledSizeAsync(left);
        Assert.InRange(written, Size / 2, Size - 1);

        var resumed = await CliProcess.RunAsync(SambaServer.Password, args);

        Assert.True(resumed.Code == 0, resumed.ToString());
        // The next sync first finishes the killed run, which the journal records with the bytes it sent.
        Assert.Contains("interrupted earlier", resumed.Err, StringComparison.Ordinal);
        var sent = RecordedBytes(pair.Data);
        // the rest, and at most the unsure end again
        Assert.True(sent >= Size - written && sent <= Size - written + Margin, $"{written} bytes were there, {sent} sent: {resumed}");
        Assert.Null(Partial(pair.RemoteDisk));
        Assert.Equal(await HashAsync(source), await HashAsync(Path.Combine(pair.RemoteDisk, "big.bin")));
    }

    /// <summary>The bytes the journal records as sent, over every run of the pair.</summary>
    private static long RecordedBytes(string dataDir)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "journal.db")};Mode=ReadOnly");
        connection.Open();
        using var query = new SqliteCommand("SELECT message FROM journal WHERE manifest = 'ItemsSynced.v1'", connection);
        using var reader = query.ExecuteReader();
        var bytes = 0L;
        while (reader.Read())
        {
            using var e = JsonDocument.Parse((byte[])reader[0]);
            bytes += e.RootElement.GetProperty("bytes").GetInt64();
        }
        return bytes;
    }

    private static async Task<string> HashAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(file));
    }
}
