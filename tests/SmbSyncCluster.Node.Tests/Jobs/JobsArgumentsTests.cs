using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Cli;
using SmbSyncCluster.Node.Cli.Jobs;

namespace SmbSyncCluster.Node.Tests.Jobs;

public sealed class JobsArgumentsTests
{
    internal static JobsArguments Parse(string line, Dictionary<string, string>? env = null) =>
        JobsArguments.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), name => env is not null && env.TryGetValue(name, out var v) ? v : null);

    private static string TempFile(string content)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void The_server_comes_from_the_option_then_the_environment_then_the_default()
    {
        var env = new Dictionary<string, string> { ["SMBSYNC_SERVER"] = "http://env:9000" };

        Assert.Equal(new Uri("https://opt:8443/prefix"), Parse("list --server https://opt:8443/prefix", env).Server);
        Assert.Equal(new Uri("http://env:9000"), Parse("list", env).Server);
        Assert.Equal(new Uri("http://127.0.0.1:8080"), Parse("list").Server);
    }

    [Fact]
    public void The_token_comes_from_the_file_trimmed_then_the_environment_and_is_never_printed()
    {
        var file = TempFile("  from-file\n");
        var env = new Dictionary<string, string> { ["SMBSYNC_API_TOKEN"] = "from-env" };

        var fromFile = Parse($"show docs --token-file {file}", env);

        Assert.Equal("from-file", fromFile.Token);
        Assert.Equal("from-env", Parse("show docs", env).Token);
        Assert.Null(Parse("show docs").Token);
        Assert.DoesNotContain("from-file", fromFile.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_builds_the_whole_spec_from_the_options_with_the_spec_defaults()
    {
        var a = Parse("create docs --local rel/dir --remote smb://alice@nas/team --exclude *.tmp --exclude cache --include *.md --interval 600 --credential nas --json");

        var spec = a.NewSpec!;
        Assert.Equal(("create", "docs", true), (a.Verb, a.JobId, a.Json));
        Assert.Equal((Path.GetFullPath("rel/dir"), "smb://alice@nas/team"), (spec.LocalPath, spec.Remote));
        Assert.Equal((SyncMode.Mirror, ConflictPolicy.KeepBoth, 8, 600, "nas"), (spec.Mode, spec.Conflict, spec.Workers, spec.IntervalSeconds, spec.Credential));
        Assert.Equal(["*.tmp", "cache"], spec.Exclude);
        Assert.Equal(["*.md"], spec.Include);
    }

    [Fact]
    public void Create_from_a_file_takes_the_options_and_the_id_argument_over_the_file()
    {
        var file = TempFile("""{"id":"from-file","localPath":"/data/a","remote":"smb://nas/s","mode":"upload","workers":4}""");

        var plain = Parse($"create --file {file}").NewSpec!;
        var overridden = Parse($"create copy --file {file} --workers 16").NewSpec!;

        Assert.Equal(("from-file", SyncMode.Upload, 4), (plain.Id, plain.Mode, plain.Workers));
        Assert.Equal(("copy", SyncMode.Upload, 16, "/data/a"), (overridden.Id, overridden.Mode, overridden.Workers, overridden.LocalPath));
    }

    [Fact]
    public void Update_changes_only_the_given_fields_and_an_interval_of_0_removes_the_schedule()
    {
        var current = new JobSpec { Id = "docs", LocalPath = "/data/docs", Remote = "smb://nas/s", Mode = SyncMode.Upload, Workers = 4, Exclude = ["x"], IntervalSeconds = 60 };

        var updated = Parse("update docs --workers 16 --interval 0").Changes.ApplyTo(current);

        Assert.Equal(current with { Workers = 16, IntervalSeconds = null }, updated);
    }

    [Fact]
    public void Checksum_mode_is_turned_on_and_off_and_left_alone_when_not_given()
    {
        var current = new JobSpec { Id = "docs", LocalPath = "/data/docs", Remote = "smb://nas/s" };

        var on = Parse("update docs --checksum").Changes.ApplyTo(current);
        var off = Parse("update docs --no-checksum").Changes.ApplyTo(on);
        var untouched = Parse("update docs --workers 2").Changes.ApplyTo(on);

        Assert.Equal((true, false, true), (on.Checksum, off.Checksum, untouched.Checksum));
        Assert.True(Parse("create docs --local /a --remote smb://nas/s --checksum").NewSpec!.Checksum);
    }

    [Fact]
    public void Name_encoding_is_turned_off_and_on_the_later_option_wins_and_is_left_alone_when_not_given()
    {
        var current = new JobSpec { Id = "docs", LocalPath = "/data/docs", Remote = "smb://nas/s" };

        var off = Parse("update docs --no-encode-names").Changes.ApplyTo(current);
        var on = Parse("update docs --encode-names").Changes.ApplyTo(off);
        var untouched = Parse("update docs --workers 2").Changes.ApplyTo(off);
        var later = Parse("update docs --encode-names --no-encode-names").Changes.ApplyTo(current);

        Assert.Equal((false, true, false, false), (off.EncodeNames, on.EncodeNames, untouched.EncodeNames, later.EncodeNames));
        Assert.Null(Parse("create docs --local /a --remote smb://nas/s").NewSpec!.EncodeNames);
        Assert.False(Parse("create docs --local /a --remote smb://nas/s --no-encode-names").NewSpec!.EncodeNames);
    }

    [Fact]
    public void Kept_versions_are_set_changed_and_left_alone_when_not_given()
    {
        var current = new JobSpec { Id = "docs", LocalPath = "/data/docs", Remote = "smb://nas/s" };

        var off = Parse("update docs --keep-versions 0").Changes.ApplyTo(current);
        var untouched = Parse("update docs --workers 2").Changes.ApplyTo(off);
        var created = Parse("create docs --local /a --remote smb://nas/s --keep-versions 90").NewSpec!;

        Assert.Equal((30, 0, 0, 90), (current.KeepVersionsDays, off.KeepVersionsDays, untouched.KeepVersionsDays, created.KeepVersionsDays));
    }

    [Fact]
    public void A_bandwidth_limit_is_set_kept_and_removed_with_off()
    {
        var current = new JobSpec { Id = "docs", LocalPath = "/data/docs", Remote = "smb://nas/s" };

        var limited = Parse("update docs --bwlimit 4M").Changes.ApplyTo(current);
        var untouched = Parse("update docs --workers 2").Changes.ApplyTo(limited);
        var removed = Parse("update docs --bwlimit off").Changes.ApplyTo(limited);
        var created = Parse("create docs --local /a --remote smb://nas/s --bwlimit 08:00,1M").NewSpec!;

        Assert.Equal(("4M", "4M", null, "08:00,1M"), (limited.BandwidthLimit, untouched.BandwidthLimit, removed.BandwidthLimit, created.BandwidthLimit));
    }

    [Fact]
    public void Versions_and_restore_take_a_path_and_a_version()
    {
        var listed = Parse("versions docs docs/report.txt");
        var restored = Parse("restore docs docs/report.txt report~20261207-201500-123.txt --side remote");

        Assert.Equal(("versions", "docs", "docs/report.txt"), (listed.Verb, listed.JobId, listed.FilePath));
        Assert.Equal(("docs/report.txt", "report~20261207-201500-123.txt", "remote"), (restored.FilePath, restored.VersionName, restored.Side));
    }

    [Fact]
    public void Sync_takes_its_flags()
    {
        var a = Parse("sync docs --dry-run --force --follow");

        Assert.Equal(("sync", "docs", true, true, true, false), (a.Verb, a.JobId, a.DryRun, a.Force, a.Follow, a.Json));
    }

    [Theory]
    [InlineData("", "jobs needs a verb")]
    [InlineData("frobnicate docs", "unknown jobs verb 'frobnicate'")]
    [InlineData("show", "jobs show needs a job id")]
    [InlineData("show a b", "jobs show takes one job id, got 'a b'")]
    [InlineData("list docs", "jobs list takes no job id, got 'docs'")]
    [InlineData("list --follow", "--follow does not apply to 'jobs list'")]
    [InlineData("delete docs --json", "--json does not apply to 'jobs delete'")]
    [InlineData("sync docs --workers 3", "--workers does not apply to 'jobs sync'")]
    [InlineData("show docs --verbose", "unknown option '--verbose'")]
    [InlineData("show docs --server", "--server needs a value")]
    [InlineData("show docs --server ftp://nas", "server 'ftp://nas' is not an http:// or https:// URL")]
    [InlineData("update docs", "jobs update needs at least one option to change")]
    [InlineData("update docs --workers lots", "--workers takes a whole number from 1 to 64")]
    [InlineData("update docs --interval -5", "--interval takes a whole number from 0")]
    [InlineData("create docs --local /data", "jobs create needs --local PATH and --remote URL")]
    [InlineData("create --local /data --remote smb://nas/s", "jobs create needs a job id")]
    [InlineData("show docs --token-file /no/such/file", "--token-file '/no/such/file' cannot be read")]
    [InlineData("create --file /no/such/file", "--file '/no/such/file' cannot be read")]
    [InlineData("versions docs", "jobs versions takes ID PATH, got 'docs'")]
    [InlineData("restore docs a.txt", "jobs restore takes ID PATH VERSION, got 'docs a.txt'")]
    [InlineData("update docs --keep-versions -1", "--keep-versions takes a whole number from 0 to 3650")]
    [InlineData("restore docs a.txt a~20261207-201500-123.txt --side both", "--side 'both' is not one of local, remote")]
    public void Bad_arguments_are_one_clear_line(string line, string message)
    {
        var e = Assert.Throws<UsageException>(() => Parse(line));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_file_with_a_misspelt_field_is_refused()
    {
        var file = TempFile("""{"id":"a","localPath":"/data/a","remote":"smb://nas/s","worker":4}""");

        var e = Assert.Throws<UsageException>(() => Parse($"create --file {file}"));

        Assert.Contains("'worker'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mode_that_names_none_is_refused_with_every_problem_of_the_spec()
    {
        var file = TempFile("""{"id":"a","localPath":"relative","remote":"smb://nas/s","mode":"sideways"}""");

        var fromFile = Assert.Throws<UsageException>(() => Parse($"create --file {file}"));
        var fromOption = Assert.Throws<UsageException>(() => Parse("create b --local relative --remote smb://nas/s --conflict coin-flip"));

        Assert.Equal(["localPath: required: an absolute directory path", "mode: 'sideways' is not one of mirror, upload, download"], fromFile.Lines);
        Assert.Equal(["conflict: 'coin-flip' is not one of keep-both, newer, local, remote, skip"], fromOption.Lines);
    }
}
