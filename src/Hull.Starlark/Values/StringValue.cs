using System.Text;

namespace Hull.Starlark.Values;

/// <summary>A Starlark string: an immutable byte string, held as a .NET string (see <see cref="ByteString"/>).</summary>
public sealed class StringValue : Value, ISliceable, IContainer
{
    private static readonly StringValue[] Chars = CreateChars();
    private byte[]? _bytes;
    private sbyte _ascii = -1;

    /// <summary>The empty string.</summary>
    public static readonly StringValue Empty = new("");

    private StringValue(string s) => Value = s;

    private static StringValue[] CreateChars()
    {
        var a = new StringValue[128];
        for (int i = 0; i < 128; i++) a[i] = new StringValue(((char)i).ToString());
        return a;
    }

    /// <summary>The Starlark string for a .NET string.</summary>
    public static StringValue Of(string s) => s.Length switch
    {
        0 => Empty,
        1 when s[0] < 128 => Chars[s[0]],
        _ => new StringValue(s),
    };

    /// <summary>The Starlark string of one ASCII char.</summary>
    public static StringValue Of(char c) => c < 128 ? Chars[c] : new StringValue(c.ToString());

    /// <summary>The text.</summary>
    public string Value { get; }

    /// <summary>Whether every byte is ASCII (then byte and char indices coincide).</summary>
    public bool IsAscii
    {
        get
        {
            if (_ascii < 0) _ascii = (sbyte)(ByteString.IsAscii(Value) ? 1 : 0);
            return _ascii == 1;
        }
    }

    /// <summary>The UTF-8 bytes (cached).</summary>
    public byte[] Bytes => _bytes ??= ByteString.Encode(Value);

    /// <summary>Length in bytes.</summary>
    public int Len => IsAscii ? Value.Length : Bytes.Length;

    /// <inheritdoc/>
    public override string Type => "string";
    /// <inheritdoc/>
    public override bool Truth => Value.Length > 0;
    private int _hash;
    private bool _hashed;

    /// <inheritdoc/>
    public override int Hash()
    {
        if (!_hashed)
        {
            _hash = Value.GetHashCode();
            _hashed = true;
        }
        return _hash;
    }

    /// <inheritdoc/>
    public override string Str() => Value;
    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb) => Quote(sb, Value);
    /// <inheritdoc/>
    public override void WriteStr(StringBuilder sb) => sb.Append(Value);
    /// <inheritdoc/>
    public override bool EqualsSameType(Value other, int depth) => Value == ((StringValue)other).Value;
    /// <inheritdoc/>
    public override bool IsOrdered => true;
    /// <inheritdoc/>
    public override int CompareSameType(Value other, int depth)
    {
        var o = (StringValue)other;
        if (IsAscii && o.IsAscii) return string.CompareOrdinal(Value, o.Value) switch { < 0 => -1, > 0 => 1, _ => 0 };
        return Bytes.AsSpan().SequenceCompareTo(o.Bytes) switch { < 0 => -1, > 0 => 1, _ => 0 };
    }

    /// <inheritdoc/>
    public Value Index(int i) => IsAscii ? Of(Value[i]) : Of(ByteString.Decode(Bytes.AsSpan(i, 1)));

    /// <inheritdoc/>
    public Value Slice(int start, int end, int step)
    {
        if (step == 1)
        {
            if (start >= end) return Empty;
            return IsAscii ? Of(Value[start..end]) : Of(ByteString.Decode(Bytes.AsSpan(start, end - start)));
        }
        var buf = new List<byte>();
        var b = Bytes;
        if (step > 0) for (int i = start; i < end; i += step) buf.Add(b[i]);
        else for (int i = start; i > end; i += step) buf.Add(b[i]);
        return Of(ByteString.Decode(buf.ToArray()));
    }

    /// <inheritdoc/>
    public bool Contains(Value y)
    {
        if (y is not StringValue s) throw new EvalException($"'in <string>' requires string as left operand, not {y.Type}");
        return Value.Contains(s.Value, StringComparison.Ordinal);
    }

    /// <summary>Writes a Go-style double-quoted literal.</summary>
    public static void Quote(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2"));
                    else if (c >= 0xDC80 && c <= 0xDCFF) sb.Append("\\x").Append((c - 0xDC00).ToString("x2"));
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        sb.Append(c).Append(s[++i]);
                    }
                    else if (c >= 0x80 && (char.IsControl(c) || c == '\uFFFD' && false)) sb.Append("\\u").Append(((int)c).ToString("x4"));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
