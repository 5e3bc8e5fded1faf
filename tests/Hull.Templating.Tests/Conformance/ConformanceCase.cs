using System.Text.RegularExpressions;

namespace Hull.Templating.Tests.Conformance;

/// <summary>One golden file of ../shared/conformance/ytt: input, expected output or error.</summary>
public sealed partial record ConformanceCase(string Name, string FullPath, string Input, string Expected)
{
    /// <summary>The data values every yamltemplate case sees as `data.values`.</summary>
    public const string Fixture = """
        int: 123
        intNeg: -49
        float: 123.123
        t: true
        f: false
        nullz: null
        string: string
        map: {a: 123}
        list: [a, 123, {a: 123}]

        """;

    /// <summary>Whether the case expects a failure.</summary>
    public bool ExpectsError => Expected.StartsWith("ERR:", StringComparison.Ordinal);

    /// <summary>Prefix of expectations written as `-o pos` output.</summary>
    public const string PositionsHeader = "OUTPUT POSITION:\n";

    /// <summary>Whether the case expects `-o pos` output rather than YAML.</summary>
    public bool ExpectsPositions => Expected.StartsWith(PositionsHeader, StringComparison.Ordinal);

    /// <summary>Whether the input is a text template (texttemplate folder).</summary>
    public bool IsText => Name.StartsWith("texttemplate/", StringComparison.Ordinal);

    /// <summary>Reads a case file.</summary>
    public static ConformanceCase Load(string root, string path)
    {
        string text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        string input, expected;
        string name = Path.GetRelativePath(root, path).Replace('\\', '/');
        // texttemplate cases use upstream's "\n+++\n" separator and "\nERR:" prefix.
        int idx = name.StartsWith("texttemplate/", StringComparison.Ordinal) ? -1 : text.IndexOf("\n+++\n\n", StringComparison.Ordinal);
        if (idx >= 0)
        {
            input = text[..idx];
            expected = text[(idx + 6)..];
        }
        else
        {
            idx = text.IndexOf("\n+++\n", StringComparison.Ordinal);
            input = idx >= 0 ? text[..idx] : text;
            expected = idx >= 0 ? text[(idx + 5)..] : "";
            if (expected.StartsWith("\nERR:", StringComparison.Ordinal)) expected = expected[1..];
        }
        return new ConformanceCase(name, path, input, expected);
    }

    /// <summary>Normalises an error text as upstream does before comparing.</summary>
    public static string NormalizeError(string s)
    {
        s = GeneratedName().Replace(s, "__ytt_tplXXX_");
        s = s.Replace("__YTT_VERSION__", "0.0.0", StringComparison.Ordinal);
        var lines = s.Split('\n').Select(l => l.TrimEnd());
        return string.Join("\n", lines).Trim();
    }

    [GeneratedRegex(@"__ytt_tpl\d+_")]
    private static partial Regex GeneratedName();
}
