using System.Diagnostics;
using Hull.Templating;
using Hull.Templating.Files;
using Hull.Templating.Overlays;

// Renders a template workload (template-workload.py output) as `hull template -f big.yml -f values.yml -f overlay.yml`
// does, for timing whole processes under /usr/bin/time while `hull template` is not available as an AOT binary.
// Usage: DIR            render with the overlay, YAML to stdout
//        DIR plain      render without overlay.yml (the baseline)
//        DIR phases N   N in-process rounds with and without overlay.yml (wall time, allocations)
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Hull.Overlays.Benchmarks DIR [phases ROUNDS]");
    return 2;
}

var dir = args[0];
List<InputFile> Files(bool overlay)
{
    var names = overlay ? new[] { "big.yml", "values.yml", "overlay.yml" } : ["big.yml", "values.yml"];
    return names.Select(n => new InputFile(n, File.ReadAllBytes(Path.Combine(dir, n)), FileKind.YamlTemplate)).ToList();
}

if (args.Length < 2 || args[1] == "plain")
{
    var result = TemplateRenderer.Render(Files(overlay: args.Length < 2), new TemplateOptions());
    using var stdout = Console.OpenStandardOutput();
    stdout.Write(System.Text.Encoding.UTF8.GetBytes(result.CombinedYaml()));
    return 0;
}

int rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
for (int r = 0; r < rounds; r++)
{
    foreach (bool overlay in new[] { false, true })
    {
        var files = Files(overlay);
        long a0 = GC.GetTotalAllocatedBytes();
        var sw = Stopwatch.StartNew();
        var result = TemplateRenderer.Render(files, new TemplateOptions());
        double render = sw.Elapsed.TotalMilliseconds;
        string yaml = result.CombinedYaml();
        double total = sw.Elapsed.TotalMilliseconds;
        long a1 = GC.GetTotalAllocatedBytes();
        long live = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(result);
        Console.WriteLine($"  gc counts {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, live after render {live / 1048576.0:F1} MiB, peak working set {Environment.WorkingSet / 1048576.0:F0} MiB");
        Console.WriteLine($"round {r} overlay={overlay,-5} render {render,7:F0} ms  +emit {total,7:F0} ms  alloc {(a1 - a0) / 1048576.0,7:F1} MiB  out {yaml.Length / 1024} KiB");
    }

    // The overlay step alone: the overlay document is rendered under another annotation name (so the renderer leaves
    // it in place), renamed back, then applied to the rendered documents.
    var disguised = Files(overlay: true);
    disguised[2] = disguised[2] with
    {
        Bytes = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(disguised[2].Bytes).Replace("#@overlay/match by=", "#@bench/overlay-match by=", StringComparison.Ordinal)),
    };
    var rendered = TemplateRenderer.Render(disguised, new TemplateOptions());
    foreach (var doc in rendered.Files.Single(f => f.RelativePath == "overlay.yml").Yaml!.Items)
    {
        if (doc.Annotations is Hull.Templating.Evaluation.NodeAnnotations anns && anns.Remove("bench/overlay-match", out var match))
        {
            anns[OverlayAnnotationNames.Match] = match;
        }
    }
    var thread = new Hull.Starlark.StarlarkThread();
    long b0 = GC.GetTotalAllocatedBytes();
    var step = Stopwatch.StartNew();
    DeclarativeOverlays.Apply(rendered.Files, () => thread);
    double stepMs = step.Elapsed.TotalMilliseconds;
    long b1 = GC.GetTotalAllocatedBytes();
    Console.WriteLine($"round {r} overlay step alone {stepMs,7:F1} ms  alloc {(b1 - b0) / 1048576.0,7:F2} MiB");
}
return 0;
