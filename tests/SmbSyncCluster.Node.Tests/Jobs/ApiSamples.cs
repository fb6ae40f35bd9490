using System.Text.Json;
using SmbSyncCluster.Node.Http;
using SmbSyncCluster.Node.Reports;

namespace SmbSyncCluster.Node.Tests.Jobs;

/// <summary>Bodies as the HTTP front writes them (the API's fixed JSON), each on one line as event data needs.</summary>
internal static class ApiSamples
{
    public static readonly DateTimeOffset Started = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public static string Job(string id = "docs", string status = "idle", string? runId = null, string? progress = null, string? lastRun = null) =>
        $$"""{"id":"{{id}}","spec":{"id":"{{id}}","localPath":"/data/{{id}}","remote":"smb://alice@nas/team/{{id}}","mode":"mirror","conflict":"keep-both","workers":8,"exclude":["*.tmp","cache"],"include":[],"intervalSeconds":null,"credential":null},"status":"{{status}}","node":"akka.tcp://smbsync@127.0.0.1:4053","runId":{{Quoted(runId)}},"progress":{{progress ?? "null"}},"lastRun":{{lastRun ?? "null"}},"trackedPaths":1234}""";

    public static string Progress(int itemsDone = 1, long bytesDone = 512) =>
        $$"""{"phase":"executing","currentPath":"docs/a.txt","itemsDone":{{itemsDone}},"itemsTotal":4,"bytesDone":{{bytesDone}},"bytesTotal":1024,"bytesPerSecond":2048,"eta":"00:00:06","percent":{{bytesDone * 100 / 1024}}}""";

    public static string Run(string runId, string outcome = "completed", int failed = 0, string? reason = null, bool dryRun = false)
    {
        var errors = failed == 0 ? "[]" : """[{"path":"locked.txt","action":"upload","kind":"item","message":"access denied"}]""";
        return $$"""{"jobId":"docs","runId":"{{runId}}","mode":"mirror","dryRun":{{(dryRun ? "true" : "false")}},"uploaded":2,"downloaded":1,"deletedLocal":0,"deletedRemote":3,"conflicts":1,"skipped":0,"failed":{{failed}},"bytesTransferred":2048,"durationMs":2500,"errors":{{errors}},"startedAt":"{{Started:O}}","finishedAt":"{{Started.AddSeconds(2.5):O}}","outcome":"{{outcome}}","reason":{{Quoted(reason)}}}""";
    }

    public static JobResource Resource(string json) => JsonSerializer.Deserialize<JobResource>(json, NodeJson.Options)!;

    private static string Quoted(string? text) => text is null ? "null" : JsonSerializer.Serialize(text);
}
