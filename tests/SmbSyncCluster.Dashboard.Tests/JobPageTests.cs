using System.Text.Json;
using Microsoft.Playwright;

namespace SmbSyncCluster.Dashboard.Tests;

/// <summary>A job's page (<c>/jobs/{id}</c>) in Chromium, driving runs against Samba: live progress, the actions, a dry run's plan.</summary>
[Collection(DashboardCollection.Name)]
public sealed class JobPageTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Live_progress_moves_during_a_run_and_pause_and_resume_act_on_it()
    {
        // One worker over 1,500 small files: a run of seconds against the loopback share (NodeHttpTests pauses the same mid-run).
        var (local, _, url) = fixture.NewPair(files: 1500, size: 2000);
        var id = DashboardFixture.NewId("live");
        await fixture.CreateJobAsync(id, local, url, workers: 1);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/jobs/{id}");
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("idle");
        // Every value the bar shows, as the page changes it (nothing reloads the page).
        await page.EvaluateAsync("""
            () => {
              window.seen = [];
              new MutationObserver(() => {
                const bar = document.getElementById('run-progress');
                if (bar && window.seen[window.seen.length - 1] !== bar.value) window.seen.push(bar.value);
              }).observe(document.getElementById('live'), { childList: true, subtree: true, attributes: true });
            }
            """);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sync", Exact = true }).ClickAsync();
        // The bar takes two values above zero while the run copies: it moves as the job's events arrive.
        await page.WaitForFunctionAsync("() => new Set(window.seen.filter(v => v > 0)).size >= 2");
        await DashboardFixture.ScreenshotAsync(page, "dashboard-job-running");
        var moving = await page.EvaluateAsync<double[]>("() => window.seen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("paused");
        await Assertions.Expect(page.Locator("#phase")).ToContainTextAsync("(paused)");
        var whilePaused = await fixture.JobAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("completed", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("#history tbody tr")).ToHaveCountAsync(1);
        var historyRow = await page.Locator("#history tbody tr").First.InnerTextAsync();
        var done = await fixture.JobAsync(id);

        Assert.Equal("paused", whilePaused!.Value.GetProperty("status").GetString());
        Assert.True(moving.Where(v => v > 0).SequenceEqual(moving.Where(v => v > 0).Order()) && moving.Max() < 100, $"the bar showed {string.Join(", ", moving)} before the pause");
        Assert.Equal(("completed", 1500), (done!.Value.GetProperty("lastRun").GetProperty("outcome").GetString(), done.Value.GetProperty("lastRun").GetProperty("uploaded").GetInt32()));
        Assert.Contains("completed", historyRow, StringComparison.Ordinal);
        Assert.Contains("1500", historyRow, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#live")).ToContainTextAsync("No run in progress");
        await DashboardFixture.AssertAccessibleAsync(page);
        await DashboardFixture.ScreenshotAsync(page, "dashboard-job");
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_dry_run_shows_its_plan_the_run_its_skipped_items_and_names_only_as_text()
    {
        var (local, disk, url) = fixture.NewPair(files: 3);
        // '<' and '>' are names SMB cannot hold: with encoding off the run skips the file and says why.
        const string hostile = "<img src=x onerror=window.pwned=1>.txt";
        await File.WriteAllTextAsync(Path.Combine(local, hostile), "a name a page must not run");
        var id = DashboardFixture.NewId("plan");
        using (var created = await fixture.Node.PostJsonAsync("/api/jobs", new { id, localPath = local, remote = url, encodeNames = false }))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/jobs/{id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Assertions.Expect(page.Locator("#plan-steps tbody tr")).ToHaveCountAsync(4);
        var steps = await page.Locator("#plan-steps tbody tr").AllInnerTextsAsync();
        var afterDryRun = await fixture.JobAsync(id);
        var copiedByDryRun = Directory.GetFiles(disk).Length;
        await DashboardFixture.ScreenshotAsync(page, "dashboard-dry-run");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#history tbody tr")).ToHaveCountAsync(2);
        await page.Locator("#history tbody tr").First.GetByText("1 skipped").ClickAsync();
        var skipped = await page.Locator("#history tbody tr").First.Locator("details li").InnerTextAsync();
        var pwned = await page.EvaluateAsync<bool>("() => window.pwned !== undefined || document.querySelector('main img') !== null");

        Assert.Contains(steps, s => s.Contains(hostile, StringComparison.Ordinal));
        Assert.Equal(3, steps.Count(s => s.StartsWith("upload", StringComparison.Ordinal)));
        Assert.True(afterDryRun!.Value.GetProperty("lastRun").GetProperty("dryRun").GetBoolean());
        Assert.Equal(0, copiedByDryRun);
        Assert.Contains(hostile, skipped, StringComparison.Ordinal);
        Assert.False(pwned, "a file name ran as HTML");
        Assert.Equal(3, Directory.GetFiles(disk).Length);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Edit_stop_and_delete_from_the_page_change_the_job()
    {
        var (local, _, url) = fixture.NewPair(files: 1500, size: 2000);
        var id = DashboardFixture.NewId("act");
        await fixture.CreateJobAsync(id, local, url, workers: 1);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/jobs/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        // The form fills itself from the API: typing before it has would be overwritten.
        await Assertions.Expect(page.GetByLabel("Workers")).ToHaveValueAsync("1");
        await page.GetByLabel("Workers").FillAsync("2");
        await page.GetByLabel("Exclude").FillAsync("*.tmp\ncache/**");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the job" }).ClickAsync();
        await page.WaitForURLAsync($"**/jobs/{id}");
        var edited = (await fixture.JobAsync(id))!.Value.GetProperty("spec");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sync", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("failed");
        var stopped = (await fixture.JobAsync(id))!.Value.GetProperty("lastRun").GetProperty("outcome").GetString();

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        var warning = await page.Locator("#confirm-delete").InnerTextAsync();
        await DashboardFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep the job" }).ClickAsync();
        var kept = await fixture.JobAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete the job" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/");
        var deleted = await fixture.JobAsync(id);

        Assert.Equal(2, edited.GetProperty("workers").GetInt32());
        Assert.Equal(["*.tmp", "cache/**"], edited.GetProperty("exclude").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(url, edited.GetProperty("remote").GetString());
        Assert.Equal("stopped", stopped);
        Assert.Contains(local, warning, StringComparison.Ordinal);
        Assert.Contains(url, warning, StringComparison.Ordinal);
        Assert.Contains("No file is touched", warning, StringComparison.Ordinal);
        Assert.NotNull(kept);
        Assert.Null(deleted);
        Assert.True(File.Exists(Path.Combine(local, "f00000.bin")));
        await page.CloseAsync();
    }
}
