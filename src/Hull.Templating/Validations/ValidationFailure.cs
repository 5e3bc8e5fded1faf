using Hull.Yaml;

namespace Hull.Templating.Validations;

/// <summary>One rule a value broke.</summary>
/// <param name="MustBe">The rule's description.</param>
/// <param name="Found">Why the value broke it; null when the rule just returned False (ytt prints no "found:").</param>
/// <param name="By">Where the rule was written.</param>
public sealed record RuleViolation(string MustBe, string? Found, Position By);

/// <summary>A value that broke one or more rules: its key path, where it was set, and every violation.</summary>
/// <param name="Path">Key path, e.g. `counters.foo` or `list[0]`.</param>
/// <param name="From">Where the value came from (file:line, or a flag).</param>
/// <param name="Violations">The broken rules in order.</param>
public sealed record ValidationFailure(string Path, string From, IReadOnlyList<RuleViolation> Violations)
{
    /// <summary>ytt's layout of a list of failures (blocks separated by an empty line).</summary>
    public static string Format(IEnumerable<ValidationFailure> failures)
    {
        var blocks = new List<string>();
        foreach (var f in failures)
        {
            var sb = new System.Text.StringBuilder();
            sb.Append("  ").Append(f.Path).Append('\n');
            sb.Append("    from: ").Append(f.From).Append('\n');
            foreach (var v in f.Violations)
            {
                sb.Append("    - must be: ").Append(v.MustBe).Append(" (by: ").Append(v.By.AsCompactString()).Append(")\n");
                if (v.Found is not null) sb.Append("      found: ").Append(v.Found).Append('\n');
            }
            blocks.Add(sb.Append('\n').ToString());
        }
        return string.Concat(blocks);
    }
}
