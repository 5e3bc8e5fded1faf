using System.Diagnostics;

namespace Hull.Cli.Tests;

/// <summary>Runs programs (example scripts, the hull executable under other names) as a user's shell would.</summary>
internal static class ChildProcess
{
    /// <summary>Runs <paramref name="program"/> and returns its standard output; a non-zero exit fails the test with both streams.</summary>
    public static string Run(string program, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var (code, stdout, stderr) = Execute(program, workingDirectory, environment, args);
        Assert.True(code == 0, $"{program} {string.Join(' ', args)} exited {code}:\n{stdout}\n{stderr}");
        return stdout;
    }

    /// <summary>Runs <paramref name="program"/> and returns its exit code and both streams, whatever the exit code.</summary>
    public static (int Code, string Out, string Err) Execute(string program, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }

    /// <summary>The checkout's root folder (the one holding Hull.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hull.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Hull.sln above {AppContext.BaseDirectory}");
    }
}
