using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Dashboard.Tests;

/// <summary>
/// What every dashboard test shares, started once per test run: a Samba share, one <c>smbsync node</c> process
/// with an API token (its default credential is the share's password) and one headless Chromium, the system's,
/// driven by Playwright, with a browser context already signed in. Set <c>SMBSYNC_DASHBOARD_SCREENSHOTS</c> to a
/// directory to have the tests save screenshots of the pages there (scripts/dashboard-screenshots.sh).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>The token the node requires.</summary>
    public string Token { get; } = "dash-" + Convert.ToHexString(Guid.NewGuid().ToByteArray());

    private static readonly string? ScreenshotDirectory = Environment.GetEnvironmentVariable("SMBSYNC_DASHBOARD_SCREENSHOTS");

    private SambaServer? _samba;
    private NodeProcess? _node;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _signedIn;

    public SambaServer Samba => _samba ?? throw new InvalidOperationException("Samba has not started");

    internal NodeProcess Node => _node ?? throw new InvalidOperationException("the node has not started");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser has not started");

    /// <summary>The node's front as the browser reaches it.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Node.HttpPort}";

    /// <summary>Where jobs' local directories go: the node's one local root.</summary>
    public string LocalRoot { get; } = Directory.CreateTempSubdirectory("smbsync-dashboard-").FullName;

    public async Task InitializeAsync()
    {
        var samba = SambaServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        // The Debian package's Chromium: nothing is downloaded, nothing in the background reaches out.
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        _samba = await samba;
        var data = Path.Combine(LocalRoot, ".node");
        _node = NodeProcess.Start(Path.Combine(AppContext.BaseDirectory, "smbsync"), data, ["--local-root", LocalRoot],
            new Dictionary<string, string> { ["SMBSYNC_PASSWORD"] = SambaServer.Password, ["SMBSYNC_API_TOKEN"] = Token }, token: Token);
        await _node.WaitReadyAsync();
        _signedIn = await NewContextAsync();
        await using var signIn = await _signedIn.APIRequest.PostAsync($"{BaseUrl}/ui/session", new() { DataObject = new { token = Token } });
        Assert.Equal(204, signIn.Status);
    }

    /// <summary>A fresh browser context (no session), sized like a laptop screen unless told otherwise.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 860) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height } });

    /// <summary>A page of the signed-in context.</summary>
    public Task<IPage> NewPageAsync() => (_signedIn ?? throw new InvalidOperationException("not signed in")).NewPageAsync();

    /// <summary>A fresh local directory (under the root) with <paramref name="files"/> files, and a directory on the share.</summary>
    public (string Local, string RemoteDisk, string Url) NewPair(int files, int size = 1000)
    {
        var name = "dash-" + Guid.NewGuid().ToString("N")[..8];
        var local = Directory.CreateDirectory(Path.Combine(LocalRoot, name)).FullName;
        var bytes = new byte[size];
        for (var i = 0; i < files; i++)
        {
            Random.Shared.NextBytes(bytes);
            File.WriteAllBytes(Path.Combine(local, $"f{i:D5}.bin"), bytes);
        }
        var disk = Directory.CreateDirectory(Path.Combine(Samba.SharePath(), name)).FullName;
        return (local, disk, $"smb://{SambaServer.UserName}@127.0.0.1:{Samba.Port}/{SambaServer.ShareName}/{name}");
    }

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Defines a job through the API; asserts it was created.</summary>
    public async Task CreateJobAsync(string id, string local, string url, int workers = 8, string mode = "mirror")
    {
        using var created = await Node.PostJsonAsync("/api/jobs", new { id, localPath = local, remote = url, mode, workers });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    /// <summary>The job as the API returns it, or null when it does not exist.</summary>
    public async Task<JsonElement?> JobAsync(string id)
    {
        using var response = await Node.Http.GetAsync($"/api/jobs/{id}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>Fails with axe's findings when the page has a serious or critical accessibility violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var severe = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(severe.Count == 0, $"{page.Url}: " + string.Join("\n", severe.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    /// <summary>Saves a screenshot of the page as docs' <paramref name="name"/>.png when screenshots are asked for.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (ScreenshotDirectory is null)
        {
            return;
        }
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
        if (_samba is not null)
        {
            await _samba.DisposeAsync();
        }
        Directory.Delete(LocalRoot, recursive: true);
    }
}
