return await Pmo.Load.Cli.RunAsync(args, Console.Out, Console.Error);
