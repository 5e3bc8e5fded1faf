using System.Text;
using System.Text.RegularExpressions;

namespace Hull.Starlark.Tests.Conformance;

/// <summary>One independent piece of a chunked conformance file.</summary>
internal sealed record Chunk(string Name, string Kind, string File, string Source, List<(int Line, string Pattern)> Expected, HashSet<string> Options)
{
    public static IEnumerable<Chunk> Read(string root, string relPath)
    {
        var lines = System.IO.File.ReadAllText(Path.Combine(root, relPath)).Split('\n');
        string kind = relPath.Split('/')[0];
        int start = 0;
        for (int i = 0; i <= lines.Length; i++)
        {
            if (i < lines.Length && lines[i].TrimEnd('\r') != "---") continue;
            var sb = new StringBuilder();
            for (int j = 0; j < start; j++) sb.Append('\n');
            var expected = new List<(int, string)>();
            var options = new HashSet<string>();
            for (int j = start; j < i; j++)
            {
                string line = lines[j];
                sb.Append(line);
                if (j + 1 < i) sb.Append('\n');
                int h = line.IndexOf("###", StringComparison.Ordinal);
                if (h >= 0 && !line[(h + 3)..].TrimStart().StartsWith('#')) expected.Add((j + 1, Pattern(line[(h + 3)..].Trim())));
                foreach (Match m in Regex.Matches(line, @"option:(\w+)")) options.Add(m.Groups[1].Value);
            }
            yield return new Chunk($"{relPath}:{start + 1}", kind, relPath, sb.ToString(), expected, options);
            start = i + 1;
        }
    }

    private static string Pattern(string s)
    {
        if (s.StartsWith('`'))
        {
            int end = s.IndexOf('`', 1);
            return s[1..end];
        }
        if (s.StartsWith('"'))
        {
            var sb = new StringBuilder();
            for (int i = 1; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '"') break;
                if (c == '\\' && i + 1 < s.Length)
                {
                    char n = s[++i];
                    sb.Append(n switch { 'n' => '\n', 't' => '\t', _ => n });
                    continue;
                }
                sb.Append(c);
            }
            return sb.ToString();
        }
        return s;
    }
}
