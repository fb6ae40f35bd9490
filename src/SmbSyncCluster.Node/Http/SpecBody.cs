using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Reports;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Node.Http;

/// <summary>
/// Reads a job spec from a request body and checks it, so that every problem (malformed JSON, an unknown
/// field, a missing or invalid one) is a 400 naming the field, before anything reaches a job.
/// </summary>
internal static class SpecBody
{
    private static readonly string[] Fields = [.. typeof(JobSpec).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];
    private static readonly string[] Required = ["id", "localPath", "remote"];

    /// <summary>
    /// The spec, or the problem to answer. <paramref name="routeId"/> (PUT) fills a missing id and must match a given one.
    /// The node's <paramref name="limits"/> are checked here too, so that their problems come with the spec's own;
    /// the job checks them again wherever it runs, as it does for specs arriving over remoting.
    /// </summary>
    public static async Task<(JobSpec? Spec, IResult? Problem)> ReadAsync(HttpRequest request, string? routeId, NodeLimits limits)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return (null, Problems.Invalid([new JobSpecError("body", "not JSON: " + e.Message)]));
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's limits (a body over 1 MiB: 413) or a client that stopped sending.
            return (null, Results.Problem(e.Message, statusCode: e.StatusCode, title: "The request body cannot be read"));
        }
        if (node is not JsonObject body)
        {
            return (null, Problems.Invalid([new JobSpecError("body", "must be a JSON object (a job spec)")]));
        }
        if (routeId is not null)
        {
            if (body["id"] is null)
            {
                body["id"] = routeId;
            }
            else if (body["id"] is not JsonValue id || !id.TryGetValue<string>(out var given) || given != routeId)
            {
                return (null, Problems.Invalid([new JobSpecError("id", $"must be the id in the URL ('{routeId}') or left out")]));
            }
        }
        // Every problem at once: unknown fields (a typo such as "worker" must not pass silently), missing
        // required ones, then the spec's own rules on what is left.
        var errors = body.Select(p => p.Key).Where(k => !Fields.Contains(k)).Select(k => new JobSpecError(k, "unknown field"))
            .Concat(Required.Where(f => body[f] is null).Select(f => new JobSpecError(f, "required")))
            .ToList();
        if (errors.Any(e => Required.Contains(e.Field)))
        {
            return (null, Problems.Invalid(errors));
        }
        foreach (var unknown in errors)
        {
            body.Remove(unknown.Field);
        }
        var readProblems = new List<JobSpecError>();
        JobSpec spec;
        try
        {
            spec = JobSpecReader.Read(body, NodeJson.Options, readProblems);
        }
        catch (JsonException e)
        {
            return (null, Problems.Invalid([.. errors, .. readProblems, new JobSpecError(e.Path is { Length: > 2 } path ? path[2..] : "body", "has the wrong type or format")]));
        }
        spec = spec with { Exclude = spec.Exclude ?? [], Include = spec.Include ?? [] }; // "exclude": null means none
        errors.AddRange(spec.Validate(readProblems));
        errors.AddRange(limits.Check(spec));
        return errors.Count > 0 ? (null, Problems.Invalid(errors)) : (spec, null);
    }
}
