using Microsoft.AspNetCore.Http;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Http;

/// <summary>The HTTP front's errors, as problem+json (RFC 9457): the status, a title, one line of detail and, for bad input, the fields at fault.</summary>
internal static class Problems
{
    /// <summary>400 with every field (of a spec, or of the query) at fault.</summary>
    public static IResult Invalid(IEnumerable<JobSpecError> errors, string title = "The job spec is invalid") =>
        Results.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()),
            detail: string.Join("; ", errors.Select(e => $"{e.Field}: {e.Reason}")),
            title: title);

    /// <summary>The status a job's refusal means: 400, 404 or 409.</summary>
    public static IResult Refused(CommandRefused refused) => refused.Refusal switch
    {
        JobRefusal.Invalid => Invalid([new JobSpecError(refused.Field ?? "request", refused.Reason)]),
        JobRefusal.NotFound => Results.Problem(refused.Reason, statusCode: StatusCodes.Status404NotFound, title: "No such job"),
        JobRefusal.Busy => Results.Problem(refused.Reason, statusCode: StatusCodes.Status409Conflict, title: "The job is running"),
        JobRefusal.PairTaken => Results.Problem(refused.Reason, statusCode: StatusCodes.Status409Conflict, title: "The pair has a job"),
        _ => Results.Problem(refused.Reason, statusCode: StatusCodes.Status409Conflict, title: "No run to control"),
    };

    /// <summary>404 for a job that does not exist.</summary>
    public static IResult NotFound(string jobId) =>
        Results.Problem($"job {jobId} does not exist", statusCode: StatusCodes.Status404NotFound, title: "No such job");

    /// <summary>503 when the cluster did not answer in time (a job moving between nodes, a journal down).</summary>
    public static IResult Unavailable(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The cluster did not answer in time");
}
