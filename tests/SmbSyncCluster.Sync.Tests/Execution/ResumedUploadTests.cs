using SmbSyncCluster.Contracts;
using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Sync.Tests.Execution;

/// <summary>
/// An upload that finds the job's resumable temporary file for the path on the share (as an interrupted copy
/// leaves it) sends only what it lacks when the file holds the source's first bytes, and starts over when it
/// holds anything else under the same name and time: the result is the source, byte for byte, either way.
/// </summary>
public sealed class ResumedUploadTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private const int Size = 96 * 1024 * 1024;
    private static readonly DateTime Modified = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private async Task<(long Sent, byte[] Source, byte[] Result)> UploadOverAsync(Func<byte[], byte[]> earlierCopy)
    {
        var job = new JobSpec { Id = "resume-" + Guid.NewGuid().ToString("N")[..8], LocalPath = "/l", Remote = "smb://u@h/s" };
        var temps = TempNames.ForRun(job, DateTimeOffset.UtcNow);
        var name = job.Id;
        var disk = Path.Combine(samba.Server.SharePath(), name);
        Directory.CreateDirectory(disk);
        var local = Directory.CreateTempSubdirectory("smbsync-resume-").FullName;
        var source = new byte[Size];
        new Random(3).NextBytes(source);
        await File.WriteAllBytesAsync(Path.Combine(local, "big.bin"), source);
        File.SetLastWriteTimeUtc(Path.Combine(local, "big.bin"), Modified);
        var partial = Path.Combine(disk, temps.Resumable("big.bin"));
        await File.WriteAllBytesAsync(partial, earlierCopy(source));
        File.SetLastWriteTimeUtc(partial, Modified);

        var options = new SmbClientOptions
        {
            Host = "127.0.0.1",
            Port = samba.Server.Port,
            Credentials = new SmbCredentials(SambaServer.Domain, SambaServer.UserName, SambaServer.Password),
        };
        await using var remote = await SmbFileStore.OpenAsync(options, SambaServer.ShareName, name, default, temps: temps);
        var sent = 0L;
        var result = await new ActionRunner(new LocalFileStore(local), remote, new ExecutorOptions()).RunAsync(
            new SyncAction(SyncActionKind.Upload, "big.bin") { Expected = EntryState.OfFile(Size, Modified.Ticks) }, n => sent += n, default);

        Assert.Null(result.Failure);
        Assert.False(File.Exists(partial));
        return (sent, source, await File.ReadAllBytesAsync(Path.Combine(disk, "big.bin")));
    }

    [Fact]
    public async Task A_copy_interrupted_at_two_thirds_sends_only_the_last_third()
    {
        var (sent, source, result) = await UploadOverAsync(s => s[..(Size / 3 * 2)]);

        Assert.Equal(Size - (Size / 3 * 2), sent);
        Assert.Equal(source, result);
    }

    [Fact]
    public async Task A_file_of_other_content_under_the_name_and_time_is_not_trusted_and_the_copy_starts_over()
    {
        var (sent, source, result) = await UploadOverAsync(s => [.. s[..(Size / 3 * 2)].Select(b => (byte)~b)]);

        Assert.Equal(Size, sent);
        Assert.Equal(source, result);
    }

    [Fact]
    public async Task A_hole_left_by_a_write_in_flight_is_found_and_sent_again()
    {
        var holeAt = Size / 3 * 2 - 5 * 1024 * 1024;
        var (sent, source, result) = await UploadOverAsync(s =>
        {
            var copy = s[..(Size / 3 * 2)];
            Array.Clear(copy, holeAt, 1024 * 1024); // a WRITE that never landed, behind one that did
            return copy;
        });

        Assert.Equal(Size - holeAt, sent);
        Assert.Equal(source, result);
    }
}
