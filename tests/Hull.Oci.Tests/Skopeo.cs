namespace Hull.Oci.Tests;

/// <summary>Runs skopeo (installed by scripts/test.sh) and python3 for interop tests.</summary>
public static class Tool
{
    public static Task<string> RunAsync(string program, params string[] args) =>
        Task.Run(() => ChildProcess.Run(program, Environment.CurrentDirectory, null, args));

    public static Task<string> Skopeo(params string[] args) => RunAsync("skopeo", args);

    /// <summary>Runs ../shared/bench/image-workload.py into <paramref name="outDir"/>.</summary>
    public static Task ImageWorkload(string outDir, int images, int layers, int kib) =>
        RunAsync("python3", TestPaths.Shared("bench", "image-workload.py"),
            images.ToString(), layers.ToString(), kib.ToString(), outDir);
}
