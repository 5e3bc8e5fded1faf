using Hull.Failures;
using System.CommandLine;
using System.Globalization;

namespace Hull.Cli.Commands;

/// <summary>Go's duration syntax (<c>500ms</c>, <c>30s</c>, <c>1m30s</c>, <c>1h</c>), which every Carvel duration flag takes.</summary>
public static class GoDuration
{
    /// <summary>Parses a Go-style duration.</summary>
    /// <exception cref="HullException">Not a duration; the message says what is expected.</exception>
    public static TimeSpan Parse(string text)
    {
        var total = TimeSpan.Zero;
        int i = 0;
        if (text.Length == 0)
        {
            throw new HullException("invalid duration \"\"");
        }
        while (i < text.Length)
        {
            int start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }
            int unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }
            if (start == unitStart || !double.TryParse(text.AsSpan(start, unitStart - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new HullException($"invalid duration \"{text}\" (use e.g. 30s, 500ms, 5m, 1h30m)");
            }
            total += text[unitStart..i] switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                _ => throw new HullException($"invalid duration \"{text}\" (unit must be ms, s, m or h)"),
            };
        }
        return total;
    }

    /// <summary>An option taking a Go-style duration (null when not given; the description names the default); a bad value is a usage error naming the option.</summary>
    public static Option<TimeSpan?> Option(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = $"{description} (e.g. 30s, 5m) [default: {Format(defaultValue)}]",
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 0 ? "" : result.Tokens[^1].Value;
            try
            {
                return Parse(text);
            }
            catch (HullException ex)
            {
                result.AddError($"{name}: {ex.Message}");
                return null;
            }
        },
    };

    /// <summary>Go's short form of a duration: <c>5m0s</c>, <c>1.5s</c>, <c>150ms</c>.</summary>
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1))
        {
            return $"{span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms";
        }
        string seconds = (span.TotalSeconds % 60).ToString("0.###", CultureInfo.InvariantCulture) + "s";
        int hours = (int)span.TotalHours;
        return hours > 0 ? $"{hours}h{span.Minutes}m{seconds}" : span.Minutes > 0 ? $"{span.Minutes}m{seconds}" : seconds;
    }
}
