using System.Globalization;
using System.Numerics;
using System.Text;
using Hull.Starlark.Values;

namespace Hull.Starlark.Builtins;

/// <summary>The universal built-ins of the language (len, range, dict, ...).</summary>
public static class Universe
{
    private static readonly Dictionary<string, Value> Members = Create();

    /// <summary>Whether a name is universal.</summary>
    public static bool Contains(string name) => Members.ContainsKey(name);

    /// <summary>A universal value by name.</summary>
    public static Value Get(string name) => Members[name];

    /// <summary>All universal names and values.</summary>
    public static IReadOnlyDictionary<string, Value> All => Members;

    private static Dictionary<string, Value> Create()
    {
        var m = new Dictionary<string, Value>
        {
            ["None"] = NoneValue.None,
            ["True"] = BoolValue.True,
            ["False"] = BoolValue.False,
        };
        void Add(string name, BuiltinImpl impl) => m[name] = new BuiltinFunction(name, impl);
        Add("any", (t, fn, a, k) =>
        {
            Args.Positional("any", a, k, 1, 1);
            foreach (var x in Args.Iterable("any", "iterable", a[0])) if (x.Truth) return BoolValue.True;
            return BoolValue.False;
        });
        Add("all", (t, fn, a, k) =>
        {
            Args.Positional("all", a, k, 1, 1);
            foreach (var x in Args.Iterable("all", "iterable", a[0])) if (!x.Truth) return BoolValue.False;
            return BoolValue.True;
        });
        Add("bool", (t, fn, a, k) =>
        {
            Args.Positional("bool", a, k, 0, 1);
            return BoolValue.Of(a.Length > 0 && a[0].Truth);
        });
        Add("chr", (t, fn, a, k) =>
        {
            Args.Positional("chr", a, k, 1, 1);
            if (a[0] is not IntValue iv) throw new EvalException($"chr: got {a[0].Type}, want int");
            if (iv.Sign < 0) throw new EvalException($"chr: Unicode code point {iv.Repr()} out of range (<0)");
            if (!iv.IsSmall || iv.Small > 0x10FFFF) throw new EvalException($"chr: Unicode code point U+{iv.Big:X} out of range (>0x10FFFF)");
            int cp = (int)iv.Small;
            if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
            return StringValue.Of(char.ConvertFromUtf32(cp));
        });
        Add("dict", (t, fn, a, k) =>
        {
            if (a.Length > 1) throw new EvalException($"dict: got {a.Length} arguments, want at most 1");
            var d = new DictValue();
            if (a.Length == 1) DictMethods.Update("dict", d, a[0]);
            if (k != null)
            {
                var seen = new HashSet<string>();
                foreach (var kv in k)
                {
                    if (!seen.Add(kv.Key)) throw new EvalException($"dict: duplicate keyword arg: \"{kv.Key}\"");
                    d.Set(kv.Key, kv.Value);
                }
            }
            return d;
        });
        Add("dir", (t, fn, a, k) =>
        {
            Args.Positional("dir", a, k, 1, 1);
            return new ListValue(Ops.Dir(a[0]).Select(s => (Value)StringValue.Of(s)).ToList());
        });
        Add("enumerate", (t, fn, a, k) =>
        {
            var p = Args.Unpack("enumerate", a, k, "iterable", "start?");
            int start = p[1] is null ? 0 : Args.Int("enumerate", "start", p[1]!);
            var l = new List<Value>();
            foreach (var x in Args.Iterable("enumerate", "iterable", p[0]!)) l.Add(new TupleValue([IntValue.Of(start++), x]));
            return new ListValue(l);
        });
        Add("fail", (t, fn, a, k) =>
        {
            string sep = " ";
            if (k != null)
            {
                foreach (var kv in k)
                {
                    if (kv.Key != "sep") throw new EvalException($"fail: unexpected keyword argument {kv.Key}");
                    sep = Args.Str("fail", "sep", kv.Value);
                }
            }
            throw new EvalException("fail: " + string.Join(sep, a.Select(x => x.Str())));
        });
        Add("float", (t, fn, a, k) =>
        {
            Args.Positional("float", a, k, 0, 1);
            if (a.Length == 0) return new FloatValue(0);
            return a[0] switch
            {
                FloatValue f => f,
                IntValue i => new FloatValue(i.ToDouble()),
                BoolValue b => new FloatValue(b.Value ? 1 : 0),
                StringValue s => new FloatValue(ParseFloat(s.Value)),
                _ => throw new EvalException($"float: got {a[0].Type}, want number or string"),
            };
        });
        Add("getattr", (t, fn, a, k) =>
        {
            Args.Positional("getattr", a, k, 2, 3);
            string name = Args.Str("getattr", "name", a[1]);
            try
            {
                return Ops.GetAttr(a[0], name);
            }
            catch (EvalException) when (a.Length == 3)
            {
                return a[2];
            }
            catch (EvalException e)
            {
                throw new EvalException("getattr: " + e.Msg);
            }
        });
        Add("hasattr", (t, fn, a, k) =>
        {
            Args.Positional("hasattr", a, k, 2, 2);
            string name = Args.Str("hasattr", "name", a[1]);
            if (Methods.Find(a[0], name) != null) return BoolValue.True;
            return BoolValue.Of(a[0] is IHasAttributes ha && ha.GetAttr(name) != null);
        });
        Add("hash", (t, fn, a, k) =>
        {
            Args.Positional("hash", a, k, 1, 1);
            if (a[0] is not StringValue s) throw new EvalException($"hash: got {a[0].Type}, want string");
            int h = 0;
            foreach (char c in s.Value) h = unchecked(31 * h + c);
            return IntValue.Of(h);
        });
        Add("int", (t, fn, a, k) =>
        {
            var p = Args.Unpack("int", a, k, "x?", "base?");
            if (p[0] == null) throw new EvalException("int: missing argument for x");
            var x = p[0]!;
            if (x is StringValue s)
            {
                int b = p[1] == null ? 10 : Args.Int("int", "base", p[1]!);
                if (b != 0 && (b < 2 || b > 36)) throw new EvalException("int: base must be an integer >= 2 && <= 36");
                return ParseInt(s.Value, b);
            }
            if (p[1] != null) throw new EvalException("int: can't convert non-string with explicit base");
            switch (x)
            {
                case IntValue i: return i;
                case BoolValue bv: return bv.Value ? IntValue.One : IntValue.Zero;
                case FloatValue f:
                    if (double.IsNaN(f.Value)) throw new EvalException("int: cannot convert float NaN to integer");
                    if (double.IsInfinity(f.Value)) throw new EvalException("int: cannot convert float infinity to integer");
                    return IntValue.Of(new BigInteger(Math.Truncate(f.Value)));
            }
            throw new EvalException($"int: got {x.Type}, want int or string");
        });
        Add("len", (t, fn, a, k) =>
        {
            Args.Positional("len", a, k, 1, 1);
            int n = Ops.Len(a[0]);
            if (n < 0) throw new EvalException($"len: value of type {a[0].Type} has no len");
            return IntValue.Of(n);
        });
        Add("list", (t, fn, a, k) =>
        {
            Args.Positional("list", a, k, 0, 1);
            if (a.Length == 0) return new ListValue();
            return new ListValue(Args.Iterable("list", "iterable", a[0]).ToList());
        });
        Add("tuple", (t, fn, a, k) =>
        {
            Args.Positional("tuple", a, k, 0, 1);
            if (a.Length == 0) return TupleValue.Empty;
            if (a[0] is TupleValue tv) return tv;
            return new TupleValue(Args.Iterable("tuple", "iterable", a[0]).ToArray());
        });
        Add("set", (t, fn, a, k) =>
        {
            Args.Positional("set", a, k, 0, 1);
            var s = new SetValue();
            if (a.Length == 1) foreach (var x in Args.Iterable("set", "iterable", a[0])) s.Add(x);
            return s;
        });
        Add("max", (t, fn, a, k) => MinMax("max", t, a, k, true));
        Add("min", (t, fn, a, k) => MinMax("min", t, a, k, false));
        Add("ord", (t, fn, a, k) =>
        {
            Args.Positional("ord", a, k, 1, 1);
            if (a[0] is not StringValue s) throw new EvalException($"ord: got {a[0].Type}, want string");
            var bytes = s.Bytes;
            if (bytes.Length == 0) throw new EvalException("ord: string encodes 0 Unicode code points, want 1");
            var (r, w) = ByteString.DecodeRune(bytes, 0);
            if (w != bytes.Length) throw new EvalException($"ord: string encodes {CountRunes(bytes)} Unicode code points, want 1");
            return IntValue.Of(r);
        });
        Add("print", (t, fn, a, k) =>
        {
            string sep = " ";
            if (k != null)
            {
                foreach (var kv in k)
                {
                    if (kv.Key != "sep") throw new EvalException($"print: unexpected keyword argument {kv.Key}");
                    sep = Args.Str("print", "sep", kv.Value);
                }
            }
            t.DoPrint(string.Join(sep, a.Select(x => x.Str())));
            return NoneValue.None;
        });
        Add("range", (t, fn, a, k) =>
        {
            Args.Positional("range", a, k, 1, 3);
            long start = 0, stop, step = 1;
            if (a.Length == 1) stop = Args.Int("range", "stop", a[0]);
            else
            {
                start = Args.Int("range", "start", a[0]);
                stop = Args.Int("range", "stop", a[1]);
                if (a.Length == 3) step = Args.Int("range", "step", a[2]);
            }
            if (step == 0) throw new EvalException("range: step argument must not be zero");
            return new RangeValue(start, stop, step);
        });
        Add("repr", (t, fn, a, k) =>
        {
            Args.Positional("repr", a, k, 1, 1);
            return StringValue.Of(a[0].Repr());
        });
        Add("str", (t, fn, a, k) =>
        {
            Args.Positional("str", a, k, 1, 1);
            return a[0] is StringValue ? a[0] : StringValue.Of(a[0].Str());
        });
        Add("reversed", (t, fn, a, k) =>
        {
            Args.Positional("reversed", a, k, 1, 1);
            var l = Args.Iterable("reversed", "iterable", a[0]).ToList();
            l.Reverse();
            return new ListValue(l);
        });
        Add("sorted", (t, fn, a, k) =>
        {
            var p = Args.Unpack("sorted", a, k, "iterable", "key?", "reverse?");
            var items = Args.Iterable("sorted", "iterable", p[0]!).ToList();
            var key = p[1] == null ? null : Args.Callable("sorted", "key", p[1]!);
            bool reverse = p[2]?.Truth ?? false;
            return new ListValue(Sort(t, items, key, reverse));
        });
        Add("type", (t, fn, a, k) =>
        {
            Args.Positional("type", a, k, 1, 1);
            return StringValue.Of(a[0].Type);
        });
        Add("zip", (t, fn, a, k) =>
        {
            Args.NoKwargs("zip", k);
            var lists = new List<List<Value>>();
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] is not IIterable it) throw new EvalException($"zip: argument #{i + 1} is not iterable: {a[i].Type}");
                lists.Add(it.Iterate().ToList());
            }
            int n = lists.Count == 0 ? 0 : lists.Min(l => l.Count);
            var r = new List<Value>(n);
            for (int j = 0; j < n; j++) r.Add(new TupleValue(lists.Select(l => l[j]).ToArray()));
            return new ListValue(r);
        });
        return m;
    }

    private static int CountRunes(byte[] b)
    {
        int n = 0;
        for (int i = 0; i < b.Length; n++) i += ByteString.DecodeRune(b, i).Width;
        return n;
    }

    /// <summary>Converts an int to float, failing when it is too large.</summary>
    public static double IntToFloat(IntValue i)
    {
        double d = i.ToDouble();
        if (double.IsInfinity(d)) throw new EvalException("int too large to convert to float");
        return d;
    }

    /// <summary>Sorts stably with Starlark's &lt;, optionally by key and reversed.</summary>
    public static List<Value> Sort(StarlarkThread t, List<Value> items, Value? key, bool reverse)
    {
        var keys = key == null ? items : items.Select(x => t.Call(key, x)).ToList();
        var idx = Enumerable.Range(0, items.Count).ToArray();
        Comparison<int> cmp = (i, j) =>
        {
            if (Ops.Less(keys[i], keys[j])) return reverse ? 1 : -1;
            if (Ops.Less(keys[j], keys[i])) return reverse ? -1 : 1;
            return i.CompareTo(j);
        };
        // Merge sort for stability and deterministic comparison errors.
        var sorted = MergeSort(idx, cmp);
        return sorted.Select(i => items[i]).ToList();
    }

    private static int[] MergeSort(int[] a, Comparison<int> cmp)
    {
        if (a.Length <= 1) return a;
        var left = MergeSort(a[..(a.Length / 2)], cmp);
        var right = MergeSort(a[(a.Length / 2)..], cmp);
        var r = new int[a.Length];
        int i = 0, j = 0, k = 0;
        while (i < left.Length && j < right.Length) r[k++] = cmp(right[j], left[i]) < 0 ? right[j++] : left[i++];
        while (i < left.Length) r[k++] = left[i++];
        while (j < right.Length) r[k++] = right[j++];
        return r;
    }

    private static Value MinMax(string name, StarlarkThread t, Value[] a, KeyValuePair<string, Value>[]? k, bool max)
    {
        Value? key = null;
        if (k != null)
        {
            foreach (var kv in k)
            {
                if (kv.Key != "key") throw new EvalException($"{name}: unexpected keyword argument {kv.Key}");
                key = Args.Callable(name, "key", kv.Value);
            }
        }
        if (a.Length == 0) throw new EvalException($"{name} requires at least one positional argument");
        IEnumerable<Value> items;
        if (a.Length == 1)
        {
            if (a[0] is not IIterable it) throw new EvalException($"{name}: {a[0].Type} value is not iterable");
            items = it.Iterate();
        }
        else items = a;
        Value? best = null, bestKey = null;
        foreach (var x in items)
        {
            var kx = key == null ? x : t.Call(key, x);
            if (best == null || (max ? Ops.Less(bestKey!, kx) : Ops.Less(kx, bestKey!)))
            {
                best = x;
                bestKey = kx;
            }
        }
        return best ?? throw new EvalException($"{name}: argument is an empty sequence");
    }

    /// <summary>float(string) following Go's strconv.ParseFloat.</summary>
    public static double ParseFloat(string s)
    {
        string t = s;
        string lower = t.ToLowerInvariant();
        string body = lower.TrimStart('+', '-');
        bool neg = lower.StartsWith('-');
        if (lower.Length - body.Length <= 1 && (body == "inf" || body == "infinity")) return neg ? double.NegativeInfinity : double.PositiveInfinity;
        if (lower == "nan") return double.NaN;
        bool ok = t.Length > 0;
        int i = 0;
        if (ok && (t[0] == '+' || t[0] == '-')) i++;
        int digits = 0;
        while (i < t.Length && char.IsAsciiDigit(t[i])) { i++; digits++; }
        if (i < t.Length && t[i] == '.') { i++; while (i < t.Length && char.IsAsciiDigit(t[i])) { i++; digits++; } }
        if (digits == 0) ok = false;
        if (ok && i < t.Length && (t[i] == 'e' || t[i] == 'E'))
        {
            i++;
            if (i < t.Length && (t[i] == '+' || t[i] == '-')) i++;
            int ed = 0;
            while (i < t.Length && char.IsAsciiDigit(t[i])) { i++; ed++; }
            if (ed == 0) ok = false;
        }
        if (!ok || i != t.Length) throw new EvalException($"float: invalid syntax: {StringValue.Of(s).Repr()}");
        double d = double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(d)) throw new EvalException($"float: value out of range: {StringValue.Of(s).Repr()}");
        return d;
    }

    /// <summary>int(string, base) with Starlark's prefix rules.</summary>
    public static IntValue ParseInt(string orig, int b)
    {
        string s = orig;
        bool neg = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            neg = s[0] == '-';
            s = s[1..];
        }
        EvalException Invalid() => new($"int: invalid literal with base {b}: {orig}");
        if (s.Length > 1 && s[0] == '0' && char.IsAsciiLetter(s[1]))
        {
            char p = char.ToLowerInvariant(s[1]);
            int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
            if (pb != 0 && (b == 0 || b == pb))
            {
                b = pb;
                s = s[2..];
            }
        }
        if (b == 0)
        {
            if (s.Length > 1 && s[0] == '0') { b = 0; throw Invalid(); }
            b = 10;
        }
        if (s.Length == 0 || !IntValue.TryParse(s, b, out var v)) throw Invalid();
        return neg ? (IntValue)Ops.Unary(Syntax.TokenKind.Minus, v) : v;
    }
}
