using System.Globalization;
using System.Text;
using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Yaml;

namespace Hull.Templating.Overlays;

/// <summary>Checks the number of matched left nodes against `expects`, `missing_ok` and `when`, with ytt's messages.</summary>
public static class MatchExpectation
{
    private static readonly Value s_zeroOrOne = new ListValue([IntValue.Zero, IntValue.One]);

    /// <summary>
    /// Whether the node applies: null when the count satisfies `missing_ok`, `when` or `expects` (default: exactly one);
    /// <paramref name="skip"/> is set when a `when` condition is not met (the node is skipped, not an error); otherwise
    /// the failure message.
    /// </summary>
    public static string? Check(StarlarkThread thread, in MatchSpec spec, IReadOnlyList<Node> matches, out bool skip)
    {
        skip = false;
        if (spec.MissingOk is not null && spec.Expects is not null) return OnlyOne("missing_ok", "expects");
        if (spec.MissingOk is not null && spec.When is not null) return OnlyOne("missing_ok", "when");
        if (spec.When is not null && spec.Expects is not null) return OnlyOne("when", "expects");
        if (spec.MissingOk is not null)
        {
            if (spec.MissingOk is not BoolValue b) return "Expected keyword argument 'missing_ok' to be a boolean";
            return Check(thread, b.Value ? s_zeroOrOne : IntValue.One, "missing_ok", matches, out _);
        }
        if (spec.When is not null)
        {
            string? error = Check(thread, spec.When, "when", matches, out bool countMismatch);
            if (error is not null && countMismatch)
            {
                skip = true;
                return null;
            }
            return error;
        }
        return Check(thread, spec.Expects ?? IntValue.One, spec.Expects is null ? "" : "expects", matches, out _);
    }

    private static string OnlyOne(string a, string b) => $"Expected only one of keyword arguments ('{a}', '{b}') specified";

    private static string? Check(StarlarkThread thread, Value expected, string kwarg, IReadOnlyList<Node> matches, out bool countMismatch)
    {
        countMismatch = false;
        int n = matches.Count;
        switch (expected)
        {
            case IntValue i:
                if (i.IsSmall && i.Small == n) return null;
                countMismatch = true;
                return $"Expected number of matched nodes to be {i.Repr()}, but was {n}{Lines(matches)}";
            case StringValue s:
                {
                    string text = s.Value;
                    if (text.EndsWith('+') && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int min))
                    {
                        if (n >= min) return null;
                        countMismatch = true;
                        return $"Expected number of matched nodes to be >= {min}, but was {n}{Lines(matches)}";
                    }
                    return $"Expected '{text}' to be in format 'i+' where i is an integer";
                }
            case ListValue l:
                {
                    string? last = null;
                    foreach (var item in l.Items)
                    {
                        last = Check(thread, item, kwarg, matches, out countMismatch);
                        if (last is null) return null;
                    }
                    return last;
                }
            case ICallable:
                {
                    Value result;
                    try
                    {
                        result = thread.Call(expected, IntValue.Of(n));
                    }
                    catch (EvalException e)
                    {
                        return e.Msg;
                    }
                    if (result is BoolValue b)
                    {
                        if (b.Value) return null;
                        countMismatch = true;
                        return "Expectation of number of matched nodes failed";
                    }
                    return $"Expected keyword argument '{kwarg}' to have a function that returns a boolean";
                }
            default:
                return $"Expected '{OverlayAnnotationNames.Match}' annotation keyword argument '{kwarg}' to be either int, string or function, but was {StarlarkGoTypes.Of(expected)}";
        }
    }

    private static string Lines(IReadOnlyList<Node> matches)
    {
        if (matches.Count == 0) return "";
        var lines = new string[matches.Count];
        for (int i = 0; i < lines.Length; i++) lines[i] = matches[i].Position.AsCompactString();
        Array.Sort(lines, StringComparer.Ordinal);
        var sb = new StringBuilder(" (lines: ").AppendJoin(", ", lines);
        return sb.Append(')').ToString();
    }
}
