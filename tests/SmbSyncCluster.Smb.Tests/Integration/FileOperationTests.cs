using System.Security.Cryptography;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>The file operations the sync engine uses, checked against what Samba actually wrote to disk.</summary>
public sealed class FileOperationTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    [Fact]
    public async Task Stat_reports_size_times_and_kind()
    {
        var (dir, local) = Samba.NewDirectory(samba.Server);
        var file = Path.Combine(local, "a.txt");
        File.WriteAllText(file, "12345");
        var mtime = new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234500);
        File.SetLastWriteTimeUtc(file, mtime);
        await using var client = await Samba.ConnectAsync(samba.Server);

        var entry = await client.StatAsync($"{dir}/a.txt");
        var directory = await client.StatAsync(dir);
        var missing = await client.TryStatAsync($"{dir}/nope");

        Assert.Equal(("a.txt", 5L, false), (entry.Name, entry.Size, entry.IsDirectory));
        Assert.Equal(mtime, entry.LastWriteTimeUtc);
        Assert.True(directory.IsDirectory);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Write_sets_the_modification_time_in_the_same_round_trip()
    {
        var (dir, local) = Samba.NewDirectory(samba.Server);
        var mtime = new DateTime(2019, 12, 31, 23, 59, 58, DateTimeKind.Utc);
        await using var client = await Samba.ConnectAsync(samba.Server);

        await client.WriteAllBytesAsync($"{dir}/t.bin", new byte[] { 1, 2, 3 }, mtime);

        Assert.Equal(mtime, File.GetLastWriteTimeUtc(Path.Combine(local, "t.bin")));
        Assert.Equal(mtime, (await client.StatAsync($"{dir}/t.bin")).LastWriteTimeUtc);
    }

    [Fact]
    public async Task A_file_being_written_can_be_read_but_not_deleted_by_another_client()
    {
        var (dir, local) = Samba.NewDirectory(samba.Server);
        await using var writer = await Samba.ConnectAsync(samba.Server);
        await using var other = await Samba.ConnectAsync(samba.Server);

        await using (var file = await writer.CreateAsync($"{dir}/.partial"))
        {
            await file.WriteAsync(0, new byte[] { 1, 2, 3 });
            await Assert.ThrowsAsync<SmbSharingViolationException>(() => other.DeleteFileAsync($"{dir}/.partial"));
            await using var reading = await other.OpenReadAsync($"{dir}/.partial");
        }
        await other.DeleteFileAsync($"{dir}/.partial");

        Assert.False(File.Exists(Path.Combine(local, ".partial")));
    }

    [Fact]
    public async Task Directories_are_created_listed_and_deleted()
    {
        var (dir, local) = Samba.NewDirectory(samba.Server);
        await using var client = await Samba.ConnectAsync(samba.Server);

        await client.CreateDirectoryAsync($"{dir}/sub");
        await client.CreateDirectoryAsync($"{dir}/sub"); // already there: fine
        await client.WriteAllBytesAsync($"{dir}/sub/f", new byte[] { 7 });
        await Assert.ThrowsAsync<SmbDirectoryNotEmptyException>(() => client.DeleteDirectoryAsync($"{dir}/sub"));
        await client.DeleteFileAsync($"{dir}/sub/f");
        await client.DeleteDirectoryAsync($"{dir}/sub");

        Assert.False(Directory.Exists(Path.Combine(local, "sub")));
        await Assert.ThrowsAsync<SmbNotFoundException>(() => client.DeleteFileAsync($"{dir}/sub/f"));
    }

    [Fact]
    public async Task Rename_moves_and_replaces_only_when_asked()
    {
        var (dir, local) = Samba.NewDirectory(samba.Server);
        await using var client = await Samba.ConnectAsync(samba.Server);
        await client.WriteAllBytesAsync($"{dir}/a.tmp", "new"u8.ToArray());
        await client.WriteAllBytesAsync($"{dir}/a", "old"u8.ToArray());

        await Assert.ThrowsAsync<SmbNameCollisionException>(() => client.RenameAsync($"{dir}/a.tmp", $"{dir}/a", replace: false));
        await client.RenameAsync($"{dir}/a.tmp", $"{dir}/a", replace: true);

        Assert.Equal("new", File.ReadAllText(Path.Combine(local, "a")));
        Assert.False(File.Exists(Path.Combine(local, "a.tmp")));
    }

    [Fact]
    public async Task Set_times_changes_the_modification_time()
    {
        var (dir, local) = Samba.NewDirectory(samba.Server);
        File.WriteAllText(Path.Combine(local, "x"), "x");
        var mtime = new DateTime(2000, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        await using var client = await Samba.ConnectAsync(samba.Server);

        await client.SetTimesAsync($"{dir}/x", mtime);

        Assert.Equal(mtime, File.GetLastWriteTimeUtc(Path.Combine(local, "x")));
    }

    [Fact]
    public async Task Ranged_reads_and_writes_through_an_open_handle()
    {
        var (dir, local) = Samba.NewDirectory(samba.Server);
        await using var client = await Samba.ConnectAsync(samba.Server);
        var data = RandomNumberGenerator.GetBytes((3 * client.MaxIoSize) + 123);

        await using (var file = await client.CreateAsync($"{dir}/big.bin"))
        {
            await file.WriteAsync(0, data);
            await file.WriteAsync(data.Length, new byte[] { 9 });
            await file.FlushAsync();
        }
        await using var reader = await client.OpenReadAsync($"{dir}/big.bin");
        var middle = new byte[client.MaxIoSize + 10];
        var n = await reader.ReadAsync(client.MaxIoSize - 5, middle);

        Assert.Equal(data.Length + 1, reader.Entry.Size);
        Assert.Equal(middle.Length, n);
        Assert.Equal(data.AsSpan(client.MaxIoSize - 5, middle.Length).ToArray(), middle);
        Assert.Equal(SHA256.HashData([.. data, 9]), SHA256.HashData(File.ReadAllBytes(Path.Combine(local, "big.bin"))));
    }

    [Fact]
    public async Task Reading_past_the_end_returns_what_is_there()
    {
        var (dir, local) = Samba.NewDirectory(samba.Server);
        File.WriteAllBytes(Path.Combine(local, "short"), [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(local, "empty"), []);
        await using var client = await Samba.ConnectAsync(samba.Server);
        await using var file = await client.OpenReadAsync($"{dir}/short");

        var buffer = new byte[10];
        Assert.Equal(3, await file.ReadAsync(0, buffer));
        Assert.Equal(0, await file.ReadAsync(3, buffer));
        Assert.Empty(await client.ReadAllBytesAsync($"{dir}/empty"));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("bad:name")]
    [InlineData("what?")]
    public async Task Paths_that_leave_the_share_or_cannot_exist_are_refused_before_sending(string path)
    {
        await using var client = await Samba.ConnectAsync(samba.Server);

        await Assert.ThrowsAsync<SmbInvalidPathException>(() => client.StatAsync(path));
        await Assert.ThrowsAsync<SmbInvalidPathException>(() => client.WriteAllBytesAsync(path, new byte[] { 1 }));
    }

    [Fact]
    public async Task Unicode_and_space_names_round_trip()
    {
        var (dir, local) = Samba.NewDirectory(samba.Server);
        await using var client = await Samba.ConnectAsync(samba.Server);
        const string name = "Résumé 日本語 – ok.txt";

        await client.WriteAllBytesAsync($"{dir}/{name}", "u"u8.ToArray());

        Assert.True(File.Exists(Path.Combine(local, name)));
        Assert.Equal(name, Assert.Single(await client.ListAsync(dir)).Name);
    }
}
