using Microsoft.Playwright;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Dashboard.Tests;

/// <summary>The jobs page (<c>/</c>) of a real node in Chromium: its jobs, runs, members and totals.</summary>
[Collection(DashboardCollection.Name)]
public sealed class JobsPageTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_jobs_page_shows_real_jobs_their_runs_the_cluster_and_totals()
    {
        var (syncedLocal, _, syncedUrl) = fixture.NewPair(files: 12);
        var (idleLocal, _, idleUrl) = fixture.NewPair(files: 1);
        var synced = DashboardFixture.NewId("alpha");
        var idle = DashboardFixture.NewId("beta");
        await fixture.CreateJobAsync(synced, syncedLocal, syncedUrl);
        await fixture.CreateJobAsync(idle, idleLocal, idleUrl, mode: "upload");
        await fixture.Node.RunAsync(synced);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        var syncedRow = page.Locator($"tr[data-job='{synced}']");
        var idleRow = page.Locator($"tr[data-job='{idle}']");
        await Assertions.Expect(syncedRow).ToContainTextAsync("completed");
        var syncedCells = await syncedRow.Locator("td").AllInnerTextsAsync();
        var idleCells = await idleRow.Locator("td").AllInnerTextsAsync();
        var memberText = await page.Locator($"li[data-member='{fixture.Node.Address}']").InnerTextAsync();
        await Assertions.Expect(page.Locator("[data-stat=runs]")).Not.ToHaveTextAsync("0");
        var bars = await page.Locator("figure.chart rect:not(.empty)").CountAsync();
        var allText = await page.Locator("body").InnerTextAsync();

        await page.Locator("#filter").FillAsync(idle);
        var filtered = await page.Locator("#jobs tbody tr").AllAsync();
        var filteredId = await page.Locator("#jobs tbody tr").First.GetAttributeAsync("data-job");
        await page.Locator("#filter").FillAsync("");
        await page.Locator("#status-filter").SelectOptionAsync("idle");
        var idleOnly = await page.Locator("#jobs tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.job)");
        await page.Locator("#status-filter").SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Job", Exact = true }).ClickAsync();
        var descending = await page.Locator("#jobs tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.job)");

        Assert.Equal([syncedLocal, syncedUrl, "mirror", "completed", "completed", "12", "12.0 kB"], syncedCells.Take(7));
        Assert.Equal(["upload", "idle", "never run", "not scheduled", "no"], new[] { idleCells[2], idleCells[3], idleCells[4], idleCells[7], idleCells[8] });
        Assert.Contains(synced, memberText, StringComparison.Ordinal);
        Assert.Contains("this node", memberText, StringComparison.Ordinal);
        Assert.True(bars > 0, "the bytes-per-day chart has no bar");
        Assert.DoesNotContain(SambaServer.Password, allText, StringComparison.Ordinal);
        Assert.Single(filtered);
        Assert.Equal(idle, filteredId);
        Assert.Contains(idle, idleOnly);
        Assert.DoesNotContain(synced, idleOnly);
        Assert.True(Array.IndexOf(descending, idle) < Array.IndexOf(descending, synced), $"sorted by id, descending: {string.Join(", ", descending)}");
        await DashboardFixture.AssertAccessibleAsync(page);
        await DashboardFixture.ScreenshotAsync(page, "dashboard-jobs");
        await page.SetViewportSizeAsync(390, 844);
        await DashboardFixture.ScreenshotAsync(page, "dashboard-jobs-phone");
        await page.CloseAsync();
    }
}
