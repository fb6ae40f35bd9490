namespace SmbSyncCluster.Testing;

/// <summary>
/// xunit collection fixture around one <see cref="SambaDomainController"/>: provisioning a domain takes
/// seconds, so every test class that needs Kerberos joins one collection of this fixture and the DC is
/// started once per test assembly run.
/// </summary>
public sealed class SambaDomainFixture : IAsyncLifetime
{
    private SambaDomainController? _controller;

    public SambaDomainController Controller => _controller ?? throw new InvalidOperationException("the domain controller has not started");

    public async Task InitializeAsync() => _controller = await SambaDomainController.StartAsync();

    public async Task DisposeAsync()
    {
        if (_controller is not null)
        {
            await _controller.DisposeAsync();
        }
    }
}
