using System.Text;
using Hull.Starlark.Values;

namespace Hull.Starlark.Builtins;

internal static class StringMethods
{
    private static string S(Value r) => ((StringValue)r).Value;

    // Returns the byte range [start,end) of s selected by optional start/end args, as a substring plus its byte offset.
    private static (string Text, int ByteOffset) Sub(string name, StringValue s, Value[] a, int from)
    {
        var (start, end) = ListMethods.Bounds(name, s.Len, a, from);
        if (s.IsAscii) return (s.Value[start..end], start);
        return (ByteString.Decode(s.Bytes.AsSpan(start, end - start)), start);
    }

    private static int ByteIndex(StringValue s, string text, int byteOffset, int charIndex) =>
        s.IsAscii ? byteOffset + charIndex : byteOffset + ByteString.ByteCount(text[..charIndex]);

    private static Value Find(string name, StarlarkThread t, Value r, Value[] a, KeyValuePair<string, Value>[]? k, bool last, bool raise)
    {
        Args.Positional(name, a, k, 1, 3);
        var s = (StringValue)r;
        string sub = Args.Str(name, "sub", a[0]);
        var (text, off) = Sub(name, s, a, 1);
        int i = last ? text.LastIndexOf(sub, StringComparison.Ordinal) : text.IndexOf(sub, StringComparison.Ordinal);
        if (i < 0)
        {
            if (raise) throw new EvalException($"{name}: substring not found");
            return IntValue.Of(-1);
        }
        return IntValue.Of(ByteIndex(s, text, off, i));
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' || c > 127 && char.IsWhiteSpace(c);

    private static Value Strip(string name, Value r, Value[] a, KeyValuePair<string, Value>[]? k, bool left, bool right)
    {
        Args.Positional(name, a, k, 0, 1);
        string s = S(r);
        if (a.Length == 1 && a[0] is not NoneValue)
        {
            var cut = Args.Str(name, "cutset", a[0]).ToCharArray();
            if (left) s = s.TrimStart(cut);
            if (right) s = s.TrimEnd(cut);
        }
        else
        {
            int st = 0, en = s.Length;
            if (left) while (st < en && IsSpace(s[st])) st++;
            if (right) while (en > st && IsSpace(s[en - 1])) en--;
            s = s[st..en];
        }
        return StringValue.Of(s);
    }

    private static Value Split(string name, Value r, Value[] a, KeyValuePair<string, Value>[]? k, bool fromRight)
    {
        var p = Args.Unpack(name, a, k, "sep?", "maxsplit?");
        string s = S(r);
        int max = p[1] is null or NoneValue ? -1 : Args.Int(name, "maxsplit", p[1]!);
        var result = new List<Value>();
        if (p[0] is null or NoneValue)
        {
            // Split on runs of whitespace.
            var fields = new List<string>();
            if (!fromRight)
            {
                int i = 0;
                while (true)
                {
                    while (i < s.Length && IsSpace(s[i])) i++;
                    if (i >= s.Length) break;
                    if (max >= 0 && fields.Count == max) { fields.Add(s[i..]); break; }
                    int j = i;
                    while (j < s.Length && !IsSpace(s[j])) j++;
                    fields.Add(s[i..j]);
                    i = j;
                }
            }
            else
            {
                int i = s.Length;
                while (true)
                {
                    while (i > 0 && IsSpace(s[i - 1])) i--;
                    if (i <= 0) break;
                    if (max >= 0 && fields.Count == max) { fields.Add(s[..i]); break; }
                    int j = i;
                    while (j > 0 && !IsSpace(s[j - 1])) j--;
                    fields.Add(s[j..i]);
                    i = j;
                }
                fields.Reverse();
            }
            foreach (var f in fields) result.Add(StringValue.Of(f));
            return new ListValue(result);
        }
        string sep = Args.Str(name, "sep", p[0]!);
        if (sep.Length == 0) throw new EvalException($"{name}: empty separator");
        if (!fromRight)
        {
            int start = 0;
            while (max < 0 || result.Count < max)
            {
                int i = s.IndexOf(sep, start, StringComparison.Ordinal);
                if (i < 0) break;
                result.Add(StringValue.Of(s[start..i]));
                start = i + sep.Length;
            }
            result.Add(StringValue.Of(s[start..]));
        }
        else
        {
            int end = s.Length;
            while (max < 0 || result.Count < max)
            {
                int i = end - sep.Length < 0 ? -1 : s.LastIndexOf(sep, end - 1, end, StringComparison.Ordinal);
                if (i < 0 || i + sep.Length > end) break;
                result.Add(StringValue.Of(s[(i + sep.Length)..end]));
                end = i;
            }
            result.Add(StringValue.Of(s[..end]));
            result.Reverse();
        }
        return new ListValue(result);
    }

    private static Value Partition(string name, Value r, Value[] a, KeyValuePair<string, Value>[]? k, bool last)
    {
        Args.Positional(name, a, k, 1, 1);
        string s = S(r);
        string sep = Args.Str(name, "sep", a[0]);
        if (sep.Length == 0) throw new EvalException($"{name}: empty separator");
        int i = last ? s.LastIndexOf(sep, StringComparison.Ordinal) : s.IndexOf(sep, StringComparison.Ordinal);
        if (i < 0)
        {
            return last
                ? new TupleValue([StringValue.Empty, StringValue.Empty, StringValue.Of(s)])
                : new TupleValue([StringValue.Of(s), StringValue.Empty, StringValue.Empty]);
        }
        return new TupleValue([StringValue.Of(s[..i]), StringValue.Of(sep), StringValue.Of(s[(i + sep.Length)..])]);
    }

    private static Value Affix(string name, Value r, Value[] a, KeyValuePair<string, Value>[]? k, bool prefix)
    {
        Args.Positional(name, a, k, 1, 3);
        var s = (StringValue)r;
        var (text, _) = Sub(name, s, a, 1);
        if (a[0] is not (StringValue or TupleValue)) throw new EvalException($"{name}: got {a[0].Type}, want string or tuple of strings");
        Value[] candidates = a[0] is TupleValue tv ? tv.Items : [a[0]];
        for (int ci = 0; ci < candidates.Length; ci++)
        {
            var c = candidates[ci];
            if (c is not StringValue cs) throw new EvalException($"{name}: got {c.Type}, for element {ci}");
            if (prefix ? text.StartsWith(cs.Value, StringComparison.Ordinal) : text.EndsWith(cs.Value, StringComparison.Ordinal)) return BoolValue.True;
        }
        return BoolValue.False;
    }

    private static Value Predicate(string name, Value r, Value[] a, KeyValuePair<string, Value>[]? k, Func<string, bool> f)
    {
        Args.Positional(name, a, k, 0, 0);
        return BoolValue.Of(f(S(r)));
    }

    private static bool HasCased(string s) => s.Any(c => char.IsUpper(c) || char.IsLower(c));

    private static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        bool prevCased = false;
        foreach (char c in s)
        {
            bool cased = char.IsLetter(c);
            sb.Append(prevCased ? char.ToLowerInvariant(c) : ToTitle(c));
            prevCased = cased;
        }
        return sb.ToString();
    }

    private static char ToTitle(char c) => c switch
    {
        '\u01C4' or '\u01C5' or '\u01C6' => '\u01C5',
        '\u01C7' or '\u01C8' or '\u01C9' => '\u01C8',
        '\u01CA' or '\u01CB' or '\u01CC' => '\u01CB',
        '\u01F1' or '\u01F2' or '\u01F3' => '\u01F2',
        _ => char.ToUpperInvariant(c),
    };

    private static bool IsTitle(string s)
    {
        bool prevCased = false, any = false;
        foreach (char c in s)
        {
            if ((char.IsUpper(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.TitlecaseLetter) && ToTitle(c) == c)
            {
                if (prevCased) return false;
                prevCased = true;
                any = true;
            }
            else if (char.IsLower(c))
            {
                if (!prevCased) return false;
                prevCased = true;
            }
            else prevCased = char.IsLetter(c) && prevCased;
        }
        return any;
    }

    public static Dictionary<string, MethodImpl> Create() => new()
    {
        ["capitalize"] = (t, n, r, a, k) =>
        {
            Args.Positional(n, a, k, 0, 0);
            string s = S(r);
            return StringValue.Of(s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant());
        },
        ["count"] = (t, n, r, a, k) =>
        {
            Args.Positional(n, a, k, 1, 3);
            string sub = Args.Str(n, "sub", a[0]);
            var (text, _) = Sub(n, (StringValue)r, a, 1);
            if (sub.Length == 0) return IntValue.Of(ByteString.IsAscii(text) ? text.Length + 1 : System.Globalization.StringInfo.ParseCombiningCharacters(text).Length + 1);
            int c = 0;
            for (int i = text.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = text.IndexOf(sub, i + sub.Length, StringComparison.Ordinal)) c++;
            return IntValue.Of(c);
        },
        ["elems"] = (t, n, r, a, k) =>
        {
            Args.Positional(n, a, k, 0, 0);
            return new StringIterable((StringValue)r, StringIterable.Kind.Elems);
        },
        ["elem_ords"] = (t, n, r, a, k) =>
        {
            Args.Positional(n, a, k, 0, 0);
            return new StringIterable((StringValue)r, StringIterable.Kind.ElemOrds);
        },
        ["codepoints"] = (t, n, r, a, k) =>
        {
            Args.Positional(n, a, k, 0, 0);
            return new StringIterable((StringValue)r, StringIterable.Kind.Codepoints);
        },
        ["codepoint_ords"] = (t, n, r, a, k) =>
        {
            Args.Positional(n, a, k, 0, 0);
            return new StringIterable((StringValue)r, StringIterable.Kind.CodepointOrds);
        },
        ["endswith"] = (t, n, r, a, k) => Affix(n, r, a, k, false),
        ["startswith"] = (t, n, r, a, k) => Affix(n, r, a, k, true),
        ["find"] = (t, n, r, a, k) => Find(n, t, r, a, k, false, false),
        ["rfind"] = (t, n, r, a, k) => Find(n, t, r, a, k, true, false),
        ["index"] = (t, n, r, a, k) => Find(n, t, r, a, k, false, true),
        ["rindex"] = (t, n, r, a, k) => Find(n, t, r, a, k, true, true),
        ["format"] = (t, n, r, a, k) => Formatting.Format(S(r), a, k),
        ["isalnum"] = (t, n, r, a, k) => Predicate(n, r, a, k, s => s.Length > 0 && s.All(char.IsLetterOrDigit)),
        ["isalpha"] = (t, n, r, a, k) => Predicate(n, r, a, k, s => s.Length > 0 && s.All(char.IsLetter)),
        ["isdigit"] = (t, n, r, a, k) => Predicate(n, r, a, k, s => s.Length > 0 && s.All(char.IsDigit)),
        ["islower"] = (t, n, r, a, k) => Predicate(n, r, a, k, s => HasCased(s) && s == s.ToLowerInvariant()),
        ["isupper"] = (t, n, r, a, k) => Predicate(n, r, a, k, s => HasCased(s) && s == s.ToUpperInvariant()),
        ["isspace"] = (t, n, r, a, k) => Predicate(n, r, a, k, s => s.Length > 0 && s.All(IsSpace)),
        ["istitle"] = (t, n, r, a, k) => Predicate(n, r, a, k, IsTitle),
        ["join"] = (t, n, r, a, k) =>
        {
            Args.Positional(n, a, k, 1, 1);
            var sb = new StringBuilder();
            string sep = S(r);
            bool first = true;
            foreach (var x in Args.Iterable(n, "iterable", a[0]))
            {
                if (x is not StringValue xs) throw new EvalException($"{n}: in list, want string, got {x.Type}");
                if (!first) sb.Append(sep);
                first = false;
                sb.Append(xs.Value);
            }
            return StringValue.Of(sb.ToString());
        },
        ["lower"] = (t, n, r, a, k) =>
        {
            Args.Positional(n, a, k, 0, 0);
            return StringValue.Of(S(r).ToLowerInvariant());
        },
        ["upper"] = (t, n, r, a, k) =>
        {
            Args.Positional(n, a, k, 0, 0);
            return StringValue.Of(S(r).ToUpperInvariant());
        },
        ["title"] = (t, n, r, a, k) =>
        {
            Args.Positional(n, a, k, 0, 0);
            return StringValue.Of(Title(S(r)));
        },
        ["lstrip"] = (t, n, r, a, k) => Strip(n, r, a, k, true, false),
        ["rstrip"] = (t, n, r, a, k) => Strip(n, r, a, k, false, true),
        ["strip"] = (t, n, r, a, k) => Strip(n, r, a, k, true, true),
        ["partition"] = (t, n, r, a, k) => Partition(n, r, a, k, false),
        ["rpartition"] = (t, n, r, a, k) => Partition(n, r, a, k, true),
        ["removeprefix"] = (t, n, r, a, k) =>
        {
            Args.Positional(n, a, k, 1, 1);
            string s = S(r), p = Args.Str(n, "prefix", a[0]);
            return s.StartsWith(p, StringComparison.Ordinal) ? StringValue.Of(s[p.Length..]) : r;
        },
        ["removesuffix"] = (t, n, r, a, k) =>
        {
            Args.Positional(n, a, k, 1, 1);
            string s = S(r), p = Args.Str(n, "suffix", a[0]);
            return s.EndsWith(p, StringComparison.Ordinal) ? StringValue.Of(s[..^p.Length]) : r;
        },
        ["replace"] = (t, n, r, a, k) =>
        {
            Args.Positional(n, a, k, 2, 3);
            string s = S(r), old = Args.Str(n, "old", a[0]), nw = Args.Str(n, "new", a[1]);
            int count = a.Length > 2 ? Args.Int(n, "count", a[2]) : -1;
            if (count < 0) return StringValue.Of(old.Length == 0 ? ReplaceEmpty(s, nw, int.MaxValue) : s.Replace(old, nw, StringComparison.Ordinal));
            if (old.Length == 0) return StringValue.Of(ReplaceEmpty(s, nw, count));
            var sb = new StringBuilder();
            int start = 0;
            for (int c = 0; c < count; c++)
            {
                int i = s.IndexOf(old, start, StringComparison.Ordinal);
                if (i < 0) break;
                sb.Append(s, start, i - start).Append(nw);
                start = i + old.Length;
            }
            sb.Append(s, start, s.Length - start);
            return StringValue.Of(sb.ToString());
        },
        ["split"] = (t, n, r, a, k) => Split(n, r, a, k, false),
        ["rsplit"] = (t, n, r, a, k) => Split(n, r, a, k, true),
        ["splitlines"] = (t, n, r, a, k) =>
        {
            var p = Args.Unpack(n, a, k, "keepends?");
            if (p[0] is not (null or BoolValue)) throw Args.WrongType(n, "keepends", p[0]!, "bool");
            bool keep = p[0]?.Truth ?? false;
            string s = S(r);
            var lines = new List<Value>();
            int start = 0;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '\n' || c == '\r')
                {
                    int end = i;
                    if (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n') i++;
                    lines.Add(StringValue.Of(keep ? s[start..(i + 1)] : s[start..end]));
                    start = i + 1;
                }
            }
            if (start < s.Length) lines.Add(StringValue.Of(s[start..]));
            return new ListValue(lines);
        },
    };

    private static string ReplaceEmpty(string s, string nw, int count)
    {
        var sb = new StringBuilder();
        int c = 0;
        for (int i = 0; i <= s.Length; i++)
        {
            if (c < count) { sb.Append(nw); c++; }
            if (i < s.Length) sb.Append(s[i]);
        }
        return sb.ToString();
    }
}

/// <summary>The iterable views returned by string.elems(), elem_ords(), codepoints() and codepoint_ords().</summary>
internal sealed class StringIterable(StringValue s, StringIterable.Kind kind) : Value, IIterable
{
    public enum Kind
    {
        Elems,
        ElemOrds,
        Codepoints,
        CodepointOrds,
    }

    public override string Type => kind is Kind.Elems or Kind.ElemOrds ? "elems" : "codepoints";

    public override void WriteRepr(StringBuilder sb)
    {
        s.WriteRepr(sb);
        sb.Append('.').Append(kind switch
        {
            Kind.Elems => "elems",
            Kind.ElemOrds => "elem_ords",
            Kind.Codepoints => "codepoints",
            _ => "codepoint_ords",
        }).Append("()");
    }

    public IEnumerable<Value> Iterate()
    {
        var b = s.Bytes;
        switch (kind)
        {
            case Kind.Elems:
                for (int i = 0; i < b.Length; i++) yield return StringValue.Of(ByteString.Decode(b.AsSpan(i, 1)));
                break;
            case Kind.ElemOrds:
                for (int i = 0; i < b.Length; i++) yield return IntValue.Of(b[i]);
                break;
            default:
                for (int i = 0; i < b.Length;)
                {
                    var (r, w) = ByteString.DecodeRune(b, i);
                    if (kind == Kind.CodepointOrds) yield return IntValue.Of(r);
                    else yield return StringValue.Of(ByteString.Decode(b.AsSpan(i, w)));
                    i += w;
                }
                break;
        }
    }
}
