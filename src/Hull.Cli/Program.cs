using Hull.Cli;

PhaseTrace.Start();
return await HullApp.RunAsync(CarvelPersona.Translate(CarvelPersona.InvokedName(), args), Console.Out, Console.Error, CancellationToken.None);
