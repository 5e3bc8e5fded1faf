using Hull.Templating.Files;

namespace Hull.Templating.Tests.RealWorld;

/// <summary>
/// `ytt template` arguments run in-process: the subset real configurations use (`-f`, `-v`, `--data-value-yaml`,
/// `--data-values-file`, `--ignore-unknown-comments`, `--implicit-map-key-overrides`, `--strict`), paths relative to a folder.
/// </summary>
public static class YttInvocation
{
    /// <summary>What a render gave: the YAML on success, else the error message.</summary>
    public sealed record Outcome(bool Succeeded, string Text);

    /// <summary>Renders with <paramref name="args"/> (ytt's, shell-split on spaces) as if run in <paramref name="folder"/>.</summary>
    public static Outcome Run(string folder, string args)
    {
        try
        {
            var collector = new FileCollector();
            var options = new TemplateOptions { Version = "0.45.0" };
            var words = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i < words.Length; i++)
            {
                string w = words[i];
                switch (w)
                {
                    case "-f" or "--file":
                        collector.Add(Path.Combine(folder, words[++i]), () => Stream.Null);
                        break;
                    case "-v" or "--data-value":
                        options.DataValues.AddKeyValue(words[++i], asYaml: false, source: "--data-value");
                        break;
                    case "--data-value-yaml":
                        options.DataValues.AddKeyValue(words[++i], asYaml: true, source: "--data-value-yaml");
                        break;
                    case "--data-values-file":
                        string file = Path.Combine(folder, words[++i]);
                        options.DataValues.AddPlainYaml(file, File.ReadAllText(file));
                        break;
                    case "--ignore-unknown-comments":
                        options.IgnoreUnknownComments = true;
                        break;
                    case "--implicit-map-key-overrides":
                        options.ImplicitMapKeyOverrides = true;
                        break;
                    case "--strict":
                        options.Strict = true;
                        break;
                    default:
                        throw new ArgumentException($"argument '{w}' is not supported by the in-process runner", nameof(args));
                }
            }

            return new Outcome(true, TemplateRenderer.Render(collector.Files, options).CombinedYaml());
        }
        catch (TemplateException e)
        {
            return new Outcome(false, e.Message);
        }
    }

    /// <summary>The repository root (where Hull.sln is).</summary>
    public static string RepositoryRoot { get; } = TestPaths.RepoRoot();
}
