using SmbSyncCluster.Smb.Auth.Ntlm;
using SmbSyncCluster.Smb.Crypto;

namespace SmbSyncCluster.Smb.Tests.Auth;

/// <summary>[MS-NLMP] 4.2.4 NTLMv2 example, step by step.</summary>
public sealed class NtlmV2Tests
{
    [Fact]
    public void NtOwfV2_matches_4_2_4_1_1()
    {
        Assert.Equal(MsNlmpVectors.NtOwfV2, NtlmV2.NtOwfV2(MsNlmpVectors.Password, MsNlmpVectors.User, MsNlmpVectors.Domain));
    }

    [Fact]
    public void NtOwfV2_upper_cases_the_user_but_not_the_domain()
    {
        Assert.Equal(MsNlmpVectors.NtOwfV2, NtlmV2.NtOwfV2(MsNlmpVectors.Password, "user", MsNlmpVectors.Domain));
        Assert.NotEqual(MsNlmpVectors.NtOwfV2, NtlmV2.NtOwfV2(MsNlmpVectors.Password, MsNlmpVectors.User, "DOMAIN"));
    }

    [Fact]
    public void The_client_blob_is_the_temp_of_4_2_4()
    {
        Assert.Equal(MsNlmpVectors.ClientBlob, NtlmV2.ClientBlob(0, MsNlmpVectors.ClientChallenge, MsNlmpVectors.TargetInfo));
    }

    [Fact]
    public void NtProofStr_matches_4_2_4_2_2()
    {
        var proof = NtlmV2.NtProofStr(MsNlmpVectors.NtOwfV2, MsNlmpVectors.ServerChallenge, MsNlmpVectors.ClientBlob);

        Assert.Equal(MsNlmpVectors.NtProofStr, proof);
    }

    [Fact]
    public void LmV2_response_matches_4_2_4_2_1()
    {
        var response = NtlmV2.LmV2Response(MsNlmpVectors.NtOwfV2, MsNlmpVectors.ServerChallenge, MsNlmpVectors.ClientChallenge);

        Assert.Equal(MsNlmpVectors.LmV2Response, response);
    }

    [Fact]
    public void Session_base_key_matches_4_2_4_1_2()
    {
        Assert.Equal(MsNlmpVectors.SessionBaseKey, NtlmV2.SessionBaseKey(MsNlmpVectors.NtOwfV2, MsNlmpVectors.NtProofStr));
    }

    [Fact]
    public void Encrypted_session_key_matches_4_2_4_2_3()
    {
        // KeyExchangeKey = SessionBaseKey for NTLMv2; the random session key goes out RC4-encrypted under it.
        Assert.Equal(MsNlmpVectors.EncryptedSessionKey, Rc4.Transform(MsNlmpVectors.SessionBaseKey, MsNlmpVectors.RandomSessionKey));
    }
}
