using Reembed.Cli;

return await CommandLineApp.RunAsync(args);
