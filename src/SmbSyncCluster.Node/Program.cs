using SmbSyncCluster.Node;

return Cli.Run(args, Console.Out, Console.Error);
