using System.Diagnostics;

namespace Hull.Oci.Tests;

/// <summary>Runs skopeo (installed by scripts/test.sh) and python3 for interop tests.</summary>
public static class Tool
{
    public static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }

    public static Task<string> Skopeo(params string[] args) => RunAsync("skopeo", args);

    /// <summary>The repository root (the directory holding Hull.sln).</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hull.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("repository root (Hull.sln) not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs ../shared/bench/image-workload.py into <paramref name="outDir"/>.</summary>
    public static Task ImageWorkload(string outDir, int images, int layers, int kib) =>
        RunAsync("python3", Path.Combine(RepoRoot(), "..", "shared", "bench", "image-workload.py"),
            images.ToString(), layers.ToString(), kib.ToString(), outDir);
}
