using System.Globalization;
using System.Text;
using Hull.Yaml.Parsing;
using Hull.Yaml.Tests.Conformance;

namespace Hull.Yaml.Tests;

/// <summary>
/// The fast block parser must build exactly the tree the complete parser builds (values, positions, comments) and
/// must give up on anything the complete parser rejects. Checked over every YAML text of the shared ytt suites,
/// variants of them, and hand-written edge cases.
/// </summary>
public sealed class FastParserTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string[] EdgeCases =
    [
        "a: 1\n",
        "a: 1",
        "",
        "\n\n",
        "# only a comment\n",
        "---\n",
        "--- # c\na: 1\n",
        "---\n---\n",
        "a:\n- 1\n- 2\nb: 3\n",
        "a:\n  - 1\n  - 2\nb: 3\n",
        "- a: 1\n  b: 2\n- c\n-\n- - x\n  - y\n",
        "a: |\n  x\n  y\n\nb: 1\n",
        "a: |-\n  x\n\n\nb: 1\n",
        "a: |+\n  x\n\n\nb: 1\n",
        "a: |+\n  x\n\n",
        "a: |+\n  x",
        "a: |\n  x",
        "a: |\n  x\n  ",
        "a: |\n\n  x\n   y\n \n  z\n",
        "a: |\n    x\n  y\n",
        "a: |\nb: 1\n",
        "a: |2\n   x\n",
        "a: >\n  x\n  y\n",
        "a: b\n  c\n",
        "a: b\n  # c\n  d\n",
        "a: b # c\n# d\ne: f #g\n",
        "a: 'x''y'\nb: \"x\\ty\\u00e9\"\n",
        "'a b': 1\n\"c\": 2\n",
        "a: \"x\n  y\"\n",
        "a: 'x\n  y'\n",
        "a: [1, 2]\n",
        "a: []\nb: {}\nc: [ ]\nd: { }\n",
        "- {}\n- []\n- [a, 'b', \"c\", 1, true, null, ~, -1, 1.5]\n",
        "a: {b: 1, 'c': x, \"d\": [], e: f g}\n",
        "a: [a, b] # c\nb: {x: y}#c\n",
        "a: [a, b]x\n",
        "a: [a, [b]]\n",
        "a: [a, {b: c}]\n",
        "a: {b: {c: d}}\n",
        "a: [a,]\n",
        "a: [a,,b]\n",
        "a: [a b, c  ]\n",
        "a: [a\n  , b]\n",
        "a: {b}\n",
        "a: {b: }\n",
        "a: {b:c}\n",
        "a: {\"b\":c}\n",
        "a: {url: http://x}\n",
        "a: [http://x]\n",
        "a: [-]\n",
        "a: [- b]\n",
        "a: [? b]\n",
        "a: [&x b]\n",
        "a: [!!str b]\n",
        "a: [b #c]\n",
        "a: [b, c#d]\n",
        "a: {'': x}\n",
        "[a, b]\n",
        "{a: b}\n",
        "[a]: b\n",
        "a: {b: 1, b: 2}\n",
        "a: ['x''y', \"z\\\"\"]\n",
        "a: 'x\n  y\n\n  z\n\n\n    w '\nb: 1\n",
        "a: 'x   \n     y'\n",
        "a: '\n  y'\n",
        "a: 'x\n'\n",
        "a: 'x\ny'\n",
        "- 'x\n  y'\n- 'z\n y'\n",
        "- 'x\n y'\n",
        "a:\n  b: 'x\n  y'\n",
        "a:\n  b: 'x\n   y'\n",
        "a: 'x\n  y' # c\nb: 2\n",
        "a: 'x\n  y'z\n",
        "a: 'x\n  y': z\n",
        "a: 'x\n  y'\n  c: d\n",
        "a: 'x\n  it''s\n  y'\n",
        "a: 'x\n---\n  y'\n",
        "a: 'x\n  ---\n  y'\n",
        "a: 'x\n  # not a comment\n  y'\n",
        "a: 'x\n   \n  y'\n",
        "a: 'unterminated\n  y\n",
        "a: x\n  y\n  z\nb: 1\n",
        "a: x\n\n  y\n\n\n  z\n\nb: 1\n",
        "a: x  \n     y  \n",
        "a:\n  x\n  y\n",
        "- x\n  y\n- z\n",
        "- a: x\n    y\n  b: z\n",
        "- a: x\n   y\n",
        "a: x\n  y: z\n",
        "a: x\n  y:\n",
        "a: x\n  y #c\n",
        "a: x\n  # c\n  y\n",
        "a: x\n  # c\nb: y\n",
        "a: x\n  - y\n",
        "a: x\n  -y\n",
        "a: x\n  ? y\n",
        "a: x\n  [y]\n",
        "a: x\n  'y'\n",
        "a: x\n  y # c\n",
        "a: 1\n  2\n",
        "a: true\n  false\n",
        "a: x\n  y\n z\n",
        "a:\n  b: x\n   y\n  c: d\n",
        "x\n  y\n",
        "a: x\n  y\n---\nb: z\n",
        "a: x\n  y:z\n",
        "a: x\n  http://y\n",
        "a: {b: 1}\n",
        "a: &x 1\nb: *x\n",
        "<<: {a: 1}\n",
        "a: !!str 1\n",
        "? a\n: b\n",
        "a: b: c\n",
        "a: - b\n",
        "a:\n  b: 1\n c: 2\n",
        "- a\n - b\n",
        "a: 1\n- b\n",
        "- a\nb: 1\n",
        "a:\tb\n",
        "a: b\r\nc: d\r\n",
        "a: x\u0085y\n",
        "a: x\u2028y\n",
        "a: \u0001\n",
        "a: \uFEFFx\n",
        "a: \"\\x41\\u00e9\\U0001F600\"\n",
        "a: \"\\q\"\n",
        "1: a\ntrue: b\n~: c\n0x1F: d\n1.5: e\n",
        "a: yes\nb: 012\nc: 1_000\nd: .inf\ne: 2001-12-14\n",
        "a: http://x:80/y\nb: x#y\nc: x #y\n",
        "a:   \nb:\n\n  c: 1\n",
        "  a: 1\n  b: 2\n",
        "foo\n",
        "foo\nbar\n",
        "...\n",
        "%YAML 1.1\n---\na: 1\n",
        "--- |\n  x\n",
        "---a: 1\n",
        "a: ---\nb: ...\n",
        "#@ load(\"x\", \"y\")\n#@ def f():\nk: v\n#@ end\n---\na: #@ f()\n#@ for i in range(3):\n- #@ i\n#@ end\n",
        "a:\n  #@ if True:\n  b: 1\n  #@ end\n#! drop\n",
        "- #@ x\n  #@ y\n- 2\n",
        "a:\n\n  # c\n\n  b: 1\n\n# trailing\n",
        "a: 1\n---\n# c\n---\nb: 2\n# end\n",
        "- |\n  x\n- y\n",
        "- - |\n    x\n  - y\n",
        "a: \"\"\nb: ''\nc: ~\n",
        "a: \"x\" # c\nb: 'y'#c\n",
        "a:  b   \n",
        "a: b#c\n",
        "- a: |\n    x\n  b: 1\n",
        "key with spaces: value with spaces\n",
        "a: -1\nb: -\n",
        "a: ?x\nb: -x\nc: :x\n",
        "a: x, y\nb: x]\n",
        "a: @x\n",
        "a: `x\n",
        "a:\n  - b\n  c: 1\n",
    ];

    [Fact]
    public void EveryTextParsesTheSameBothWays()
    {
        var problems = new List<string>();
        int fastCount = 0, total = 0;
        foreach (var (name, text) in Texts())
        {
            foreach (var variant in Variants(text))
            {
                total++;
                string? problem;
                bool usedFast;
                try
                {
                    problem = Compare(variant, out usedFast);
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    problem = "the complete parser crashed: " + e.GetType().Name + ": " + e.Message;
                    usedFast = false;
                }
                if (usedFast)
                {
                    fastCount++;
                }

                if (problem is not null)
                {
                    problems.Add(name + ": " + problem + "\n--- text\n" + variant);
                }
            }
        }

        output.WriteLine($"{fastCount} of {total} texts took the fast path");
        Assert.True(problems.Count == 0, $"{problems.Count} of {total} texts differ\n" + string.Join("\n\n", problems.Take(5)));
        // The fast path must actually be taken for the common case, or it is dead weight.
        Assert.True(fastCount > total / 3, $"fast parser took only {fastCount} of {total} texts");
    }

    [Fact]
    public void TakesTheFastPathForPlainBlockYaml()
    {
        Assert.True(BlockFastParser.TryParse("a:\n  b: 1\n  c:\n  - x\n", "f", true, false, out _));
        Assert.False(BlockFastParser.TryParse("a: [[1]]\n", "f", true, false, out _));
    }

    private static string? Compare(string text, out bool usedFast)
    {
        string full;
        try
        {
            full = Dump(YamlParser.ParseFull(text, "f.yml", YamlParseOptions.Default));
        }
        catch (YamlException e)
        {
            full = "ERR " + e.Message;
        }

        usedFast = BlockFastParser.TryParse(text, "f.yml", true, StartsWithMarker(text), out var set);
        if (!usedFast)
        {
            return null;
        }

        var fast = Dump(set!);
        return fast == full ? null : "fast parser disagrees\n--- full\n" + full + "\n--- fast\n" + fast;
    }

    private static bool StartsWithMarker(string text)
    {
        var t = text.TrimStart();
        return t.Length > 3 && t.StartsWith("---", StringComparison.Ordinal) && char.IsWhiteSpace(t[3]);
    }

    private static IEnumerable<string> Variants(string text)
    {
        yield return text;
        foreach (var mutated in Mutations(text))
        {
            yield return mutated;
        }

        var trimmed = text.TrimEnd('\n');
        if (trimmed != text)
        {
            yield return trimmed;
        }

        yield return text + "\n\n";
        yield return "---\n" + text;
        yield return text + (text.EndsWith('\n') || text.Length == 0 ? "" : "\n") + "---\nz: 1\n";
    }

    // Small random edits (deterministic) that push texts into indentation, comment and error corners.
    private static IEnumerable<string> Mutations(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 2)
        {
            yield break;
        }

        var random = new Random(text.Length);
        var count = int.TryParse(Environment.GetEnvironmentVariable("HULL_FAST_PARSER_MUTATIONS"), out var n) ? n : 6;
        for (var m = 0; m < count; m++)
        {
            var copy = lines.ToList();
            var i = random.Next(copy.Count);
            switch (m % 6)
            {
                case 0:
                    copy[i] = " " + copy[i];
                    break;
                case 1:
                    copy[i] = copy[i].StartsWith(' ') ? copy[i][1..] : copy[i];
                    break;
                case 2:
                    copy.RemoveAt(i);
                    break;
                case 3:
                    copy.Insert(i, copy[i]);
                    break;
                case 4:
                    copy[i] = copy[i] + " # note";
                    break;
                default:
                    copy.Insert(i, new string(' ', random.Next(6)) + (random.Next(2) == 0 ? "" : "- x"));
                    break;
            }

            yield return string.Join('\n', copy);
        }
    }

    private static IEnumerable<(string Name, string Text)> Texts()
    {
        for (var i = 0; i < EdgeCases.Length; i++)
        {
            yield return ("edge " + i.ToString(CultureInfo.InvariantCulture), EdgeCases[i]);
        }

        var roots = new List<string> { SuitePaths.Ytt };
        var extra = Environment.GetEnvironmentVariable("HULL_FAST_PARSER_CORPUS");
        if (!string.IsNullOrEmpty(extra))
        {
            roots.Add(extra);
        }

        foreach (var root in roots)
        {
            foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (path.EndsWith(".md", StringComparison.Ordinal) || Path.GetFileName(path) == "LICENSE" || path.Contains("/texttemplate/", StringComparison.Ordinal))
                {
                    continue;
                }

                var text = File.ReadAllText(path);
                var at = text.IndexOf("\n+++\n", StringComparison.Ordinal);
                if (at < 0)
                {
                    yield return (path, text);
                    continue;
                }

                yield return (path + " (input)", text[..(at + 1)]);
                var expected = text[(at + 5)..].TrimStart('\n');
                if (!expected.StartsWith("ERR:", StringComparison.Ordinal) && !expected.StartsWith("OUTPUT POSITION:", StringComparison.Ordinal))
                {
                    yield return (path + " (output)", expected);
                }
            }
        }
    }

    private static string Dump(DocumentSet set)
    {
        var sb = new StringBuilder();
        foreach (var d in set.Items)
        {
            Dump(sb, d, 0);
        }

        return sb.ToString();
    }

    private static void Dump(StringBuilder sb, object? value, int depth)
    {
        sb.Append(' ', depth * 2);
        if (value is not Node n)
        {
            sb.Append(Scalar(value)).Append('\n');
            return;
        }

        sb.Append(n.GetType().Name).Append(' ').Append(n.Position.AsCompactString());
        if (n is Document { Injected: true })
        {
            sb.Append(" injected");
        }

        foreach (var c in n.Comments)
        {
            sb.Append(" #[").Append(c.Data).Append(" @").Append(c.Position.AsCompactString()).Append(']');
        }

        switch (n)
        {
            case Document d:
                sb.Append('\n');
                Dump(sb, d.Value, depth + 1);
                break;
            case Map m:
                sb.Append('\n');
                foreach (var i in m.Items)
                {
                    Dump(sb, i, depth + 1);
                }

                break;
            case YamlArray a:
                sb.Append('\n');
                foreach (var i in a.Items)
                {
                    Dump(sb, i, depth + 1);
                }

                break;
            case MapItem mi:
                sb.Append(" key=").Append(Scalar(mi.Key)).Append('\n');
                Dump(sb, mi.Value, depth + 1);
                break;
            case ArrayItem ai:
                sb.Append('\n');
                Dump(sb, ai.Value, depth + 1);
                break;
        }
    }

    private static string Scalar(object? v) => v switch
    {
        null => "null",
        string s => "str:" + s.Replace("\n", "\\n", StringComparison.Ordinal),
        double d => "float:" + d.ToString("R", CultureInfo.InvariantCulture),
        _ => v.GetType().Name + ":" + Convert.ToString(v, CultureInfo.InvariantCulture),
    };
}
