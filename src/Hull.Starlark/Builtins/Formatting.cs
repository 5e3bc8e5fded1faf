using System.Globalization;
using System.Text;
using Hull.Starlark.Values;

namespace Hull.Starlark.Builtins;

/// <summary>The string % operator and str.format.</summary>
public static class Formatting
{
    /// <summary>format % args.</summary>
    public static Value Percent(string format, Value args)
    {
        var sb = Builder();
        int argIndex = 0;
        Value[] tuple = args is TupleValue t ? t.Items : [args];
        DictValue? mapping = args as DictValue;
        bool usedMapping = false;
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }
            i++;
            if (i >= format.Length) throw new EvalException("incomplete format");
            Value arg = NoneValue.None;
            bool keyed = false;
            if (format[i] == '(')
            {
                int close = format.IndexOf(')', i);
                if (close < 0) throw new EvalException("incomplete format key");
                if (mapping == null) throw new EvalException("format requires a mapping");
                var key = StringValue.Of(format[(i + 1)..close]);
                if (!mapping.Table.TryGet(key, out arg)) throw new EvalException($"key {key.Repr()} not in dict");
                usedMapping = true;
                keyed = true;
                i = close + 1;
                if (i >= format.Length) throw new EvalException("incomplete format");
            }
            char conv = format[i];
            if (conv == '%')
            {
                sb.Append('%');
                continue;
            }
            if (!keyed)
            {
                if (argIndex >= tuple.Length) throw new EvalException("not enough arguments for format string");
                arg = tuple[argIndex++];
            }
            switch (conv)
            {
                case 's':
                    arg.WriteStr(sb);
                    break;
                case 'r':
                    arg.WriteRepr(sb);
                    break;
                case 'd':
                case 'i':
                    switch (arg)
                    {
                        case IntValue iv: iv.WriteRepr(sb); break;
                        case FloatValue fv:
                            if (!double.IsFinite(fv.Value)) throw new EvalException($"cannot convert float {fv.Repr()} to int");
                            sb.Append(new System.Numerics.BigInteger(Math.Truncate(fv.Value)).ToString(CultureInfo.InvariantCulture));
                            break;
                        case BoolValue: throw new EvalException("cannot convert bool to int");
                        default: throw new EvalException($"%{conv} format requires integer: {arg.Type}");
                    }
                    break;
                case 'o':
                case 'x':
                case 'X':
                    {
                        System.Numerics.BigInteger big;
                        if (arg is IntValue iv) big = iv.Big;
                        else if (arg is FloatValue fv && double.IsFinite(fv.Value)) big = new System.Numerics.BigInteger(Math.Truncate(fv.Value));
                        else throw new EvalException($"%{conv} format requires integer: {arg.Type}");
                        if (big.Sign < 0) { sb.Append('-'); big = -big; }
                        string s = conv == 'o' ? ToBase(big, 8) : big.ToString(conv == 'x' ? "x" : "X", CultureInfo.InvariantCulture).TrimStart('0');
                        sb.Append(s.Length == 0 ? "0" : s);
                        break;
                    }
                case 'e':
                case 'E':
                case 'f':
                case 'F':
                case 'g':
                case 'G':
                    {
                        double d = arg switch
                        {
                            FloatValue fv => fv.Value,
                            IntValue iv => Universe.IntToFloat(iv),
                            _ => throw new EvalException($"%{conv} format requires float, not {arg.Type}"),
                        };
                        FloatValue.Format(sb, d, char.ToLowerInvariant(conv) == 'f' ? 'f' : conv);
                        break;
                    }
                case 'c':
                    switch (arg)
                    {
                        case IntValue iv:
                            if (!iv.IsSmall || iv.Small < 0 || iv.Small > 0x10FFFF) throw new EvalException($"%c format requires a valid Unicode code point, got {iv.Repr()}");
                            sb.Append(char.ConvertFromUtf32((int)iv.Small is var cp && cp >= 0xD800 && cp < 0xE000 ? 0xFFFD : (int)iv.Small));
                            break;
                        case StringValue sv:
                            {
                                var b = sv.Bytes;
                                if (b.Length == 0 || ByteString.DecodeRune(b, 0).Width != b.Length) throw new EvalException("%c format requires a single-character string");
                                sb.Append(sv.Value);
                                break;
                            }
                        default:
                            throw new EvalException($"%c format requires int or single-character string, not {arg.Type}");
                    }
                    break;
                default:
                    throw new EvalException($"unknown conversion %{conv}");
            }
        }
        if (argIndex < tuple.Length && !usedMapping) throw new EvalException("too many arguments for format string");
        return StringValue.Of(sb.ToString());
    }

    [ThreadStatic] private static StringBuilder? _cached;

    // A per-thread builder reused across calls: formatting is hot in templates.
    private static StringBuilder Builder()
    {
        var sb = _cached ??= new StringBuilder(64);
        sb.Clear();
        if (sb.Capacity > 4096) _cached = sb = new StringBuilder(64);
        return sb;
    }

    private static bool IsDigits(string s)
    {
        foreach (char c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static string ToBase(System.Numerics.BigInteger v, int b)
    {
        if (v.IsZero) return "0";
        var sb = new StringBuilder();
        while (!v.IsZero)
        {
            sb.Insert(0, (char)('0' + (int)(v % b)));
            v /= b;
        }
        return sb.ToString();
    }

    /// <summary>str.format(*args, **kwargs).</summary>
    public static Value Format(string format, Value[] args, KeyValuePair<string, Value>[]? kwargs)
    {
        var sb = Builder();
        int auto = 0;
        bool? manual = null;
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c == '}')
            {
                if (i + 1 < format.Length && format[i + 1] == '}') { sb.Append('}'); i++; continue; }
                throw new EvalException("format: single '}' in format");
            }
            if (c != '{')
            {
                sb.Append(c);
                continue;
            }
            if (i + 1 < format.Length && format[i + 1] == '{') { sb.Append('{'); i++; continue; }
            int close = format.IndexOf('}', i);
            if (close < 0) throw new EvalException("format: unmatched '{' in format");
            string field = format[(i + 1)..close];
            if (field.Contains('{')) throw new EvalException("format: nested replacement fields not supported");
            i = close;
            string name = field;
            string? conv = null;
            int bang = field.IndexOf('!');
            int colon = field.IndexOf(':');
            if (colon >= 0 && (bang < 0 || colon < bang))
            {
                name = field[..colon];
                if (field.Length > colon + 1) throw new EvalException("format: format spec features not supported in replacement fields");
            }
            else if (bang >= 0)
            {
                name = field[..bang];
                string rest = field[(bang + 1)..];
                int c2 = rest.IndexOf(':');
                conv = c2 >= 0 ? rest[..c2] : rest;
                if (c2 >= 0 && rest.Length > c2 + 1) throw new EvalException("format: format spec features not supported in replacement fields");
            }
            Value arg;
            if (name.Length == 0)
            {
                if (manual == true) throw new EvalException("format: cannot switch from manual field numbering to automatic field specification");
                manual = false;
                if (auto >= args.Length) throw new EvalException("format: tuple index out of range");
                arg = args[auto++];
            }
            else if (IsDigits(name))
            {
                if (manual == false) throw new EvalException("format: cannot switch from automatic field numbering to manual field specification");
                manual = true;
                if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int idx) || idx >= args.Length)
                    throw new EvalException("format: tuple index out of range");
                arg = args[idx];
            }
            else
            {
                if (name.Contains('.')) throw new EvalException("format: attribute syntax x.y is not supported in replacement fields");
                if (name.Contains('[')) throw new EvalException("format: element syntax a[i] is not supported in replacement fields");
                Value? found = null;
                if (kwargs != null) foreach (var kv in kwargs) if (kv.Key == name) found = kv.Value;
                arg = found ?? throw new EvalException($"format: keyword {name} not found");
            }
            switch (conv)
            {
                case null:
                case "s":
                    arg.WriteStr(sb);
                    break;
                case "r":
                    arg.WriteRepr(sb);
                    break;
                default:
                    throw new EvalException($"format: unknown conversion {(conv.Length == 0 ? "" : conv)} (want \"r\" or \"s\")".Replace("unknown conversion  (", "unknown conversion (", StringComparison.Ordinal));
            }
        }
        return StringValue.Of(sb.ToString());
    }
}
