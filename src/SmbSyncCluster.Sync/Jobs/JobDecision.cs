using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs.Events;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>The outcome of <see cref="JobState.Decide"/>: events to persist, or a refusal.</summary>
/// <param name="Events">The events to persist and apply (empty when refused).</param>
/// <param name="Refusal">Why it was refused, or null.</param>
/// <param name="Reason">One line for the user when refused.</param>
/// <param name="Field">The spec field at fault, when the refusal is about one.</param>
/// <param name="Problems">Every problem of an invalid spec, when that is the refusal.</param>
public sealed record JobDecision(
    IReadOnlyList<IJobEvent> Events, JobRefusal? Refusal, string? Reason, string? Field = null, IReadOnlyList<JobSpecError>? Problems = null)
{
    /// <summary>Accepts with events.</summary>
    public static JobDecision Accept(params IJobEvent[] events) => new(events, null, null);

    /// <summary>Refuses with a reason.</summary>
    public static JobDecision Refuse(JobRefusal refusal, string reason, string? field = null) => new([], refusal, reason, field);

    /// <summary>Refuses an invalid spec with all its problems, the first as the reason.</summary>
    public static JobDecision Invalid(IReadOnlyList<JobSpecError> problems) =>
        new([], JobRefusal.Invalid, problems[0].Reason, problems[0].Field, problems);
}
