using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Errors;

namespace SmbSyncCluster.Smb.Tests.Protocol;

public sealed class ErrorMappingTests
{
    public static TheoryData<NtStatus, Type> Mappings => new()
    {
        { NtStatus.AccessDenied, typeof(SmbAccessDeniedException) },
        { NtStatus.MediaWriteProtected, typeof(SmbAccessDeniedException) },
        { NtStatus.ObjectNameNotFound, typeof(SmbNotFoundException) },
        { NtStatus.ObjectPathNotFound, typeof(SmbNotFoundException) },
        { NtStatus.ObjectNameCollision, typeof(SmbNameCollisionException) },
        { NtStatus.SharingViolation, typeof(SmbSharingViolationException) },
        { NtStatus.DiskFull, typeof(SmbDiskFullException) },
        { NtStatus.QuotaExceeded, typeof(SmbDiskFullException) },
        { NtStatus.LogonFailure, typeof(SmbAuthenticationException) },
        { NtStatus.AccountDisabled, typeof(SmbAuthenticationException) },
        { NtStatus.BadNetworkName, typeof(SmbShareNotFoundException) },
        { NtStatus.DirectoryNotEmpty, typeof(SmbDirectoryNotEmptyException) },
        { NtStatus.ObjectNameInvalid, typeof(SmbInvalidNameException) },
        { NtStatus.FileIsADirectory, typeof(SmbWrongKindException) },
        { NtStatus.UserSessionDeleted, typeof(SmbServerBusyException) },
        { NtStatus.InsufficientResources, typeof(SmbServerBusyException) },
        { NtStatus.Unsuccessful, typeof(SmbStatusException) },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public void Each_status_maps_to_its_exception_type(NtStatus status, Type type)
    {
        var e = SmbStatusException.From(status, "op");

        Assert.IsType(type, e);
        Assert.Equal(status, e.Status);
    }

    [Fact]
    public void Messages_name_the_status() =>
        Assert.Equal("open 'x': STATUS_ACCESS_DENIED (0xC0000022)", SmbStatusException.From(NtStatus.AccessDenied, "open 'x'").Message);

    [Fact]
    public void Unknown_statuses_print_as_hex() =>
        Assert.Contains("NTSTATUS 0xC0001234", SmbStatusException.From((NtStatus)0xC0001234, "op").Message, StringComparison.Ordinal);

    [Fact]
    public void Client_options_never_print_the_password()
    {
        var options = new SmbClientOptions { Host = "h", Credentials = new SmbCredentials("D", "u", "hunter2-secret") };

        Assert.DoesNotContain("hunter2-secret", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", (options with { Port = 1 }).ToString(), StringComparison.Ordinal);
    }
}
