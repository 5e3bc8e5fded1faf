using System.Text;

namespace Hull.Starlark.Values;

/// <summary>
/// Starlark strings are byte strings (as in Go). They are held as .NET strings; bytes that are not valid UTF-8 are
/// kept losslessly as the lone surrogates U+DC80..U+DCFF, so byte-level slicing round-trips.
/// </summary>
public static class ByteString
{
    /// <summary>Whether every char is ASCII (then byte and char indices coincide).</summary>
    public static bool IsAscii(string s) => Ascii.IsValid(s);

    /// <summary>Number of bytes in the UTF-8 form.</summary>
    public static int ByteCount(string s)
    {
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { n += 4; i++; }
            else if (c >= 0xDC80 && c <= 0xDCFF) n++;
            else n += 3;
        }
        return n;
    }

    /// <summary>The bytes of a string.</summary>
    public static byte[] Encode(string s)
    {
        var bytes = new byte[ByteCount(s)];
        int j = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c < 0x80) bytes[j++] = (byte)c;
            else if (c < 0x800)
            {
                bytes[j++] = (byte)(0xC0 | (c >> 6));
                bytes[j++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                int cp = char.ConvertToUtf32(c, s[++i]);
                bytes[j++] = (byte)(0xF0 | (cp >> 18));
                bytes[j++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                bytes[j++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                bytes[j++] = (byte)(0x80 | (cp & 0x3F));
            }
            else if (c >= 0xDC80 && c <= 0xDCFF) bytes[j++] = (byte)(c - 0xDC00);
            else
            {
                if (char.IsSurrogate(c)) c = '\uFFFD';
                bytes[j++] = (byte)(0xE0 | (c >> 12));
                bytes[j++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                bytes[j++] = (byte)(0x80 | (c & 0x3F));
            }
        }
        return bytes;
    }

    /// <summary>Decodes bytes, keeping invalid ones as escape surrogates.</summary>
    public static string Decode(ReadOnlySpan<byte> b)
    {
        bool ascii = true;
        foreach (byte x in b) if (x >= 0x80) { ascii = false; break; }
        if (ascii) return Encoding.ASCII.GetString(b);
        var sb = new StringBuilder(b.Length);
        int i = 0;
        while (i < b.Length)
        {
            var status = Rune.DecodeFromUtf8(b[i..], out var rune, out int consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
                i += consumed;
            }
            else
            {
                byte x = b[i++];
                sb.Append(x < 0x80 ? (char)x : (char)(0xDC00 + x));
            }
        }
        return sb.ToString();
    }

    /// <summary>Decodes the next code point at byte offset i of b; invalid bytes yield U+FFFD of width 1.</summary>
    public static (int Rune, int Width) DecodeRune(ReadOnlySpan<byte> b, int i)
    {
        var status = Rune.DecodeFromUtf8(b[i..], out var rune, out int consumed);
        if (status == System.Buffers.OperationStatus.Done) return (rune.Value, consumed);
        return (0xFFFD, 1);
    }
}
