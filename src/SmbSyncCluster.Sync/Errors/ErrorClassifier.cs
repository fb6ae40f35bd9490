using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Errors;

/// <summary>
/// Maps exceptions from the stores to <see cref="ErrorClass"/> by type and HResult, never by message.
/// Supervision in the cluster and retries in the executor both read it.
/// </summary>
public static class ErrorClassifier
{
    // errno values .NET puts in IOException.HResult on Unix, and the Win32 HRESULTs on Windows.
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int Erofs = 30;
    private const int Eexist = 17;
    private const int Enotdir = 20;
    private const int Eisdir = 21;
    private const int Enotempty = 39;
    private const int Win32DiskFull = unchecked((int)0x80070070);
    private const int Win32HandleDiskFull = unchecked((int)0x80070027);
    private const int Win32FileExists = unchecked((int)0x80070050);
    private const int Win32AlreadyExists = unchecked((int)0x800700B7);
    private const int Win32DirNotEmpty = unchecked((int)0x80070091);

    /// <summary>
    /// Whether <paramref name="error"/> concerns one item only, to be left for the next run: anything but a
    /// cancellation and what stops the whole run (authentication, a full disk, a server gone).
    /// </summary>
    public static bool ConcernsOneItem(Exception error) => error is not OperationCanceledException && Classify(error) != ErrorClass.RunFatal;

    /// <summary>Classifies <paramref name="error"/> (unwrapping aggregate exceptions).</summary>
    public static ErrorClass Classify(Exception error) => error switch
    {
        AggregateException { InnerExceptions.Count: > 0 } a => a.InnerExceptions.Select(Classify).Max(),
        SmbServerUnreachableException => ErrorClass.RunFatal,
        SmbConnectionException or SmbProtocolException or SmbServerBusyException or SmbSharingViolationException => ErrorClass.Transient,
        SmbAuthenticationException or SmbShareNotFoundException or SmbDiskFullException => ErrorClass.RunFatal,
        SmbException => ErrorClass.ItemPermanent,
        SourceChangedException => ErrorClass.Transient,
        MissingCredentialException or SpecRefusedException or PlaceBusyException => ErrorClass.RunFatal,
        ChangedSinceScanException => ErrorClass.ItemPermanent,
        UnauthorizedAccessException or FileNotFoundException or DirectoryNotFoundException or PathTooLongException => ErrorClass.ItemPermanent,
        IOException io => ClassifyIo(io.HResult),
        TimeoutException => ErrorClass.Transient,
        _ => ErrorClass.ItemPermanent,
    };

    /// <summary>A full or read-only disk stops the run; a name clash is the item's; anything else (busy, locked, I/O error) is retried.</summary>
    private static ErrorClass ClassifyIo(int hresult) => hresult switch
    {
        Enospc or Edquot or Erofs or Win32DiskFull or Win32HandleDiskFull => ErrorClass.RunFatal,
        Eexist or Enotdir or Eisdir or Enotempty or Win32FileExists or Win32AlreadyExists or Win32DirNotEmpty => ErrorClass.ItemPermanent,
        _ => ErrorClass.Transient,
    };
}
