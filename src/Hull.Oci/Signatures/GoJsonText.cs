using System.Text;

namespace Hull.Oci.Signatures;

/// <summary>
/// Writes JSON strings as Go's encoding/json does (HTML-safe: &lt; &gt; &amp; U+2028 U+2029 escaped, other non-ASCII raw),
/// so a payload's bytes equal the ones cosign signs for the same input.
/// </summary>
internal static class GoJsonText
{
    public static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '<' or '>' or '&' or 0x2028 or 0x2029 or < 0x20:
                    json.Append("\\u").Append(rune.Value.ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    json.Append(rune.ToString());
                    break;
            }
        }
        json.Append('"');
    }
}
