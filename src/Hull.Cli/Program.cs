using Hull.Cli;

return await HullApp.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
