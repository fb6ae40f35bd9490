namespace SmbSyncCluster.Node.Cli;

/// <summary>The prose of the help that no single option carries, each piece written once and shown by the verbs it concerns.</summary>
internal static class HelpNotes
{
    public const string Remote = """
        REMOTE is smb://[DOMAIN;]USER@HOST[:PORT]/SHARE[/PATH][?protection=sign|encrypt|?guest=true] or a local
        path; a session the server admits only as guest is refused unless the URL says guest=true. Quote the URL
        in a shell, where ';' ends a command; DOMAIN\USER is taken for DOMAIN;USER. auth=kerberos|ntlm picks the
        logon (default negotiate: Kerberos for a realm such as CORP.EXAMPLE;USER or with a ticket from kinit,
        else NTLM); spn=cifs/NAME names the server's Kerberos principal when HOST is an address or alias.
        """;

    public const string Glob = """
        GLOB: * within a name, ** across directories, ? one character; anchored at the top when it holds a
        '/', except a trailing one, which names directories (--exclude node_modules/ at any depth,
        --include docs/ for every file under a docs directory).
        """;

    public const string Versions = """
        Runs keep what they delete or overwrite in .smbsync-versions at the root of the side that loses it, at the
        same path, named stem~YYYYMMDD-HHMMSS-mmm.ext (UTC), for --keep-versions days (30 unless set; 0 keeps none).
        A restore keeps the current file as a version first, and is a change the next run syncs.
        """;

    public const string Checksum = "--checksum reads same-size files whose times differ on both sides: identical content is one version.";

    public const string Password = "The password comes from SMBSYNC_PASSWORD or --password-file.";

    public const string SyncExitCodes = "Exit codes: 0 synced, 1 some items failed, 2 invalid usage, 3 run refused or aborted.";

    public const string VersionsExitCodes = """
        Exit codes: 0 done, 2 invalid usage (a path or version name that cannot be one), 3 refused: a sync of the
        pair holds it, no such version, a side cannot be reached or changed.
        """;

    private static readonly string JobsServer = $"""
        Jobs live on a running node: --server, else SMBSYNC_SERVER, else {Cli.Jobs.JobsArguments.DefaultServer.OriginalString}; the API token
        from SMBSYNC_API_TOKEN or --token-file.
        """;

    private const string JobsExitCodes = """
        Exit codes: 0 done, 2 invalid usage, 3 the server refused the request or cannot be reached
        (jobs sync --follow exits as smbsync sync: 1 some items failed, 3 run refused or aborted).
        """;

    /// <summary>Where the jobs verbs find their node, and their exit codes.</summary>
    public static readonly string Jobs = JobsServer + Environment.NewLine + Environment.NewLine + JobsExitCodes;

    public const string Node = """
        Job specs' local paths must lie under a --local-root (required when --http listens beyond loopback)
        and never in the node's own state. The front answers only to its own names (localhost, its addresses,
        --public-url, --allowed-host), refuses requests from other sites and bodies that are not
        application/json. A credential's servers: file <name>.hosts beside it (or
        SMBSYNC_CREDENTIAL_<NAME>_HOSTS); without one it may go to any server.
        """;

    public const string Root = """
        'smbsync VERB --help' lists a verb's options; 'smbsync jobs VERB --help' a jobs verb's.
        An argument @FILE stands for the lines of FILE (a response file).

        Exit codes: 0 synced, 1 some items failed, 2 invalid usage, 3 run refused or aborted
        (for jobs: the server refused the request or cannot be reached).
        """;
}
