using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmbSyncCluster.Sync.Versions;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests.Jobs;

/// <summary>Versions kept by a node's runs, listed and restored through <c>smbsync jobs</c> and the HTTP API, against a real Samba share.</summary>
public sealed class VersionsCliTests(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    private string Server => $"http://127.0.0.1:{fixture.Node.HttpPort}";

    private Task<CliResult> Jobs(params string[] args) => CliProcess.RunAsync(null, ["jobs", .. args, "--server", Server]);

    private static string NewId() => "ver-" + Guid.NewGuid().ToString("N")[..8];

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private async Task<(string Id, string Local, string Disk)> SyncedJobAsync(params string[] options)
    {
        var (local, disk, url) = fixture.NewPair();
        TestTrees.WriteFiles(local, 3, 100);
        Directory.CreateDirectory(Path.Combine(local, "docs"));
        File.WriteAllText(Path.Combine(local, "docs", "report.txt"), "v1");
        File.WriteAllText(Path.Combine(local, "docs", "gone.txt"), "deleted later");
        var id = NewId();
        var created = await Jobs(["create", id, "--local", local, "--remote", url, .. options]);
        Assert.True(created.Code == 0, created.ToString());
        var synced = await Jobs("sync", id, "--follow");
        Assert.True(synced.Code == 0, synced.ToString());
        return (id, local, disk);
    }

    private static void Overwrite(string path, string content)
    {
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_version_is_listed_restored_and_synced_back_through_the_cli()
    {
        var (id, local, disk) = await SyncedJobAsync();
        Overwrite(Path.Combine(local, "docs", "report.txt"), "v2");
        File.Delete(Path.Combine(local, "docs", "gone.txt"));
        var second = await Jobs("sync", id, "--follow");

        var listed = await Jobs("versions", id, "docs/report.txt", "--json");
        var table = await Jobs("versions", id, "docs/report.txt");
        var version = JsonDocument.Parse(listed.Out).RootElement.EnumerateArray().Single();
        var name = version.GetProperty("name").GetString()!;
        var restored = await Jobs("restore", id, "docs/report.txt", name);
        var third = await Jobs("sync", id, "--follow");
        var shown = await Jobs("show", id);

        Assert.True(second.Code == 0, second.ToString());
        Assert.Equal("deleted later", File.ReadAllText(Path.Combine(disk, VersionNames.Area, "docs", Assert.Single(Directory.GetFiles(Path.Combine(disk, VersionNames.Area, "docs"), "gone~*.txt"))!)));
        Assert.Equal(("remote", 2), (version.GetProperty("side").GetString(), version.GetProperty("size").GetInt32()));
        Assert.Matches(@"^report~\d{8}-\d{6}-\d{3}\.txt$", name);
        Assert.Contains(Lines(table.Out), line => line.StartsWith("remote  " + name, StringComparison.Ordinal));
        Assert.True(restored.Code == 0, restored.ToString());
        Assert.StartsWith($"restored docs/report.txt on the remote side from {name}", restored.Out, StringComparison.Ordinal);
        Assert.Contains("the file that was there is kept as report~", restored.Out, StringComparison.Ordinal);
        Assert.True(third.Code == 0, third.ToString());
        Assert.StartsWith("synced (mirror): 0 uploaded, 1 downloaded", third.Out, StringComparison.Ordinal);
        Assert.Equal("v1", File.ReadAllText(Path.Combine(local, "docs", "report.txt")));
        Assert.Equal("v2", File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(local, VersionNames.Area, "docs"), "report~*.txt"))));
        Assert.Equal(TestTrees.Hashes(local), TestTrees.Hashes(disk));
        Assert.Contains("versions:   kept 30 days in .smbsync-versions", shown.Out, StringComparison.Ordinal);
    }

    /// <summary>Versions in both areas: one kept long ago, one kept a day ago.</summary>
    private static void WriteAgedVersions(params string[] roots)
    {
        var day = DateTime.UtcNow.AddDays(-1);
        foreach (var root in roots)
        {
            Directory.CreateDirectory(Path.Combine(root, VersionNames.Area, "docs"));
            File.WriteAllText(Path.Combine(root, VersionNames.Area, "docs", "report~20200101-000000-000.txt"), "long ago");
            File.WriteAllText(Path.Combine(root, VersionNames.Area, "docs", VersionNames.VersionOf("report.txt", day)), "yesterday");
        }
    }

    private static int Versions(string root) => Directory.GetFiles(Path.Combine(root, VersionNames.Area, "docs"), "report~*").Length;

    [Fact]
    public async Task A_run_prunes_the_versions_past_the_job_s_days_on_the_sides_it_writes()
    {
        var (mirror, mirrorLocal, mirrorDisk) = await SyncedJobAsync("--keep-versions", "7");
        var (upload, uploadLocal, uploadDisk) = await SyncedJobAsync("--mode", "upload");
        WriteAgedVersions(mirrorLocal, mirrorDisk, uploadLocal, uploadDisk);

        var mirrored = await Jobs("sync", mirror, "--follow");
        var uploaded = await Jobs("sync", upload, "--follow");

        Assert.True(mirrored.Code == 0, mirrored.ToString());
        Assert.True(uploaded.Code == 0, uploaded.ToString());
        Assert.Equal((1, 1), (Versions(mirrorLocal), Versions(mirrorDisk)));
        Assert.Equal((2, 1), (Versions(uploadLocal), Versions(uploadDisk)));
        Assert.Equal("yesterday", File.ReadAllText(Directory.GetFiles(Path.Combine(mirrorDisk, VersionNames.Area, "docs")).Single()));
    }

    [Fact]
    public async Task A_job_keeping_no_versions_deletes_and_overwrites_for_good()
    {
        var (id, local, disk) = await SyncedJobAsync("--keep-versions", "0");
        WriteAgedVersions(local);
        Overwrite(Path.Combine(local, "docs", "report.txt"), "v2");
        File.Delete(Path.Combine(local, "docs", "gone.txt"));

        var second = await Jobs("sync", id, "--follow");
        var listed = await Jobs("versions", id, "docs/report.txt");
        var shown = await Jobs("show", id, "--json");

        Assert.True(second.Code == 0, second.ToString());
        Assert.False(Directory.Exists(Path.Combine(disk, VersionNames.Area)));
        Assert.Equal(2, Versions(local)); // kept before versions were turned off: left to the user
        Assert.Equal(2, Lines(listed.Out).Length - 1);
        Assert.Equal(0, JsonDocument.Parse(shown.Out).RootElement.GetProperty("spec").GetProperty("keepVersionsDays").GetInt32());
    }

    [Fact]
    public async Task A_restore_is_refused_while_the_job_has_a_run_in_progress()
    {
        var (id, local, disk) = await SyncedJobAsync("--workers", "1");
        Overwrite(Path.Combine(local, "docs", "report.txt"), "v2");
        Assert.Equal(0, (await Jobs("sync", id, "--follow")).Code);
        var name = JsonDocument.Parse((await Jobs("versions", id, "docs/report.txt", "--json")).Out).RootElement[0].GetProperty("name").GetString()!;
        TestTrees.WriteFiles(local, 3000, 2000);

        var started = await Jobs("sync", id);
        var pause = await Jobs("pause", id);
        var refused = await Jobs("restore", id, "docs/report.txt", name);
        var resume = await Jobs("resume", id);
        await fixture.Node.WaitForRunAsync(id, started.Out.Trim());

        Assert.True(pause.Code == 0, pause.ToString());
        Assert.Equal(3, refused.Code);
        Assert.Contains("has a run in progress", refused.Err, StringComparison.Ordinal);
        Assert.True(resume.Code == 0, resume.ToString());
        Assert.Equal("v2", File.ReadAllText(Path.Combine(disk, "docs", "report.txt")));
        Assert.Single(Directory.GetFiles(Path.Combine(disk, VersionNames.Area, "docs"), "report~*"));
    }

    [Fact]
    public async Task The_api_refuses_paths_and_names_that_lead_elsewhere_and_changes_nothing()
    {
        var (id, local, disk) = await SyncedJobAsync();
        Overwrite(Path.Combine(local, "docs", "report.txt"), "v2");
        Assert.Equal(0, (await Jobs("sync", id, "--follow")).Code);
        string[] Everything() => [.. TestTrees.Hashes(local), .. Directory.GetFiles(disk, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        var before = Everything();
        using var http = new HttpClient { BaseAddress = new Uri(Server) };
        var versions = $"/api/jobs/{id}/versions";
        var restore = $"/api/jobs/{id}/restore";

        var noPath = await http.GetAsync(versions);
        var upward = await http.GetAsync(versions + "?path=" + Uri.EscapeDataString("../../etc/passwd"));
        var intoArea = await http.GetAsync(versions + "?path=" + Uri.EscapeDataString(".smbsync-versions/docs/report.txt"));
        var escaping = await http.PostAsJsonAsync(restore, new { path = "docs/report.txt", version = "../../report~20261207-201500-123.txt" });
        var notAVersion = await http.PostAsJsonAsync(restore, new { path = "docs/report.txt", version = "report.txt" });
        var missing = await http.PostAsJsonAsync(restore, new { path = "docs/report.txt", version = "report~20200101-000000-000.txt" });
        var badSide = await http.PostAsJsonAsync(restore, new { path = "docs/report.txt", version = "report~20200101-000000-000.txt", side = "both" });
        var noJob = await http.GetAsync("/api/jobs/no-such-job/versions?path=a.txt");

        Assert.Equal(HttpStatusCode.BadRequest, noPath.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, upward.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, intoArea.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, escaping.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAVersion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSide.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noJob.StatusCode);
        Assert.Contains("is not a version of 'docs/report.txt'", await escaping.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, Everything());
    }
}
