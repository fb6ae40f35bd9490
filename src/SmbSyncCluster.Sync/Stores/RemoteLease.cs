using System.Text;
using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Sync.Runs;

namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// A run's claim on a directory of a share: a file at its root held open without sharing write or delete
/// access (<see cref="SmbShareClient.OpenClaimAsync"/>), holding the owner's description. An open handle,
/// not an expiry time, is the lease: the server ends it when the holder's connection dies, so a crashed
/// holder never blocks the next run, and a holder that is alive but slow is never taken over while it
/// still writes. The same holds the other way: a handle does not survive a reconnect, and by then another
/// run may have taken the directory, so the claim is checked before every change (<see cref="HoldAsync"/>).
/// </summary>
internal sealed class RemoteLease(SmbShareClient client, string path, string place, string owner) : IAsyncDisposable
{
    private readonly SemaphoreSlim _claiming = new(1, 1);
    private SmbFile? _file;

    /// <summary>Takes the claim; false where this user may not create the file (a read-only share, where nothing is written either).</summary>
    /// <exception cref="PlaceBusyException">Another run holds it.</exception>
    public async Task<bool> TakeAsync(CancellationToken ct)
    {
        try
        {
            _file = await ClaimAsync(ct);
            return true;
        }
        catch (SmbAccessDeniedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Returns at once while the claim's handle is open; once its connection died, takes the claim again
    /// (which reconnects), or throws <see cref="PlaceBusyException"/> when another run took it meanwhile.
    /// </summary>
    public async ValueTask HoldAsync(CancellationToken ct)
    {
        if (_file is { IsOpen: true })
        {
            return;
        }
        await _claiming.WaitAsync(ct);
        try
        {
            if (_file is { IsOpen: true })
            {
                return;
            }
            if (_file is not null)
            {
                await _file.DisposeAsync(); // its connection is gone: nothing is sent
            }
            _file = null;
            _file = await ClaimAsync(ct);
        }
        finally
        {
            _claiming.Release();
        }
    }

    private async Task<SmbFile> ClaimAsync(CancellationToken ct)
    {
        SmbFile file;
        try
        {
            file = await client.OpenClaimAsync(path, ct);
        }
        catch (SmbSharingViolationException)
        {
            throw new PlaceBusyException(place, await HolderAsync(ct));
        }
        try
        {
            var text = Encoding.UTF8.GetBytes(owner);
            await file.SetLengthAsync(0, ct);
            await file.WriteAsync(0, text, ct);
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Who holds the claim, as its file says (written by anyone who can write the share: <see cref="RunClaims.Holder"/> cleans it).</summary>
    private async Task<string> HolderAsync(CancellationToken ct)
    {
        try
        {
            await using var held = await client.OpenReadAsync(path, ct);
            var buffer = new byte[1024];
            return RunClaims.Holder(buffer.AsSpan(0, await held.ReadAsync(0, buffer, ct)));
        }
        catch (SmbException)
        {
            return RunClaims.Holder([]);
        }
    }

    /// <summary>Gives the claim back: the file is deleted on close.</summary>
    public async ValueTask DisposeAsync()
    {
        await _claiming.WaitAsync();
        try
        {
            if (_file is not null)
            {
                await _file.DisposeAsync();
                _file = null;
            }
        }
        finally
        {
            _claiming.Release();
            _claiming.Dispose();
        }
    }
}
