using System.Text;
using System.Text.RegularExpressions;

namespace Hull.Bundles.Locks;

/// <summary>
/// TEMPORARY: writes the few shapes imgpkg's lock files have, with go-yaml v2's scalar styles (plain when it
/// reads back as the same string; double quotes when it would read as another type; single quotes when plain
/// is not allowed), until Hull.Yaml's go-yaml-compatible emitter lands.
/// </summary>
internal sealed partial class LockYamlWriter
{
    private readonly StringBuilder _text = new("---\n");

    public LockYamlWriter Key(int indent, string key)
    {
        if (indent >= 0)
        {
            _text.Append(' ', indent);
        }
        _text.Append(Quote(key)).Append(':');
        return this;
    }

    public LockYamlWriter Item(int indent)
    {
        _text.Append(' ', indent).Append("- ");
        return this;
    }

    public LockYamlWriter Scalar(string value)
    {
        _text.Append(' ').Append(Quote(value)).Append('\n');
        return this;
    }

    public LockYamlWriter Raw(string value)
    {
        _text.Append(_text[^1] == ' ' ? "" : " ").Append(value);
        return this;
    }

    public LockYamlWriter Line()
    {
        _text.Append('\n');
        return this;
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(_text.ToString());

    /// <summary>The scalar as go-yaml v2 writes a string.</summary>
    public static string Quote(string s)
    {
        if (ResolvesToNonString(s) || s.Contains('\n') || s.Any(c => char.IsControl(c) && c != '\t'))
        {
            return DoubleQuoted(s);
        }
        return PlainAllowed(s) ? s : "'" + s.Replace("'", "''") + "'";
    }

    private static string DoubleQuoted(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }

    private static bool ResolvesToNonString(string s) =>
        s.Length == 0 || s is "~" or "null" or "Null" or "NULL"
        || s is "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO"
            or "true" or "True" or "TRUE" or "false" or "False" or "FALSE" or "on" or "On" or "ON" or "off" or "Off" or "OFF"
        || Number().IsMatch(s) || Base60().IsMatch(s);

    // libyaml's analysis of what may be written plain in block context.
    private static bool PlainAllowed(string s)
    {
        if (s[0] is ' ' || s[^1] is ' ')
        {
            return false;
        }
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(s[0]))
        {
            bool followedBySpace = s.Length == 1 || s[1] == ' ';
            if (!(s[0] is '-' or '?' or ':') || followedBySpace)
            {
                return false;
            }
        }
        if (s.StartsWith("---", StringComparison.Ordinal) || s.StartsWith("...", StringComparison.Ordinal))
        {
            return false;
        }
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == ':' && (i + 1 == s.Length || s[i + 1] == ' '))
            {
                return false;
            }
            if (s[i] == '#' && i > 0 && s[i - 1] == ' ')
            {
                return false;
            }
        }
        return true;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^0b[01_]+$|^0x[0-9a-fA-F_]+$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$")]
    private static partial Regex Number();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")]
    private static partial Regex Base60();
}
