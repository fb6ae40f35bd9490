namespace SmbSyncCluster.Testing;

/// <summary>The checkout the tests run from, for the scripts and manifests they check.</summary>
public static class Repository
{
    /// <summary>The directory holding SmbSyncCluster.sln, above the test assembly.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SmbSyncCluster.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("the repository root is not above the test assembly");
        }
        return root;
    }
}
