using Microsoft.Playwright;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Dashboard.Tests;

/// <summary>The dashboard of a node with an API token: signing in and out, and what other sites can make the browser do.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Signing_in_sends_the_token_once_and_keeps_only_an_httponly_session()
    {
        await using var context = await fixture.NewContextAsync();
        var urls = new List<string>();
        context.Request += (_, request) => urls.Add(request.Url);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        var landedOn = page.Url;
        await DashboardFixture.AssertAccessibleAsync(page);
        await DashboardFixture.ScreenshotAsync(page, "dashboard-sign-in");
        await page.GetByLabel("API token").FillAsync("not-the-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#token-error")).ToContainTextAsync("not this node's API token");
        var cookiesAfterWrongToken = await context.CookiesAsync();
        await page.GetByLabel("API token").FillAsync(fixture.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/");
        await Assertions.Expect(page.Locator("#jobs")).ToBeVisibleAsync();
        var session = Assert.Single(await context.CookiesAsync());
        var scriptSees = await page.EvaluateAsync<string>("() => document.cookie");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/login");
        await page.GotoAsync("/jobs/anything");
        var afterSignOut = page.Url;

        Assert.Equal(fixture.BaseUrl + "/login", landedOn);
        Assert.Empty(cookiesAfterWrongToken);
        Assert.Equal(("smbsync-session", true, SameSiteAttribute.Strict), (session.Name, session.HttpOnly, session.SameSite));
        Assert.DoesNotContain(fixture.Token, session.Value, StringComparison.Ordinal);
        Assert.Equal("", scriptSees);
        Assert.Equal(fixture.BaseUrl + "/login", afterSignOut);
        Assert.DoesNotContain(urls, u => u.Contains(fixture.Token, StringComparison.Ordinal) || u.Contains("not-the-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_post_from_another_site_or_another_port_of_the_same_host_is_refused_even_when_signed_in()
    {
        var (local, _, url) = fixture.NewPair(files: 1);
        var id = DashboardFixture.NewId("csrf");
        await fixture.CreateJobAsync(id, local, url);
        var page = await fixture.NewPageAsync();
        // Pages of an attacker's, served by Playwright in place of servers: a form that posts to the node as soon as it loads.
        var target = $"{fixture.BaseUrl}/api/jobs/{id}/sync";
        var attack = $"""<!doctype html><form method="post" action="{target}" enctype="text/plain"><input name="x" value="y"></form><script>document.forms[0].submit()</script>""";
        await page.RouteAsync("http://attacker.test/**", route => route.FulfillAsync(new() { ContentType = "text/html", Body = attack }));
        var otherPort = FreePort.Next();
        await page.RouteAsync($"http://127.0.0.1:{otherPort}/**", route => route.FulfillAsync(new() { ContentType = "text/html", Body = attack }));

        var crossSite = await page.RunAndWaitForResponseAsync(() => page.GotoAsync("http://attacker.test/"), target);
        // Another port of the node's host is the same site: the SameSite=Strict cookie goes along, and the node's cross-site guard must refuse.
        var sameSite = await page.RunAndWaitForResponseAsync(() => page.GotoAsync($"http://127.0.0.1:{otherPort}/"), target);
        var job = await fixture.JobAsync(id);

        Assert.Equal(401, crossSite.Status);
        Assert.Equal(403, sameSite.Status);
        Assert.Equal("idle", job!.Value.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, job.Value.GetProperty("lastRun").ValueKind);
        await page.CloseAsync();
    }
}
