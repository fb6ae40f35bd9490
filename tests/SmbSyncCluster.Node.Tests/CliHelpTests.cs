using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Cli;
using SmbSyncCluster.Node.Hosting;

namespace SmbSyncCluster.Node.Tests;

/// <summary>The help generated from the verbs' declarations, response files and completions.</summary>
public sealed class CliHelpTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CommandLineTests.Run(args);

    [Fact]
    public void No_arguments_print_the_usage_and_exit_2_and_help_exits_0()
    {
        var (none, usage, noneErr) = Run();
        var (help, helpText, _) = Run("help");

        Assert.Equal((2, 0, ""), (none, help, noneErr));
        Assert.Contains("smbsync sync <LOCAL> <REMOTE> [options]", usage, StringComparison.Ordinal);
        Assert.Equal(usage, helpText);
    }

    [Fact]
    public void Each_verb_lists_its_options_with_their_defaults_and_the_notes_that_concern_it()
    {
        var (code, sync, _) = Run("sync", "--help");
        var (_, create, _) = Run("jobs", "create", "--help");

        Assert.Equal(0, code);
        foreach (var option in new[] { "--mode", "--conflict", "--workers", "--exclude", "--include", "--max-delete", "--force", "--dry-run", "--checksum", "--job", "--data-dir", "--json", "--password-file" })
        {
            Assert.Contains(option, sync, StringComparison.Ordinal);
        }
        Assert.Contains("[default: 8]", sync, StringComparison.Ordinal);
        Assert.Contains("[default: 50]", sync, StringComparison.Ordinal);
        Assert.Contains("REMOTE is smb://", sync, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 synced", sync, StringComparison.Ordinal);
        Assert.Contains("smbsync jobs create [<ID>] [options]", create, StringComparison.Ordinal);
        Assert.Contains("--no-checksum", create, StringComparison.Ordinal);
        Assert.Contains("[default: mirror]", create, StringComparison.Ordinal);
        Assert.Contains("GLOB: ", create, StringComparison.Ordinal);
        Assert.DoesNotContain("--max-delete", create, StringComparison.Ordinal);
    }

    [Fact]
    public void Versions_and_restore_show_their_arguments_options_and_notes_and_the_root_lists_them()
    {
        var (code, versions, _) = Run("versions", "--help");
        var (restoreCode, restore, _) = Run("restore", "--help");
        var (_, root, _) = Run("--help");

        Assert.Equal((0, 0), (code, restoreCode));
        Assert.Contains("smbsync versions <LOCAL> <REMOTE> <PATH> [options]", root, StringComparison.Ordinal);
        Assert.Contains("smbsync restore <LOCAL> <REMOTE> <PATH> <VERSION> [options]", root, StringComparison.Ordinal);
        foreach (var text in new[] { "--json", "--password-file", "REMOTE is smb://", "stem~YYYYMMDD-HHMMSS-mmm.ext", "Exit codes: 0 done" })
        {
            Assert.Contains(text, versions, StringComparison.Ordinal);
        }
        foreach (var text in new[] { "<VERSION>", "--side <local|remote>", "--password-file", "A restore keeps the current file as a version first", "3 refused" })
        {
            Assert.Contains(text, restore, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("--json", restore, StringComparison.Ordinal);
        Assert.DoesNotContain("--mode", versions, StringComparison.Ordinal);
    }

    [Fact]
    public void Versions_and_restore_with_the_wrong_arguments_are_one_line()
    {
        var local = Directory.CreateTempSubdirectory("smbsync-cli-").FullName;

        var (few, _, fewErr) = Run("versions", local, "smb://u@nas/s");
        var (side, _, sideErr) = Run("restore", local, "smb://u@nas/s", "a.txt", "a~20200101-000000-000.txt", "--side", "both");
        var (missing, _, missingErr) = Run("restore", local + "-missing", "smb://u@nas/s", "a.txt", "a~20200101-000000-000.txt");
        var (other, _, otherErr) = Run("versions", local, "ftp://nas/s", "a.txt");

        Assert.Equal((2, "smbsync: versions takes LOCAL, REMOTE and PATH, got 2 arguments; see 'smbsync versions --help'"), (few, fewErr.TrimEnd()));
        Assert.Equal((2, "smbsync: --side 'both' is not one of local, remote"), (side, sideErr.TrimEnd()));
        Assert.Equal((2, $"smbsync: local path '{local}-missing' does not exist or is not a directory"), (missing, missingErr.TrimEnd()));
        Assert.Equal((2, "smbsync: REMOTE 'ftp://nas/s' is not an smb:// URL or a local path"), (other, otherErr.TrimEnd()));
    }

    [Fact]
    public void The_node_help_names_every_environment_variable_the_node_reads()
    {
        var (_, node, _) = Run("node", "--help");

        foreach (var name in NodeSettings.EnvironmentNames)
        {
            Assert.Contains(name, node, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_bad_command_line_is_one_line_on_stderr_not_the_help()
    {
        var (code, output, err) = Run("sync", "--bogus");

        Assert.Equal((2, ""), (code, output));
        Assert.Equal("smbsync: unknown option '--bogus'; see 'smbsync --help'", err.TrimEnd());
    }

    [Fact]
    public void A_bad_bandwidth_limit_for_a_sync_is_one_line_naming_the_field_and_what_is_wrong()
    {
        var local = Directory.CreateTempSubdirectory("smbsync-cli-").FullName;

        var (code, output, err) = Run("sync", local, "smb://u@nas/s", "--bwlimit", "08:00,1M 8:00,off");

        Assert.Equal((2, ""), (code, output));
        Assert.Equal("smbsync: bandwidthLimit: '8:00': the time is HH:MM, 00:00 to 23:59", err.TrimEnd());
    }

    [Fact]
    public void A_response_file_stands_for_its_lines()
    {
        var local = Directory.CreateTempSubdirectory("smbsync-cli-").FullName;
        var file = Path.Combine(local, "args.rsp");
        File.WriteAllLines(file, ["--workers", "5", "--exclude", "*.tmp"]);

        var a = SyncArguments.Parse([local, "smb://u@nas/s", $"@{file}"], _ => null);

        Assert.Equal(5, a.Spec.Workers);
        Assert.Equal(["*.tmp"], a.Spec.Exclude);
    }

    [Fact]
    public void An_option_given_twice_keeps_its_last_value()
    {
        var local = Directory.CreateTempSubdirectory("smbsync-cli-").FullName;

        var a = SyncArguments.Parse([local, "smb://u@nas/s", "--workers", "3", "--mode", "upload", "--workers", "4", "--mode", "download"], _ => null);
        var on = Jobs.JobsArgumentsTests.Parse("update docs --no-checksum --checksum").Changes;
        var off = Jobs.JobsArgumentsTests.Parse("update docs --checksum --no-checksum").Changes;

        Assert.Equal((4, SyncMode.Download), (a.Spec.Workers, a.Spec.Mode));
        Assert.Equal((true, false), (on.Checksum, off.Checksum));
    }

    [Fact]
    public void The_shell_is_offered_verbs_and_option_values()
    {
        var (_, verbs, _) = Run("[suggest:15]", "smbsync jobs cr");
        var (_, modes, _) = Run("[suggest:24]", "smbsync sync a b --mode ");

        Assert.Equal(["create"], verbs.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(["download", "mirror", "upload"], modes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
