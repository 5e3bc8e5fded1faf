using System.Diagnostics;

namespace Hull.TestSupport;

/// <summary>Runs programs (real tools, example scripts, the hull executable under other names) as a user's shell would.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="program"/> and returns its standard output; a non-zero exit fails with both streams.</summary>
    public static string Run(string program, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var (code, stdout, stderr) = Execute(program, workingDirectory, environment, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {code}:\n{stdout}\n{stderr}");
        }
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
}
