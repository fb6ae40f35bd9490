using SmbSyncCluster.Node.Cli;

return CommandLine.Run(args, Console.Out, Console.Error);
