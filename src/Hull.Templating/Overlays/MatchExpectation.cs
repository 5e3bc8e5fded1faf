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

    /// <summary>Null when the count satisfies `expects`/`missing_ok` (default: exactly one), else the failure message.</summary>
    public static string? CheckExpects(StarlarkThread thread, in MatchSpec spec, IReadOnlyList<Node> matches)
    {
        Value expected;
        if (spec.MissingOk is not null && spec.Expects is not null)
        {
            return "Expected only one of keyword arguments ('missing_ok', 'expects') specified";
        }
        if (spec.MissingOk is not null)
        {
            if (spec.MissingOk is not BoolValue b) return "Expected keyword argument 'missing_ok' to be a boolean";
            expected = b.Value ? s_zeroOrOne : IntValue.One;
        }
        else
        {
            expected = spec.Expects ?? IntValue.One;
        }
        return Check(thread, expected, "expects", matches, out _);
    }

    /// <summary>Whether `when` lets the node apply; a `when` of the wrong type fails.</summary>
    public static bool CheckWhen(StarlarkThread thread, Value when, IReadOnlyList<Node> matches)
    {
        string? error = Check(thread, when, "when", matches, out bool countMismatch);
        if (error is null) return true;
        if (countMismatch) return false;
        throw new OverlayException(error);
    }

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
        var sb = new StringBuilder(" (lines: ");
        for (int i = 0; i < matches.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(matches[i].Position.AsCompactString());
        }
        return sb.Append(')').ToString();
    }
}
