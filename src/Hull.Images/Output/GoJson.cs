using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Hull.Yaml;

namespace Hull.Images.Output;

/// <summary>
/// JSON as Go's encoding/json reads and writes it for kbld's <c>json</c> update strategy: objects decode to
/// generic maps (numbers to float64) and encode compactly with sorted keys and HTML-safe escapes.
/// </summary>
public static class GoJson
{
    /// <summary>Parses JSON text into YAML nodes; false when it is not one valid JSON value.</summary>
    public static bool TryParse(string text, out object? value)
    {
        value = null;
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 10_000 });
            value = Convert(doc.RootElement);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static object? Convert(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => ConvertObject(e),
        JsonValueKind.Array => new YamlArray(e.EnumerateArray().Select(i => new ArrayItem(Convert(i)))),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetDouble(out double d) && double.IsFinite(d) ? d : throw new FormatException("number out of float64 range"),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static Map ConvertObject(JsonElement e)
    {
        var map = new Map();
        foreach (var p in e.EnumerateObject())
        {
            // Go keeps the last of duplicate keys.
            map.Items.RemoveAll(i => (string?)i.Key == p.Name);
            map.Items.Add(new MapItem(p.Name, Convert(p.Value)));
        }
        return map;
    }

    /// <summary>encoding/json's Marshal of a value decoded into Go's generic types.</summary>
    public static string Emit(object? value)
    {
        var sb = new StringBuilder();
        Write(value, sb);
        return sb.ToString();
    }

    private static void Write(object? value, StringBuilder sb)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case Map map:
                sb.Append('{');
                var items = map.Items.Select(i => (Key: GoYaml.KeyText(i.Key), i.Value)).OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
                for (int i = 0; i < items.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }
                    WriteString(items[i].Key, sb);
                    sb.Append(':');
                    Write(items[i].Value, sb);
                }
                sb.Append('}');
                break;
            case YamlArray array:
                sb.Append('[');
                for (int i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }
                    Write(array.Items[i].Value, sb);
                }
                sb.Append(']');
                break;
            case string s:
                WriteString(s, sb);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case double d:
                sb.Append(FormatFloat(d));
                break;
            case long or int or BigInteger:
                sb.Append(FormatFloat(double.Parse(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)));
                break;
            default:
                WriteString(System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", sb);
                break;
        }
    }

    private static void WriteString(string s, StringBuilder sb)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                // Go escapes these so that JSON can sit inside HTML and JavaScript.
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>encoding/json's float64: shortest digits, plain below 1e21 and from 1e-6, else exponent form.</summary>
    public static string FormatFloat(double d)
    {
        if (d == 0)
        {
            return double.IsNegative(d) ? "-0" : "0";
        }
        string r = d.ToString("R", CultureInfo.InvariantCulture);
        // Split the shortest round-trip form into sign, digits and decimal exponent.
        bool negative = r[0] == '-';
        string body = negative ? r[1..] : r;
        int exp = 0;
        int e = body.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(body.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }
        int dot = body.IndexOf('.', StringComparison.Ordinal);
        string digits = dot >= 0 ? body.Remove(dot, 1) : body;
        int pointPos = (dot >= 0 ? dot : body.Length) + exp;
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }
        digits = digits[lead..];
        pointPos -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }
        double abs = Math.Abs(d);
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }
        if (abs < 1e-6 || abs >= 1e21)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }
            int x = pointPos - 1;
            sb.Append('e').Append(x < 0 ? '-' : '+');
            string xs = Math.Abs(x).ToString(CultureInfo.InvariantCulture);
            // strconv writes at least two exponent digits; encoding/json trims e-07 to e-7 but keeps e+21.
            if (xs.Length < 2 && x > 0)
            {
                sb.Append('0');
            }
            sb.Append(xs);
            return sb.ToString();
        }
        if (pointPos <= 0)
        {
            sb.Append("0.").Append('0', -pointPos).Append(digits);
        }
        else if (pointPos >= digits.Length)
        {
            sb.Append(digits).Append('0', pointPos - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, pointPos).Append('.').Append(digits, pointPos, digits.Length - pointPos);
        }
        return sb.ToString();
    }
}
