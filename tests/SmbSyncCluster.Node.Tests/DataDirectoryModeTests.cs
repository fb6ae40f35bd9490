using System.Runtime.Versioning;

namespace SmbSyncCluster.Node.Tests;

/// <summary>The data directory and the journal and log in it are their owner's alone, whatever the umask.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class DataDirectoryModeTests
{
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static (string Local, string Remote) NewPair()
    {
        var local = Directory.CreateTempSubdirectory("smbsync-local-").FullName;
        File.WriteAllText(Path.Combine(local, "a.txt"), "a");
        return (local, Directory.CreateTempSubdirectory("smbsync-remote-").FullName);
    }

    private static void AssertOwnerOnlyFiles(string data)
    {
        var files = Directory.GetFiles(data);
        Assert.Contains(Path.Combine(data, "journal.db"), files);
        Assert.Contains(Path.Combine(data, "smbsync.log"), files);
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{f}: {File.GetUnixFileMode(f)}"));
    }

    [Fact]
    public async Task A_new_data_directory_is_0700_and_its_journal_and_log_0600()
    {
        var (local, remote) = NewPair();
        var data = Path.Combine(Directory.CreateTempSubdirectory("smbsync-parent-").FullName, "data");
        File.SetUnixFileMode(Path.GetDirectoryName(data)!, File.GetUnixFileMode(Path.GetDirectoryName(data)!) | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var run = await CliProcess.RunAsync(null, "sync", local, remote, "--data-dir", data, "--json");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        AssertOwnerOnlyFiles(data);
    }

    [Fact]
    public async Task An_existing_directory_open_to_others_is_left_as_it_is_with_a_warning_and_looser_files_are_tightened()
    {
        var (local, remote) = NewPair();
        var data = Directory.CreateTempSubdirectory("smbsync-data-").FullName;
        const UnixFileMode open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(data, open);
        var first = await CliProcess.RunAsync(null, "sync", local, remote, "--data-dir", data, "--json");
        foreach (var file in Directory.GetFiles(data))
        {
            File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var second = await CliProcess.RunAsync(null, "sync", local, remote, "--data-dir", data, "--json");

        Assert.True(first.Code == 0 && second.Code == 0, first + "\n" + second);
        Assert.Equal(open, File.GetUnixFileMode(data));
        Assert.Contains($"smbsync: warning: the data directory '{data}' may be read by other users (mode 0755)", second.Err, StringComparison.Ordinal);
        AssertOwnerOnlyFiles(data);
        Assert.Equal(0, (int)(File.GetUnixFileMode(Path.Combine(data, "journal.db")) & Others));
    }

    [Fact]
    public async Task A_full_log_is_moved_aside_by_a_sync_that_has_the_directory_to_itself_and_every_log_stays_private()
    {
        var (local, remote) = NewPair();
        var data = Directory.CreateTempSubdirectory("smbsync-data-").FullName;
        var log = Path.Combine(data, "smbsync.log");
        File.WriteAllBytes(log, new byte[17 * 1024 * 1024]);
        File.SetUnixFileMode(log, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(log + ".1", "oldest");

        var run = await CliProcess.RunAsync(null, "sync", local, remote, "--data-dir", data, "--json");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal(17 * 1024 * 1024, new FileInfo(log + ".1").Length);
        Assert.Equal("oldest", File.ReadAllText(log + ".2"));
        Assert.Contains(" started", File.ReadAllText(log), StringComparison.Ordinal); // the new log has this run's lines
        AssertOwnerOnlyFiles(data);
    }
}
