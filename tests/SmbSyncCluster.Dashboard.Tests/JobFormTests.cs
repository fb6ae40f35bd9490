using Microsoft.Playwright;

namespace SmbSyncCluster.Dashboard.Tests;

/// <summary>Creating a job from the page (<c>/new</c>): the node's validation, field by field, then a job.</summary>
[Collection(DashboardCollection.Name)]
public sealed class JobFormTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_form_shows_each_problem_at_its_field_then_creates_the_job()
    {
        var (local, _, url) = fixture.NewPair(files: 1);
        var id = DashboardFixture.NewId("form");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/new");

        await page.GetByLabel("Job id").FillAsync("no spaces allowed");
        await page.GetByLabel("Local directory").FillAsync("relative/path");
        await page.GetByLabel("Remote").FillAsync($"smb://{Testing.SambaServer.UserName}:guessme@127.0.0.1/share");
        await page.GetByLabel("Workers").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the job" }).ClickAsync();
        await Assertions.Expect(page.Locator("#field-id-error")).Not.ToBeEmptyAsync();
        var problems = new Dictionary<string, string>();
        foreach (var field in new[] { "id", "localPath", "remote", "workers", "mode" })
        {
            problems[field] = await page.Locator($"#field-{field}-error").InnerTextAsync();
        }
        var invalid = await page.Locator("[aria-invalid=true]").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.name)");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.name");
        var remoteValue = await page.GetByLabel("Remote").InputValueAsync();
        await DashboardFixture.AssertAccessibleAsync(page);
        await DashboardFixture.ScreenshotAsync(page, "dashboard-new-job-errors");
        var nothingCreated = await fixture.JobAsync("no spaces allowed");

        await page.GetByLabel("Job id").FillAsync(id);
        await page.GetByLabel("Local directory").FillAsync(local);
        await page.GetByLabel("Remote").FillAsync(url);
        await page.GetByLabel("Workers").FillAsync("3");
        await page.GetByLabel("Mode").SelectOptionAsync("upload");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the job" }).ClickAsync();
        await page.WaitForURLAsync($"**/jobs/{id}");
        var spec = (await fixture.JobAsync(id))!.Value.GetProperty("spec");

        Assert.Contains("letters", problems["id"], StringComparison.Ordinal);
        Assert.Contains("absolute", problems["localPath"], StringComparison.Ordinal);
        Assert.Contains("password", problems["remote"], StringComparison.Ordinal);
        Assert.DoesNotContain("guessme", problems["remote"], StringComparison.Ordinal);
        Assert.Contains("between 1 and", problems["workers"], StringComparison.Ordinal);
        Assert.Empty(problems["mode"]);
        Assert.Equal(["id", "localPath", "remote", "workers"], invalid);
        Assert.Equal("id", focused);
        Assert.Contains("guessme", remoteValue, StringComparison.Ordinal); // what the user typed is kept to be corrected
        Assert.Null(nothingCreated);
        Assert.Equal((local, url, "upload", 3), (spec.GetProperty("localPath").GetString(), spec.GetProperty("remote").GetString(), spec.GetProperty("mode").GetString(), spec.GetProperty("workers").GetInt32()));
        await page.CloseAsync();
    }
}
