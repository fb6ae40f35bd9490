using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Versions;
using SmbSyncCluster.Testing;
using static SmbSyncCluster.Node.Tests.SambaPair;

namespace SmbSyncCluster.Node.Tests;

/// <summary>The smbsync executable against a real Samba share: each mode, dry runs, conflicts, the guard, bad input.</summary>
public sealed class SyncCliTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private const string Password = SambaServer.Password;

    private SambaPair NewPair(string share = SambaServer.ShareName) => SambaPair.New(samba.Server, share);

    [Fact]
    public async Task Mirror_copies_both_ways_and_a_second_run_does_nothing()
    {
        var pair = NewPair();
        Write(pair.Local, "docs/a.txt", "local a");
        Write(pair.RemoteDisk, "b.txt", "remote b");

        var first = await CliProcess.RunAsync(Password, pair.Args());
        var second = await CliProcess.RunAsync(Password, pair.Args());

        Assert.True(first.Code == 0, first.ToString());
        Assert.Equal((1, 1, 15L), (first.Count("uploaded"), first.Count("downloaded"), first.Summary.GetProperty("bytesTransferred").GetInt64()));
        Assert.Equal(Tree(pair.Local), Tree(pair.RemoteDisk));
        Assert.True(second.Code == 0, second.ToString());
        Assert.Equal((0, 0), (second.Count("uploaded"), second.Count("downloaded")));
        Assert.DoesNotContain(Password, first.Out + first.Err + second.Out + second.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_pushes_local_changes_and_leaves_remote_only_files_alone()
    {
        var pair = NewPair();
        Write(pair.Local, "up.txt", "up");
        Write(pair.RemoteDisk, "theirs.txt", "theirs");

        var result = await CliProcess.RunAsync(Password, pair.Args("--mode", "upload"));

        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(["theirs.txt=theirs", "up.txt=up"], Tree(pair.RemoteDisk));
        Assert.Equal(["up.txt=up"], Tree(pair.Local));
    }

    [Fact]
    public async Task Download_pulls_remote_changes_and_leaves_local_only_files_alone()
    {
        var pair = NewPair();
        Write(pair.Local, "mine.txt", "mine");
        Write(pair.RemoteDisk, "sub/down.txt", "down");

        var result = await CliProcess.RunAsync(Password, pair.Args("--mode", "download"));

        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(["mine.txt=mine", "sub/down.txt=down"], Tree(pair.Local));
        Assert.Equal(["sub/down.txt=down"], Tree(pair.RemoteDisk));
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_be_done_and_changes_nothing()
    {
        var pair = NewPair();
        Write(pair.Local, "a.txt", "aaa");
        Write(pair.RemoteDisk, "b.txt", "bb");

        var result = await CliProcess.RunAsync(Password, pair.Args("--dry-run"));

        Assert.True(result.Code == 0, result.ToString());
        Assert.True(result.Summary.GetProperty("dryRun").GetBoolean());
        Assert.Equal((1, 1), (result.Count("uploaded"), result.Count("downloaded")));
        Assert.Equal(["a.txt=aaa"], Tree(pair.Local));
        Assert.Equal(["b.txt=bb"], Tree(pair.RemoteDisk));
    }

    [Fact]
    public async Task A_dry_run_lists_each_step_it_would_take()
    {
        var pair = NewPair();
        Write(pair.Local, "report.txt", "v1");
        Write(pair.Local, "old.txt", "old");
        Assert.Equal(0, (await CliProcess.RunAsync(Password, pair.Args())).Code);
        Write(pair.Local, "report.txt", "local edit", new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        Write(pair.RemoteDisk, "report.txt", "remote edit", new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        File.Delete(Path.Combine(pair.Local, "old.txt"));
        Write(pair.Local, "new/a.txt", "a");
        Write(pair.Local, "aux.c", "device");
        Write(pair.RemoteDisk, "b.txt", "b");
        var local = Tree(pair.Local);
        var remote = Tree(pair.RemoteDisk);

        var json = await CliProcess.RunAsync(Password, pair.Args("--dry-run"));
        var text = await CliProcess.RunAsync(Password, pair.TextArgs("--dry-run"));

        Assert.True(json.Code == 0, json.ToString());
        var plan = json.Summary.GetProperty("plan").EnumerateArray()
            .Select(e => (Path: e.GetProperty("path").GetString()!, Action: e.GetProperty("action").GetString()!,
                Target: e.TryGetProperty("target", out var t) ? t.GetString() : null, Reason: e.TryGetProperty("reason", out var r) ? r.GetString() : null))
            .ToList();
        Assert.Equal(plan.Count, json.Summary.GetProperty("planned").GetInt32());
        Assert.Contains(("old.txt", "delete-remote", (string?)null, (string?)null), plan);
        Assert.Contains(("new", "create-remote-directory", (string?)null, (string?)null), plan);
        Assert.Contains(("new/a.txt", "upload", (string?)null, (string?)null), plan);
        Assert.Contains(("b.txt", "download", (string?)null, (string?)null), plan);
        Assert.Contains(("aux.c", "skip", (string?)null, "unrepresentable-name"), plan);
        Assert.Single(plan, s => s.Path == "report.txt" && s.Action.StartsWith("rename-", StringComparison.Ordinal)
            && s.Target!.StartsWith("report (conflict", StringComparison.Ordinal));
        Assert.True(text.Code == 0, text.ToString());
        var lines = text.Out.Split('\n');
        Assert.Contains("delete-remote old.txt", lines);
        Assert.Contains("upload new/a.txt", lines);
        Assert.Contains("skip aux.c (unrepresentable-name)", lines);
        Assert.Single(lines, l => l.StartsWith("rename-", StringComparison.Ordinal) && l.Contains(" report.txt -> report (conflict", StringComparison.Ordinal));
        Assert.StartsWith("would sync (mirror, dry run)", lines.Single(l => l.StartsWith("would sync", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(local, Tree(pair.Local));
        Assert.Equal(remote, Tree(pair.RemoteDisk));
    }

    [Fact]
    public async Task A_real_run_lists_no_plan()
    {
        var pair = NewPair();
        Write(pair.Local, "a.txt", "a");

        var result = await CliProcess.RunAsync(Password, pair.Args());

        Assert.True(result.Code == 0, result.ToString());
        Assert.False(result.Summary.TryGetProperty("plan", out _));
        Assert.False(result.Summary.TryGetProperty("planned", out _));
    }

    [Fact]
    public async Task A_conflict_keeps_both_versions_on_both_sides()
    {
        var pair = NewPair();
        Write(pair.Local, "report.txt", "v1");
        Assert.Equal(0, (await CliProcess.RunAsync(Password, pair.Args())).Code);
        Write(pair.Local, "report.txt", "local edit", new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        Write(pair.RemoteDisk, "report.txt", "remote edit, newer", new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc));

        var result = await CliProcess.RunAsync(Password, pair.Args());

        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(1, result.Count("conflicts"));
        var local = Tree(pair.Local);
        Assert.Equal(local, Tree(pair.RemoteDisk));
        Assert.Contains("report.txt=remote edit, newer", local);
        Assert.Single(local, f => f.StartsWith("report (conflict", StringComparison.Ordinal) && f.EndsWith("=local edit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Checksum_mode_takes_identical_content_with_other_times_for_one_version()
    {
        var pair = NewPair();
        var localTime = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        Write(pair.Local, "same.txt", "identical bytes", localTime);
        Write(pair.RemoteDisk, "same.txt", "identical bytes", localTime.AddDays(9));
        Write(pair.Local, "other.txt", "aaaa", localTime);
        Write(pair.RemoteDisk, "other.txt", "bbbb", localTime.AddDays(9));

        var byTime = await CliProcess.RunAsync(Password, pair.Args("--dry-run"));
        var byContent = await CliProcess.RunAsync(Password, pair.Args("--checksum"));
        var again = await CliProcess.RunAsync(Password, pair.Args("--checksum"));

        Assert.Equal(2, byTime.Count("conflicts"));
        Assert.True(byContent.Code == 0, byContent.ToString());
        Assert.Equal((1, 0), (byContent.Count("conflicts"), byContent.Count("failed")));
        Assert.Equal(localTime, File.GetLastWriteTimeUtc(Path.Combine(pair.RemoteDisk, "same.txt"))); // aligned: not read again
        Assert.Equal("identical bytes", File.ReadAllText(Path.Combine(pair.Local, "same.txt")));
        Assert.Equal((0, 0, 0), (again.Count("conflicts"), again.Count("uploaded"), again.Count("downloaded")));
    }

    [Fact]
    public async Task What_a_run_leaves_alone_is_named()
    {
        var pair = NewPair();
        Write(pair.Local, "ok.txt", "ok");
        Write(pair.Local, "aux.c", "device");
        File.CreateSymbolicLink(Path.Combine(pair.Local, "link"), "/etc/hostname");

        var json = await CliProcess.RunAsync(Password, pair.Args("--mode", "upload"));
        var text = await CliProcess.RunAsync(Password, ["sync", pair.Local, pair.Url, "--data-dir", pair.Data, "--mode", "upload"]);

        Assert.True(json.Code == 0, json.ToString());
        var skips = json.Summary.GetProperty("skips").EnumerateArray()
            .Select(s => (s.GetProperty("path").GetString(), s.GetProperty("kind").GetString())).Order().ToArray();
        Assert.Equal([("aux.c", "unrepresentable-name"), ("link", "not-scanned")], skips);
        Assert.Equal(2, json.Count("skipped"));
        Assert.Equal(["ok.txt=ok"], Tree(pair.RemoteDisk));
        Assert.Contains("smbsync: skipped: aux.c (unrepresentable-name): the remote side cannot hold the device name 'aux'", text.Err, StringComparison.Ordinal);
        Assert.Contains("smbsync: skipped: link (not-scanned): local side: symbolic link", text.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_encoding_names_Samba_would_list_under_another_name_stay_local_and_are_named()
    {
        var pair = NewPair();
        Write(pair.Local, "ok.txt", "ok");
        foreach (var name in new[] { "aux.c", "ends ", "dot." })
        {
            Write(pair.Local, name, name);
        }

        var first = await CliProcess.RunAsync(Password, pair.Args("--no-encode-names"));
        var second = await CliProcess.RunAsync(Password, pair.Args("--no-encode-names"));

        Assert.True(first.Code == 0, first.ToString());
        Assert.Equal((1, 3), (first.Count("uploaded"), first.Count("skipped")));
        Assert.All(first.Summary.GetProperty("skips").EnumerateArray(), s => Assert.Equal("unrepresentable-name", s.GetProperty("kind").GetString()));
        Assert.Equal(["ok.txt=ok"], Tree(pair.RemoteDisk));
        Assert.True(second.Code == 0, second.ToString());
        Assert.Equal((0, 0, 0), (second.Count("uploaded"), second.Count("downloaded"), second.Count("deletedLocal")));
        Assert.Equal(["aux.c=aux.c", "dot.=dot.", "ends =ends ", "ok.txt=ok"], Tree(pair.Local));
    }

    [Fact]
    public async Task A_share_that_keeps_times_in_2_second_steps_does_not_see_what_was_uploaded_as_changed()
    {
        var pair = NewPair(SambaServer.CoarseTimesShareName);
        for (var i = 0; i < 3; i++)
        {
            Write(pair.Local, $"f{i}.txt", $"v{i}", new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc).AddTicks(1_234_567 * (i + 1)));
        }

        var first = await CliProcess.RunAsync(Password, pair.Args());
        Write(pair.Local, "f0.txt", "edited", new DateTime(2026, 2, 1, 0, 0, 1, DateTimeKind.Utc));
        var second = await CliProcess.RunAsync(Password, pair.Args());

        Assert.True(first.Code == 0, first.ToString());
        Assert.Equal(3, first.Count("uploaded"));
        Assert.True(second.Code == 0, second.ToString());
        Assert.Equal((1, 0, 0), (second.Count("uploaded"), second.Count("downloaded"), second.Count("conflicts")));
        Assert.Equal(["f0.txt=edited", "f1.txt=v1", "f2.txt=v2"], Tree(pair.RemoteDisk));
    }

    [Fact]
    public async Task A_name_with_an_escape_sequence_is_printed_escaped()
    {
        var pair = NewPair();
        Write(pair.Local, "title\u001b]0;owned\u0007.txt", "x");

        var plan = await CliProcess.RunAsync(Password, pair.TextArgs("--dry-run"));
        var result = await CliProcess.RunAsync(Password, pair.TextArgs("--no-encode-names"));

        Assert.True(plan.Code == 0, plan.ToString());
        Assert.Contains("upload title\\x1b]0;owned\\x07.txt\n", plan.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', plan.Out);
        Assert.True(result.Code == 0, result.ToString());
        Assert.Contains("smbsync: skipped: title\\x1b]0;owned\\x07.txt (unrepresentable-name)", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Err);
    }

    [Fact]
    public async Task The_data_and_cache_directories_inside_the_synced_tree_are_left_out()
    {
        var pair = NewPair();
        Write(pair.Local, "docs/a.txt", "a");
        var inside = pair with { Data = Path.Combine(pair.Local, ".local", "share", "smbsync") };
        Task<CliResult> RunAsync()
        {
            var info = CliProcess.StartInfo(inside.Args(), Password);
            info.Environment["XDG_CACHE_HOME"] = Path.Combine(pair.Local, ".cache"); // the startup profile's lock is held during the run
            return CliProcess.RunAsync(info);
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.True(first.Code == 0, first.ToString());
        Assert.True(second.Code == 0, second.ToString());
        Assert.Equal(["docs/a.txt=a"], Tree(pair.RemoteDisk));
        Assert.True(File.Exists(Path.Combine(inside.Data, "journal.db")));
        Assert.True(File.Exists(Path.Combine(pair.Local, ".cache", "smbsync", "sync.jitprofile")));
    }

    [Fact]
    public async Task A_share_that_refuses_every_file_lists_the_first_failures_and_counts_them_all()
    {
        var pair = NewPair(SambaServer.ReadOnlyShareName);
        var files = RunSummary.MaxListedErrors + 100;
        for (var i = 0; i < files; i++)
        {
            Write(pair.Local, $"f{i:0000}.txt", "x");
        }

        var json = await CliProcess.RunAsync(Password, pair.Args("--mode", "upload"));
        var text = await CliProcess.RunAsync(Password, ["sync", pair.Local, pair.Url, "--data-dir", pair.Data, "--mode", "upload"]);

        Assert.True(json.Code == 1, json.ToString());
        Assert.Equal(files, json.Count("failed"));
        Assert.Equal(RunSummary.MaxListedErrors, json.Summary.GetProperty("errors").GetArrayLength());
        Assert.Equal([$"smbsync: {Cli.SummaryOutput.FirstSyncNotice}", $"smbsync: the share is read-only for {SambaServer.UserName}: {files} writes refused (--json lists them); --mode download?"],
            text.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var log = File.ReadAllLines(Path.Combine(pair.Data, "smbsync.log"));
        Assert.Equal(2 * files, log.Count(line => line.Contains(" failed (upload): write 'f", StringComparison.Ordinal))); // every item of both runs
        Assert.DoesNotContain(".partial", json.Out + text.Out + text.Err + string.Concat(log), StringComparison.Ordinal);
        Assert.All(json.Summary.GetProperty("errors").EnumerateArray(),
            e => Assert.Equal($"write '{e.GetProperty("path").GetString()}': STATUS_ACCESS_DENIED (0xC0000022)", e.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_user_without_a_password_is_told_so_before_connecting()
    {
        var pair = NewPair();
        Write(pair.Local, "a.txt", "a");
        var guest = $"smb://nosuchuser@127.0.0.1:{samba.Server.Port}/{SambaServer.GuestShareName}?guest=true";

        var none = await CliProcess.RunAsync(null, pair.Args());
        var asGuest = await CliProcess.RunAsync(null, ["sync", pair.Local, guest, "--data-dir", pair.Data, "--json", "--dry-run"]);

        Assert.Equal((2, "smbsync: no password: set SMBSYNC_PASSWORD or use --password-file\n"), (none.Code, none.Err));
        Assert.True(asGuest.Code == 0, asGuest.ToString());
        Assert.Equal(1, asGuest.Count("uploaded"));
    }

    [Theory]
    [InlineData(@"\")]
    [InlineData("%5C")]
    public async Task A_windows_domain_before_a_backslash_logs_on_as_that_domain_and_user(string separator)
    {
        var pair = NewPair();
        Write(pair.Local, "a.txt", "a");
        var windows = pair with { Url = pair.Url.Replace("smb://", $"smb://{SambaServer.Domain}{separator}", StringComparison.Ordinal) };

        var result = await CliProcess.RunAsync(Password, windows.Args());

        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(["a.txt=a"], Tree(pair.RemoteDisk));
    }

    [Theory]
    [InlineData("http://x", "smbsync: REMOTE 'http://x' is not an smb:// URL or a local path")]
    [InlineData("ftp://nas/share/dir", "smbsync: REMOTE 'ftp://nas/share/dir' is not an smb:// URL or a local path")]
    [InlineData(@"\\nas\team\docs", @"smbsync: REMOTE '\\nas\team\docs' is a UNC path, not an smb:// URL or a local path; write it as smb://nas/team/docs")]
    [InlineData("//nas/team", "smbsync: REMOTE '//nas/team' is a UNC path, not an smb:// URL or a local path; write it as smb://nas/team")]
    public async Task A_remote_of_another_form_is_named_as_such(string remote, string expected)
    {
        var pair = NewPair();

        var result = await CliProcess.RunAsync(Password, ["sync", pair.Local, remote, "--data-dir", pair.Data]);

        Assert.Equal((2, expected + "\n"), (result.Code, result.Err));
    }

    [Fact]
    public async Task A_job_name_used_again_for_other_directories_starts_afresh()
    {
        var first = NewPair();
        var second = NewPair() with { Data = first.Data };
        var when = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        Write(first.Local, "same.txt", "mine", when);
        Write(second.Local, "same.txt", "ours", when); // same size and time as the file the job synced before
        Write(second.RemoteDisk, "same.txt", "theirs!", when.AddHours(1));
        Assert.Equal(0, (await CliProcess.RunAsync(Password, first.Args("--job", "reused"))).Code);

        var again = await CliProcess.RunAsync(Password, second.Args("--job", "reused"));

        Assert.True(again.Code == 0, again.ToString());
        Assert.Contains("this is a first sync", again.Err, StringComparison.Ordinal);
        Assert.Equal(1, again.Count("conflicts"));
        Assert.Contains("same.txt=theirs!", Tree(second.Local));
        Assert.Contains(Tree(second.Local), f => f.EndsWith(".txt=ours", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_max_delete_guard_refuses_with_exit_3_until_forced()
    {
        var pair = NewPair();
        for (var i = 0; i < 20; i++)
        {
            Write(pair.Local, $"f{i:00}.txt", "x");
        }
        Assert.Equal(0, (await CliProcess.RunAsync(Password, pair.Args())).Code);
        foreach (var file in Directory.GetFiles(pair.Local, "*.txt")) // every file the user has; the job's mark stays
        {
            File.Delete(file);
        }

        var refused = await CliProcess.RunAsync(Password, pair.Args());
        var refusedText = await CliProcess.RunAsync(Password, pair.TextArgs());
        var remoteAfterRefusal = Tree(pair.RemoteDisk).Length;
        var forced = await CliProcess.RunAsync(Password, pair.Args("--force"));

        Assert.True(refused.Code == 3, refused.ToString());
        Assert.Contains("aborted", refused.Err, StringComparison.Ordinal);
        var heldBack = Enumerable.Range(0, 20).Select(i => $"f{i:00}.txt").ToArray();
        Assert.Equal(20, refused.Summary.GetProperty("planned").GetInt32());
        Assert.Equal(heldBack.Select(p => (p, "delete-remote")), refused.Summary.GetProperty("plan").EnumerateArray()
            .Select(e => (e.GetProperty("path").GetString()!, e.GetProperty("action").GetString()!)).Order());
        Assert.True(refusedText.Code == 3, refusedText.ToString());
        Assert.Equal(heldBack.Select(p => "delete-remote " + p), refusedText.Out.Split('\n').Where(l => l.StartsWith("delete-", StringComparison.Ordinal)).Order());
        Assert.Contains("smbsync: run aborted: the run would delete 20 of 20 tracked files", refusedText.Err, StringComparison.Ordinal);
        Assert.Equal(20, remoteAfterRefusal);
        Assert.True(forced.Code == 0, forced.ToString());
        Assert.Equal(20, forced.Count("deletedRemote"));
        Assert.Empty(Tree(pair.RemoteDisk));
        Assert.Equal(20, Directory.GetFiles(Path.Combine(pair.RemoteDisk, VersionNames.Area)).Length); // forced, and still not lost
    }

    [Fact]
    public async Task A_renamed_directory_is_moved_on_the_share_not_refused_nor_copied_again()
    {
        var pair = NewPair();
        for (var i = 0; i < 25; i++)
        {
            Write(pair.Local, $"photos/2024/img{i:00}.jpg", $"photo {i}", new DateTime(2024, 7, 1, 10, i, 0, DateTimeKind.Utc));
        }
        Assert.Equal(0, (await CliProcess.RunAsync(Password, pair.Args())).Code);
        Directory.Move(Path.Combine(pair.Local, "photos", "2024"), Path.Combine(pair.Local, "photos", "2024-trip"));

        var dryRun = await CliProcess.RunAsync(Password, pair.Args("--dry-run"));
        var result = await CliProcess.RunAsync(Password, pair.Args());

        Assert.True(dryRun.Code == 0, dryRun.ToString());
        Assert.Equal(25, dryRun.Count("moved"));
        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal((25, 0, 0, 0L), (result.Count("moved"), result.Count("uploaded"), result.Count("deletedRemote"), result.Summary.GetProperty("bytesTransferred").GetInt64()));
        Assert.Equal(Tree(pair.Local), Tree(pair.RemoteDisk));
        Assert.All(Tree(pair.RemoteDisk), f => Assert.StartsWith("photos/2024-trip/", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upload_creates_a_remote_directory_that_does_not_exist_yet()
    {
        var pair = NewPair();
        Write(pair.Local, "docs/a.txt", "a");
        var nested = pair with { Url = pair.Url + "/new/deeper", RemoteDisk = Path.Combine(pair.RemoteDisk, "new", "deeper") };

        var dryRun = await CliProcess.RunAsync(Password, nested.Args("--mode", "upload", "--dry-run"));
        var createdByDryRun = Directory.Exists(Path.Combine(pair.RemoteDisk, "new"));
        var result = await CliProcess.RunAsync(Password, nested.Args("--mode", "upload"));

        Assert.True(dryRun.Code == 0, dryRun.ToString());
        Assert.Equal(1, dryRun.Count("uploaded"));
        Assert.False(createdByDryRun);
        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(["docs/a.txt=a"], Tree(nested.RemoteDisk));
    }

    [Fact]
    public async Task A_remote_directory_the_run_creates_is_said_on_its_own_line()
    {
        var pair = NewPair();
        Write(pair.Local, "a.txt", "a");
        var typo = pair with { Url = pair.Url + "/teem" };
        var place = $"{SambaServer.ShareName}/{Path.GetFileName(pair.RemoteDisk)}/teem";
        string[] text = ["sync", typo.Local, typo.Url, "--data-dir", typo.Data, "--mode", "upload"];

        var dryRun = await CliProcess.RunAsync(Password, [.. text, "--dry-run"]);
        var json = await CliProcess.RunAsync(Password, typo.Args("--mode", "upload", "--dry-run"));
        var created = await CliProcess.RunAsync(Password, text);
        var again = await CliProcess.RunAsync(Password, text);

        Assert.True(created.Code == 0, created.ToString());
        Assert.Equal($"smbsync: {Cli.SummaryOutput.FirstSyncNotice}\nsmbsync: would create the remote directory {place}\n", dryRun.Err);
        Assert.Equal([$"would create the remote directory {place}"], json.Summary.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal($"smbsync: {Cli.SummaryOutput.FirstSyncNotice}\nsmbsync: created the remote directory {place}\n", created.Err);
        Assert.Equal("", again.Err);
        Assert.Equal(["a.txt=a"], Tree(Path.Combine(pair.RemoteDisk, "teem")));
    }

    [Fact]
    public async Task A_download_creates_the_local_directory_it_fills()
    {
        var pair = NewPair();
        Write(pair.RemoteDisk, "r.txt", "r");
        var fresh = pair with { Local = Path.Combine(pair.Local, "not", "yet") };

        var dryRun = await CliProcess.RunAsync(Password, fresh.Args("--mode", "download", "--dry-run"));
        var createdByDryRun = Directory.Exists(Path.Combine(pair.Local, "not"));
        var result = await CliProcess.RunAsync(Password, fresh.Args("--mode", "download"));

        Assert.True(dryRun.Code == 0, dryRun.ToString());
        Assert.Equal(1, dryRun.Count("downloaded"));
        Assert.False(createdByDryRun);
        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(["r.txt=r"], Tree(fresh.Local));
    }

    [Fact]
    public async Task A_remote_directory_gone_after_a_sync_is_not_recreated()
    {
        var pair = NewPair();
        Write(pair.Local, "keep.txt", "keep");
        Assert.Equal(0, (await CliProcess.RunAsync(Password, pair.Args())).Code);
        Directory.Delete(pair.RemoteDisk, recursive: true);

        var result = await CliProcess.RunAsync(Password, pair.Args());

        Assert.True(result.Code == 3, result.ToString());
        Assert.Contains("not created again", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(pair.RemoteDisk));
        Assert.Equal(["keep.txt=keep"], Tree(pair.Local));
    }

    [Fact]
    public async Task Bad_input_is_one_line_on_stderr_with_the_contract_exit_code()
    {
        var pair = NewPair();
        var badPort = FreePort.Next();
        var cases = new (string Name, string? Password, string[] Args, int Code)[]
        {
            ("wrong password", "not-the-password", pair.Args(), 3),
            ("missing share", Password, ["sync", pair.Local, $"smb://{SambaServer.UserName}@127.0.0.1:{samba.Server.Port}/nosuchshare", "--data-dir", pair.Data], 3),
            ("unreachable host", Password, ["sync", pair.Local, $"smb://{SambaServer.UserName}@127.0.0.1:{badPort}/share", "--data-dir", pair.Data], 3),
            ("missing local path", Password, ["sync", "/no/such/dir", pair.Url, "--data-dir", pair.Data], 2),
            ("local path is a file", Password, ["sync", "/etc/hostname", pair.Url, "--data-dir", pair.Data, "--mode", "download"], 2),
            ("missing remote directory", Password, ["sync", pair.Local, pair.Url + "/absent", "--data-dir", pair.Data, "--mode", "download"], 3),
            ("bad mode", Password, [.. pair.Args(), "--mode", "sideways"], 2),
            ("bad url", Password, ["sync", pair.Local, "smb://", "--data-dir", pair.Data], 2),
        };

        foreach (var (name, password, args, code) in cases)
        {
            var result = await CliProcess.RunAsync(password, args);
            var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(result.Code == code, $"{name}: {result}");
            Assert.True(lines.Length == 1, $"{name}: one line expected: {result}");
            Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, result.Out + result.Err, StringComparison.Ordinal);
        }
    }
}
