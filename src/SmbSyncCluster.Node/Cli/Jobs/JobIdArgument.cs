using System.CommandLine;

namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>The job id a jobs verb acts on; optional only for <c>jobs create --file</c>, whose file may name it.</summary>
internal sealed class JobIdArgument : Argument<string?>
{
    public JobIdArgument(bool optional)
        : base("ID")
    {
        Arity = optional ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne;
        Description = optional ? "The job's id (else the one in --file)" : "The job's id";
        this.RefusingOptions();
    }
}
