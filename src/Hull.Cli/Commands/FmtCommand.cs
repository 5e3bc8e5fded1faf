using Hull.Failures;
using System.CommandLine;
using Hull.Yaml;

namespace Hull.Cli.Commands;

/// <summary>`hull fmt`: ytt fmt, reprinting YAML templates with their comments.</summary>
public static class FmtCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var files = new Option<string[]>("--file", "-f")
        {
            Description = "File (ie local path, -) (can be specified multiple times)",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("fmt", "Format YAML templates");
        command.Options.Add(files);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            foreach (var path in Expand(parse.GetValue(files) ?? []))
            {
                string text = path == "-"
                    ? await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false)
                    : await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
                string formatted;
                try
                {
                    formatted = YamlFormatter.Format(text, "");
                }
                catch (YamlException e)
                {
                    throw new HullException($"formatting {(path == "-" ? "stdin" : path)}: {e.Message}");
                }

                await output.WriteAsync(formatted.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            return HullApp.Success;
        });
        return command;
    }

    // Like ytt: files as given, directories walked recursively in sorted order; only .yml/.yaml files are formatted.
    private static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (path == "-")
            {
                yield return path;
            }
            else if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(IsYaml)
                    .OrderBy(p => Path.GetRelativePath(path, p), StringComparer.Ordinal);
                foreach (var f in found)
                {
                    yield return f;
                }
            }
            else if (File.Exists(path))
            {
                if (IsYaml(path))
                {
                    yield return path;
                }
            }
            else
            {
                throw new FileNotFoundException($"checking file '{path}': no such file or directory", path);
            }
        }
    }

    private static bool IsYaml(string path) =>
        path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal);
}
