using SmbSyncCluster.Bench;

return await BenchProgram.RunAsync(args);
