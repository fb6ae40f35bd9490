using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Tests.Errors;

public sealed class ErrorClassifierTests
{
    public static TheoryData<Exception, ErrorClass> Cases => new()
    {
        { new SmbConnectionException("lost"), ErrorClass.Transient },
        { new SmbProtocolException("garbage"), ErrorClass.Transient },
        { new SmbServerBusyException(NtStatus.InsufficientResources, "busy"), ErrorClass.Transient },
        { new SmbSharingViolationException(NtStatus.SharingViolation, "in use"), ErrorClass.Transient },
        { new SourceChangedException("a", "grew"), ErrorClass.Transient },
        { new TimeoutException(), ErrorClass.Transient },
        { new IOException("EBUSY") { HResult = 16 }, ErrorClass.Transient },
        { new IOException("EIO") { HResult = 5 }, ErrorClass.Transient },
        { new ChangedSinceScanException("a", "remote"), ErrorClass.ItemPermanent },
        { new SmbAccessDeniedException(NtStatus.AccessDenied, "no"), ErrorClass.ItemPermanent },
        { new SmbNotFoundException(NtStatus.ObjectNameNotFound, "gone"), ErrorClass.ItemPermanent },
        { new SmbNameCollisionException(NtStatus.ObjectNameCollision, "there"), ErrorClass.ItemPermanent },
        { new SmbInvalidNameException(NtStatus.ObjectNameInvalid, "bad"), ErrorClass.ItemPermanent },
        { new SmbDirectoryNotEmptyException(NtStatus.DirectoryNotEmpty, "full"), ErrorClass.ItemPermanent },
        { new SmbWrongKindException(NtStatus.FileIsADirectory, "dir"), ErrorClass.ItemPermanent },
        { new SmbInvalidPathException("a:b"), ErrorClass.ItemPermanent },
        { new SmbStatusException(NtStatus.Unsuccessful, "odd"), ErrorClass.ItemPermanent },
        { new UnauthorizedAccessException(), ErrorClass.ItemPermanent },
        { new FileNotFoundException(), ErrorClass.ItemPermanent },
        { new DirectoryNotFoundException(), ErrorClass.ItemPermanent },
        { new PathTooLongException(), ErrorClass.ItemPermanent },
        { new IOException("EEXIST") { HResult = 17 }, ErrorClass.ItemPermanent },
        { new IOException("ENOTEMPTY") { HResult = 39 }, ErrorClass.ItemPermanent },
        { new InvalidOperationException("bug"), ErrorClass.ItemPermanent },
        { new SmbAuthenticationException(NtStatus.LogonFailure, "who"), ErrorClass.RunFatal },
        { new SmbShareNotFoundException(NtStatus.BadNetworkName, "where"), ErrorClass.RunFatal },
        { new SmbDiskFullException(NtStatus.DiskFull, "full"), ErrorClass.RunFatal },
        { new SmbServerUnreachableException("files:445", TimeSpan.FromSeconds(30), new SmbConnectionException("refused")), ErrorClass.RunFatal },
        { new IOException("ENOSPC") { HResult = 28 }, ErrorClass.RunFatal },
        { new IOException("EDQUOT") { HResult = 122 }, ErrorClass.RunFatal },
        { new IOException("EROFS") { HResult = 30 }, ErrorClass.RunFatal },
        { new IOException("disk full") { HResult = unchecked((int)0x80070070) }, ErrorClass.RunFatal },
        { new AggregateException(new SmbConnectionException("x"), new SmbDiskFullException(NtStatus.DiskFull, "y")), ErrorClass.RunFatal },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_exception_maps_to_its_class(Exception error, ErrorClass expected) =>
        Assert.Equal(expected, ErrorClassifier.Classify(error));
}
