namespace Hull.Yaml.Tests.Conformance;

/// <summary>
/// Runs the ytt golden files that exercise only the YAML layer: `yamlfmt/*.yml` (ytt fmt) and the
/// `yamltemplate` cases without template code (parse and emit). Failures must match known-failures.txt exactly.
/// </summary>
public sealed class YamlConformanceTests
{
    private static readonly string[] PlainTemplateCases = ["map-key-types", "yaml-map-item-sorting", "yaml-comment-indent", "yaml-err"];

    public static IEnumerable<(string Name, Func<string?> Run)> Cases()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(SuitePaths.Ytt, "yamlfmt"), "*.yml").OrderBy(p => p, StringComparer.Ordinal))
        {
            var name = "yamlfmt/" + Path.GetFileName(path);
            yield return (name, () =>
            {
                var (input, expected) = SuitePaths.Split(path);
                var actual = YamlFormatter.Format(input, "stdin");
                return actual == expected ? null : Diff(expected, actual);
            }
            );
        }

        foreach (var c in PlainTemplateCases)
        {
            var path = Path.Combine(SuitePaths.Ytt, "yamltemplate", c + ".tpltest");
            yield return ("yamltemplate/" + c + ".tpltest", () =>
            {
                var (input, expected) = SuitePaths.Split(path);
                string actual;
                try
                {
                    actual = YamlEmitter.EmitDocuments(YamlParser.Parse(input, "stdin").Items);
                }
                catch (YamlException e)
                {
                    actual = "ERR: " + e.Message;
                }

                return actual == expected ? null : Diff(expected, actual);
            }
            );
        }
    }

    [Fact]
    public void GoldenFilesPassExceptKnownFailures()
    {
        var known = SuitePaths.ReadKnownFailures();
        var problems = new List<string>();
        int passed = 0, total = 0;
        foreach (var (name, run) in Cases())
        {
            total++;
            string? failure;
            try
            {
                failure = run();
            }
            catch (Exception e)
            {
                failure = e.GetType().Name + ": " + e.Message;
            }

            if (failure is null)
            {
                passed++;
                if (known.Contains(name))
                {
                    problems.Add(name + ": passes now; remove it from known-failures.txt");
                }
            }
            else if (!known.Contains(name))
            {
                problems.Add(name + ": " + failure);
            }
        }

        Assert.True(problems.Count == 0, $"{passed}/{total} passed\n" + string.Join("\n\n", problems));
    }

    private static string Diff(string expected, string actual) =>
        "expected:\n" + expected.Replace(" ", "·", StringComparison.Ordinal) + "\nactual:\n" + actual.Replace(" ", "·", StringComparison.Ordinal);
}
