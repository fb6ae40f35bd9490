namespace SmbSyncCluster.Testing;

/// <summary>xunit class fixture around one <see cref="SambaServer"/>; subclasses pick the variant.</summary>
public class SambaFixture : IAsyncLifetime
{
    private readonly SambaOptions _options;
    private SambaServer? _server;

    public SambaFixture() : this(SambaOptions.Default)
    {
    }

    protected SambaFixture(SambaOptions options) => _options = options;

    public SambaServer Server => _server ?? throw new InvalidOperationException("the Samba fixture has not started");

    public async Task InitializeAsync() => _server = await SambaServer.StartAsync(_options);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

public sealed class SigningMandatorySambaFixture() : SambaFixture(SambaOptions.SigningMandatory);

public sealed class EncryptionRequiredSambaFixture() : SambaFixture(SambaOptions.EncryptionRequired);

public sealed class Smb311OnlySambaFixture() : SambaFixture(SambaOptions.Smb311Only);
